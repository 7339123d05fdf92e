// The JSON Schemas under schemas/ are generated from the zod schemas the suite validates with
// (deno task schemas), are current, and accept what the suite publishes: every record and
// leaderboard under reports/ and a fresh dataset manifest validate under a standard JSON Schema
// validator (Ajv), while broken files are refused.
import assert from "node:assert/strict";
import { join } from "node:path";
import Ajv from "ajv";
import { buildDataset, DatasetFile, datasetNpz, datasetSpec } from "../lib/data/mod.ts";
import { jsonSchemaFiles } from "../lib/site/mod.ts";
import { runTask } from "./_cli.ts";

const root = new URL("../", import.meta.url).pathname;

async function published(name: (file: string, path: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (name(entry.name, path)) found.push(path);
    }
  };
  await walk(join(root, "reports"));
  return found.sort();
}

// deno-lint-ignore no-explicit-any
function validator(name: string): (value: unknown) => { ok: boolean; errors: any } {
  // deno-lint-ignore no-explicit-any
  const ajv = new (Ajv as any)({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(jsonSchemaFiles()[`${name}.schema.json`]));
  return (value) => ({ ok: validate(value), errors: validate.errors });
}

Deno.test("the committed schemas are the generated ones (deno task schemas --check)", async () => {
  for (const [name, text] of Object.entries(jsonSchemaFiles())) {
    assert.equal(
      await Deno.readTextFile(join(root, "schemas", name)),
      text,
      `schemas/${name} is stale`,
    );
  }
  const checked = await runTask("schemas", ["--check"]);
  assert.equal(checked.code, 0, checked.stderr);
  const out = await Deno.makeTempDir();
  try {
    const stale = await runTask("schemas", ["--check", "--out", out]);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /stale or missing .*record\.schema\.json/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("every published record and leaderboard validates against its JSON Schema", async () => {
  const record = validator("record");
  const records = await published((file, path) =>
    file.endsWith(".json") && path.includes("/records/")
  );
  assert(records.length >= 592);
  for (const path of records) {
    const result = record(JSON.parse(await Deno.readTextFile(path)));
    assert(result.ok, `${path}: ${JSON.stringify(result.errors)}`);
  }
  const leaderboard = validator("leaderboard");
  const boards = await published((file) => file === "leaderboard.json");
  assert(boards.length > 0);
  for (const path of boards) {
    const result = leaderboard(JSON.parse(await Deno.readTextFile(path)));
    assert(result.ok, `${path}: ${JSON.stringify(result.errors)}`);
  }
  const [first] = records;
  const broken = JSON.parse(await Deno.readTextFile(first));
  broken.contentHash = "not-a-hash";
  assert(!record(broken).ok, "a record with a bad hash field must fail the schema");
  delete broken.cell;
  assert(!record(broken).ok, "a record without a cell must fail the schema");
});

Deno.test("a dataset export's manifest validates against the dataset-manifest schema", async () => {
  const spec = datasetSpec({
    name: "tiny",
    model: "plain",
    cells: 8,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    splits: { train: 4, validation: 0, test: 2 },
    seed: 1,
  });
  const path = await Deno.makeTempFile({ suffix: ".tlds" });
  try {
    await buildDataset(spec, path, { workers: 1 });
    const file = await DatasetFile.open(path);
    const { manifest } = datasetNpz(file);
    file.close();
    const check = validator("dataset-manifest");
    assert(check(JSON.parse(JSON.stringify(manifest))).ok);
    assert(!check({ ...manifest, format: "other" }).ok);
  } finally {
    await Deno.remove(path);
  }
});
