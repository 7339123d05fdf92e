// Integrity of records (issue 15, item 3): `report build`, `site:build` and `verify` refuse a cell
// recorded under two file names, a record whose file name, cell id and seed disagree, and
// provenance that disagrees with the record's own suite version; each file is named once and
// nothing is written.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  checkRecordFiles,
  configHash,
  readProfileRecords,
  recordHash,
  type StudyRecord,
} from "../lib/records/mod.ts";
import { PUBLISHED_VERSION } from "./_published.ts";
import { SUITE_VERSION } from "../lib/version.ts";
import { runCommand } from "./_cli.ts";

const SOURCE = join("reports", PUBLISHED_VERSION, "standard", "records", "disorder");
const NAME = "mlp.seed=0.init=random.json";
const ALL = ["--allow-read", "--allow-write", "--allow-env", "--allow-run", "--allow-sys"];

/** A reports tree holding two real published records of the disorder study. */
async function fixture(): Promise<{ root: string; folder: string }> {
  const root = await Deno.makeTempDir({ prefix: "integrity-" });
  const folder = join(root, SUITE_VERSION, "standard", "records", "disorder");
  await Deno.mkdir(folder, { recursive: true });
  for (const name of [NAME, "mlp.seed=1.init=random.json"]) {
    // Published records of the newest published version, stamped with this version (and
    // re-hashed) so that the tools below read them as this version's own records.
    const record = rehashed(await readJson(join(SOURCE, name)), (copy) => {
      (copy as { suiteVersion: string }).suiteVersion = SUITE_VERSION;
      copy.provenance.suiteVersion = SUITE_VERSION;
    });
    await Deno.writeTextFile(join(folder, name), JSON.stringify(record, null, 1) + "\n");
  }
  return { root, folder };
}

/** Every file under `root` with its bytes, to show that a refusal wrote nothing. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (path: string): Promise<void> => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else files.set(child, await Deno.readTextFile(child));
    }
  };
  await walk(root);
  return files;
}

/** A record re-hashed after `edit`, as a forger with the public hash recipe would. */
function rehashed(record: StudyRecord, edit: (record: StudyRecord) => void): StudyRecord {
  const copy = structuredClone(record);
  edit(copy);
  copy.configHash = configHash(copy.cell);
  copy.contentHash = recordHash(copy);
  return copy;
}

async function readJson(path: string): Promise<StudyRecord> {
  return JSON.parse(await Deno.readTextFile(path));
}

/** Runs report build, site:build and verify on the tree; each must refuse with `pattern`. */
async function assertAllRefuse(
  root: string,
  file: string,
  pattern: RegExp,
  once: readonly string[] = [],
): Promise<void> {
  const before = await snapshot(root);
  const out = join(root, "_site");
  const runs = {
    "report build": await runCommand("lib/cli/report.ts", [
      "build",
      "--profile",
      "standard",
      "--root",
      root,
    ], ALL),
    "site:build": await runCommand("web/build.ts", ["--root", root, "--out", out], ALL),
    verify: await runCommand("lib/cli/verify.ts", [file], ALL),
  };
  for (const [name, run] of Object.entries(runs)) {
    assert.notEqual(run.code, 0, `${name} accepted: ${run.stdout}`);
    assert.match(run.stderr, pattern, `${name}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /Uncaught/, name);
    for (const path of once) {
      assert.equal(run.stderr.split(path).length - 1, 1, `${name} names ${path} more than once`);
    }
  }
  assert.deepEqual(await snapshot(root), before, "a refusal wrote or changed a file");
  await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
}

Deno.test("a record copied under another file name is refused, each file named once", async () => {
  const { root, folder } = await fixture();
  const copy = join(folder, "mlp.seed=5.init=random.json");
  await Deno.copyFile(join(folder, NAME), copy);
  const original = join(folder, NAME);
  const pattern = new RegExp(
    `cell disorder/mlp\\.seed=0\\.init=random is recorded in 2 files: ${RegExp.escape(original)}, ${
      RegExp.escape(copy)
    }\\n`,
  );
  await assertAllRefuse(root, copy, pattern, [original, copy]);
  await Deno.remove(root, { recursive: true });
});

Deno.test("a record whose file name says seed 0 but whose content says seed 3 is refused", async () => {
  const { root, folder } = await fixture();
  const path = join(folder, NAME);
  const forged = rehashed(await readJson(path), (record) => {
    record.cell.seed = 3;
  });
  await Deno.writeTextFile(path, JSON.stringify(forged, null, 1) + "\n");
  await assertAllRefuse(
    root,
    path,
    /cell id "mlp\.seed=0\.init=random" disagrees with the cell's own fields \(architecture mlp, seed 3, init random\)/,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("a record whose id and seed agree but whose file name does not is refused", async () => {
  const { root, folder } = await fixture();
  const path = join(folder, NAME);
  const forged = rehashed(await readJson(path), (record) => {
    record.cell.seed = 3;
    record.cell.id = "mlp.seed=3.init=random";
  });
  await Deno.writeTextFile(path, JSON.stringify(forged, null, 1) + "\n");
  await assertAllRefuse(
    root,
    path,
    /mlp\.seed=0\.init=random\.json: the file name says cell "mlp\.seed=0\.init=random", the record says "mlp\.seed=3\.init=random"/,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("provenance that disagrees with the record's own suite version is refused", async () => {
  const { root, folder } = await fixture();
  const path = join(folder, NAME);
  const forged = rehashed(await readJson(path), (record) => {
    record.provenance.suiteVersion = "0.1.0";
  });
  await Deno.writeTextFile(path, JSON.stringify(forged, null, 1) + "\n");
  await assertAllRefuse(
    root,
    path,
    new RegExp(
      `provenance says suite 0\\.1\\.0, the record says ${RegExp.escape(SUITE_VERSION)}`,
    ),
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("the published records pass the integrity check as one set", async () => {
  const records = await readProfileRecords("standard", "reports", PUBLISHED_VERSION);
  assert(records.length > 100, `only ${records.length} records`);
  const ids = new Set(records.map((record) => `${record.cell.study}/${record.cell.id}`));
  assert.equal(ids.size, records.length);
});

Deno.test("checkRecordFiles finds a duplicate by config hash across folders", async () => {
  const record = await readJson(join(SOURCE, NAME));
  const other = rehashed(record, (copy) => {
    copy.timing.wallSeconds += 1;
  });
  assert.throws(
    () =>
      checkRecordFiles([
        { path: join("a", "disorder", NAME), record },
        { path: join("b", "disorder", NAME), record: other },
      ]),
    /recorded in 2 files: a\/disorder\/mlp\.seed=0\.init=random\.json, b\/disorder\/mlp\.seed=0\.init=random\.json$/,
  );
});
