// `deno task data export` writes a dataset as NumPy's .npz plus a JSON manifest; Debian's
// python3-numpy reads it (tests/python/check_npz_export.py): every array's dtype and shape, the
// labels, and the content hash recomputed in Python from the exported bytes.
import assert from "node:assert/strict";
import { join } from "node:path";
import { CATALOG, DatasetFile, loadDataset } from "../lib/data/mod.ts";
import { runTask } from "./_cli.ts";

const checker = new URL("./python/check_npz_export.py", import.meta.url).pathname;

async function python(args: string[]) {
  const output = await new Deno.Command("python3", { args, stdout: "piped", stderr: "piped" })
    .output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("a catalog dataset exported to .npz loads in NumPy with its shapes, labels and content hash", async () => {
  const out = await Deno.makeTempDir({ prefix: "npz-export-" });
  try {
    const result = await runTask("data", ["export", "plain-clean-16", "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /plain-clean-16\.npz, \.manifest\.json/);
    const npz = join(out, "plain-clean-16.npz");
    const manifestPath = join(out, "plain-clean-16.manifest.json");
    const checked = await python([checker, npz, manifestPath]);
    assert.equal(checked.code, 0, `python3 (numpy) check failed:\n${checked.stderr}`);
    const seen = JSON.parse(checked.stdout);

    const spec = CATALOG.find((entry) => entry.name === "plain-clean-16")!;
    const file: DatasetFile = await loadDataset(spec);
    try {
      assert.equal(seen.hash, file.hash);
      const winding = [...file.labels("test").winding];
      const counts: Record<string, number> = {};
      for (const value of winding) counts[value] = (counts[value] ?? 0) + 1;
      assert.deepEqual(seen.classCounts.test, counts);
      assert.equal(seen.arrays, file.header.sections.length);
    } finally {
      file.close();
    }

    // The same dataset exports to the same bytes.
    const again = await Deno.makeTempDir({ prefix: "npz-export-" });
    try {
      assert.equal((await runTask("data", ["export", "plain-clean-16", "--out", again])).code, 0);
      assert.deepEqual(
        await Deno.readFile(join(again, "plain-clean-16.npz")),
        await Deno.readFile(npz),
      );
    } finally {
      await Deno.remove(again, { recursive: true });
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a tampered export fails the Python hash check", async () => {
  const out = await Deno.makeTempDir({ prefix: "npz-export-" });
  try {
    assert.equal((await runTask("data", ["export", "plain-clean-16", "--out", out])).code, 0);
    const manifestPath = join(out, "plain-clean-16.manifest.json");
    const manifest = JSON.parse(await Deno.readTextFile(manifestPath));
    manifest.hash = manifest.hash.replace(/^./, (c: string) => (c === "0" ? "1" : "0"));
    await Deno.writeTextFile(manifestPath, JSON.stringify(manifest));
    const checked = await python([checker, join(out, "plain-clean-16.npz"), manifestPath]);
    assert.notEqual(checked.code, 0, "a wrong hash must not pass");
    assert.match(checked.stderr, /AssertionError/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("export refuses an unknown format before any work", async () => {
  const result = await runTask("data", ["export", "plain-clean-16", "--format", "hdf5"]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /--format must be one of npz: received "hdf5"/);
});
