// Dataset spec files: the committed JSON Schema is the one generated from the zod schema, the
// committed example validates under it and builds through `deno task data build --spec`, and
// `data inspect --json` prints a spec that builds the same bytes again. Stratified balancing
// removes the disorder-strength proxy that rejection sampling leaves.
import assert from "node:assert/strict";
import { join } from "node:path";
import Ajv from "ajv";
import {
  buildDataset,
  CATALOG,
  catalogSpec,
  DatasetFile,
  datasetSpec,
  type DatasetSpecInput,
  PARAMETER_NAMES,
  parseSpecFile,
  readSpecFile,
} from "../lib/data/mod.ts";
import { jsonSchemaFiles } from "../lib/site/mod.ts";
import { runCommand } from "./_cli.ts";
import pins from "../lib/data/catalog_hashes.json" with { type: "json" };

const root = new URL("../", import.meta.url).pathname;
const ENTRY = "lib/cli/data.ts";
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env"];
const EXAMPLE = join(root, "examples", "dataset-spec.json");

function specValidator(): (value: unknown) => boolean {
  // deno-lint-ignore no-explicit-any
  const ajv = new (Ajv as any)({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(jsonSchemaFiles()["dataset-spec.schema.json"]));
}

Deno.test("schemas/dataset-spec.schema.json is current and accepts the example and every catalog spec", async () => {
  const text = jsonSchemaFiles()["dataset-spec.schema.json"];
  assert.equal(await Deno.readTextFile(join(root, "schemas", "dataset-spec.schema.json")), text);
  const validate = specValidator();
  const example = JSON.parse(await Deno.readTextFile(EXAMPLE));
  assert(validate(example));
  assert.equal(parseSpecFile(example).name, example.name);
  for (const spec of CATALOG) {
    assert(validate(spec), spec.name);
    assert.deepEqual(parseSpecFile(JSON.parse(JSON.stringify(spec))), spec);
  }
  assert(!validate({ ...example, model: "ring" }));
  assert(!validate({ ...example, cells: 3 }));
  assert(!validate({ ...example, extra: 1 }));
  assert.throws(() => parseSpecFile({ ...example, extra: 1 }), /extra/);
  // Types pass the schema, ranges are datasetSpec's: an empty range is a RangeError.
  assert.throws(
    () => parseSpecFile({ ...example, intracell: { min: 2, max: 1 } }),
    /intracell is an empty range/,
  );
});

Deno.test("data build --spec FILE and inspect --json: the spec round-trips to the same bytes", async () => {
  const cache = await Deno.makeTempDir();
  try {
    const common = ["--cache", cache, "--workers", "1", "--device", "cpu"];
    const built = await runCommand(ENTRY, ["build", "--spec", EXAMPLE, ...common], PERMISSIONS);
    assert.equal(built.code, 0, built.stderr);
    const [name, hash] = built.stdout.trim().split(/\s+/);
    assert.equal(name, "plain-wide-tiny-16");
    const inspect = await runCommand(
      ENTRY,
      ["inspect", "--spec", EXAMPLE, "--json", ...common],
      PERMISSIONS,
    );
    assert.equal(inspect.code, 0, inspect.stderr);
    assert.doesNotMatch(inspect.stderr, /building/); // the same cache entry
    const summary = JSON.parse(inspect.stdout);
    assert.equal(summary.hash, hash);
    assert(specValidator()(summary.spec));
    // The printed spec, saved as a file, is the same dataset.
    const again = join(cache, "again.json");
    await Deno.writeTextFile(again, JSON.stringify(summary.spec));
    const rebuilt = await runCommand(ENTRY, ["build", "--spec", again, ...common], PERMISSIONS);
    assert.equal(rebuilt.stdout.trim().split(/\s+/)[1], hash);
    // A catalog entry's inspect spec builds the pinned bytes.
    const catalog = await runCommand(
      ENTRY,
      ["inspect", "plain-clean-16", "--json", ...common],
      PERMISSIONS,
    );
    const printed = join(cache, "clean16.json");
    await Deno.writeTextFile(printed, JSON.stringify(JSON.parse(catalog.stdout).spec));
    assert.deepEqual(await readSpecFile(printed), catalogSpec("plain-clean-16"));
    const pinned = await runCommand(ENTRY, ["build", "--spec", printed, ...common], PERMISSIONS);
    assert.equal(pinned.code, 0, pinned.stderr);
    assert.equal(
      pinned.stdout.trim().split(/\s+/)[1],
      (pins as Record<string, string>)["plain-clean-16"],
    );
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("data build --spec: bad files, catalog names with other specs and NAME with --spec exit 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bad = join(dir, "bad.json");
    await Deno.writeTextFile(bad, JSON.stringify({ name: "x", model: "plain", cells: "16" }));
    const typed = await runCommand(ENTRY, ["build", "--spec", bad], PERMISSIONS);
    assert.equal(typed.code, 2);
    assert.match(typed.stderr, /bad\.json: Not a dataset spec file: cells: /);
    const clash = join(dir, "clash.json");
    await Deno.writeTextFile(clash, JSON.stringify({ ...catalogSpec("plain-clean-32"), seed: 9 }));
    const clashed = await runCommand(ENTRY, ["build", "--spec", clash], PERMISSIONS);
    assert.equal(clashed.code, 2);
    assert.match(clashed.stderr, /"plain-clean-32" is a catalog dataset with another spec/);
    const both = await runCommand(
      ENTRY,
      ["build", "plain-clean-16", "--spec", EXAMPLE],
      PERMISSIONS,
    );
    assert.equal(both.code, 2);
    const missing = await runCommand(
      ENTRY,
      ["build", "--spec", join(dir, "none.json")],
      PERMISSIONS,
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /none\.json: not a JSON dataset spec/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function disorderColumn(input: DatasetSpecInput): Promise<{
  w1: Float64Array;
  winding: Int8Array;
}> {
  const spec = datasetSpec(input);
  const path = await Deno.makeTempFile({ suffix: ".tlds" });
  try {
    await buildDataset(spec, path, { workers: 1 });
    const file = await DatasetFile.open(path);
    const labels = file.labels("test");
    file.close();
    const column = PARAMETER_NAMES.indexOf("intracellDisorder");
    const w1 = Float64Array.from(
      labels.winding,
      (_, i) => labels.parameters[i * PARAMETER_NAMES.length + column],
    );
    return { w1, winding: labels.winding };
  } finally {
    await Deno.remove(path);
  }
}

function meanByClass({ w1, winding }: { w1: Float64Array; winding: Int8Array }): number[] {
  return [0, 1].map((c) => {
    const chosen = w1.filter((_, i) => winding[i] === c);
    return chosen.reduce((a, b) => a + b, 0) / chosen.length;
  });
}

Deno.test("stratify disorder: a sample's disorder strength is drawn before, and whatever, its class", async () => {
  const base: DatasetSpecInput = {
    name: "strata",
    model: "plain",
    cells: 16,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    disorder: { intracell: { min: 0, max: 3.5 }, intercellRatio: 0.5 },
    splits: { train: 0, validation: 0, test: 300 },
    seed: 11,
    representations: ["hamiltonian"],
    stratify: "disorder",
  };
  const stratified = await disorderColumn(base);
  // The strengths do not depend on the hopping draws, so not on the redraws that pick a class:
  // another v range gives the very same W1 per sample, and the classes stay balanced.
  const narrower = await disorderColumn({ ...base, intracell: { min: 0, max: 1.5 } });
  assert.deepEqual(narrower.w1, stratified.w1);
  assert.equal(stratified.winding.filter((w) => w === 1).length, 150);
  const [mean0, mean1] = meanByClass(stratified);
  assert(Math.abs(mean0 - mean1) < 0.25, `${mean0} vs ${mean1}`);
  // Rejection sampling redraws W1 with v, so over the standard W1 range class 0 collects the
  // strong disorder (the proxy of plain-disorder-32).
  const { stratify: _, ...unstratified } = base;
  const rejected = meanByClass(
    await disorderColumn({
      ...unstratified,
      disorder: { intracell: { min: 0, max: 8 }, intercellRatio: 0.5 },
    }),
  );
  assert(rejected[0] - rejected[1] > 1, JSON.stringify(rejected));
  assert.throws(() => datasetSpec({ ...base, balance: false }), RangeError);
});

Deno.test("edges: bonds touching the end cells are redrawn, the bulk and its centre winding are not", async () => {
  const spec = datasetSpec({
    name: "edges",
    model: "plain",
    cells: 32,
    intracell: 0.5,
    intercell: 1,
    edges: { cells: 6, hoppings: { min: -2, max: 2 } },
    splits: { train: 0, validation: 0, test: 20 },
    balance: false,
    seed: 3,
    representations: ["hamiltonian"],
  });
  const path = await Deno.makeTempFile({ suffix: ".tlds" });
  try {
    await buildDataset(spec, path, { workers: 1 });
    const file = await DatasetFile.open(path);
    const h = file.readSamples("test", "hamiltonian", Int32Array.from({ length: 20 }, (_, i) => i));
    const labels = file.labels("test");
    file.close();
    let redrawn = 0;
    for (let k = 0; k < 20; k++) {
      for (let cell = 0; cell < 32; cell++) {
        const [v, w] = [h[(k * 32 + cell) * 2], h[(k * 32 + cell) * 2 + 1]];
        if (cell >= 6 && cell < 25) { // bonds wholly inside: the bulk values
          assert.equal(v, 0.5);
          assert.equal(w, 1);
        }
        if (cell < 6 && v !== 0.5) redrawn++;
      }
      // A clean topological bulk keeps its winding whatever its edges.
      assert.equal(labels.winding[k], 1);
    }
    assert(redrawn > 100, `${redrawn} edge bonds redrawn`);
    // Redrawn edges must stay outside the centre the RSWN traces.
    assert.throws(() => datasetSpec({ ...spec, edges: { cells: 8, hoppings: 1 } }), /edges\.cells/);
  } finally {
    await Deno.remove(path);
  }
});
