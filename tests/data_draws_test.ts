// Dataset draws: draw k of a catalog dataset is the same spec with an independent seed and its
// own name (so its own content hash); draw 0 is the catalog entry itself, bytes and hash unchanged.
import assert from "node:assert/strict";
import {
  buildDataset,
  CATALOG,
  catalogSpec,
  datasetDraw,
  drawSpec,
  generateSample,
} from "../lib/data/mod.ts";
import pins from "../lib/data/catalog_hashes.json" with { type: "json" };

Deno.test("draw 0 is the catalog entry; draw k differs only in its name and seed", () => {
  const seeds = new Set<number>();
  for (const entry of CATALOG) {
    assert.equal(drawSpec(entry.name, 0), entry);
    assert.equal(datasetDraw(entry.name), 0, `${entry.name} reads as a draw`);
    for (const draw of [0, 1, 2, 4]) {
      const spec = drawSpec(entry.name, draw);
      assert.deepEqual({ ...spec, name: entry.name, seed: entry.seed }, entry);
      assert.equal(datasetDraw(spec.name), draw);
      assert.deepEqual(catalogSpec(spec.name), spec);
      assert(!seeds.has(spec.seed), `${spec.name}: seed ${spec.seed} used twice`);
      seeds.add(spec.seed);
    }
  }
});

Deno.test("an independent draw has other samples and another content hash; draw 0 keeps its pin", async () => {
  const base = catalogSpec("plain-clean-16");
  const second = drawSpec("plain-clean-16", 1);
  const a = generateSample(base, "test", 0);
  const b = generateSample(second, "test", 0);
  assert.notDeepEqual(a.parameters, b.parameters);
  const hashes: string[] = [];
  for (const spec of [base, second]) {
    const path = await Deno.makeTempFile({ suffix: ".tlds" });
    try {
      hashes.push((await buildDataset(spec, path, { workers: 1 })).hash);
    } finally {
      await Deno.remove(path);
    }
  }
  assert.equal(hashes[0], (pins as Record<string, string>)["plain-clean-16"]);
  assert.notEqual(hashes[1], hashes[0]);
});

Deno.test("draw names and indices outside the range are refused, named", () => {
  assert.throws(() => drawSpec("plain-clean-16", 1000), /draw must be an integer in \[0, 999\]/);
  assert.throws(() => drawSpec("plain-clean-16", 1.5), /received 1.5/);
  assert.throws(() => drawSpec("plain-clean-16-draw1", 1), /already names a draw/);
  assert.throws(() => catalogSpec("nope-draw1"), /Unknown dataset "nope-draw1"/);
});
