import assert from "node:assert/strict";
import { join } from "node:path";
import { buildReport } from "../lib/reporting/mod.ts";
import { mergeRecords, readRecords, recordPath } from "../lib/records/mod.ts";
import { verifyRecord } from "../lib/submissions/mod.ts";
import { planCells, profile, runPlanned } from "../lib/studies/mod.ts";
import { SUITE_VERSION } from "../lib/version.ts";

// A tiny slice of the suite: three studies, two architectures (one exact-invariant, one fixed-size).
const TINY = profile("tiny");
const SLICE = {
  profile: TINY,
  studies: ["expressivity", "trainability", "size"],
  architectures: ["mlp", "topo"],
};

const strip = (records: Awaited<ReturnType<typeof readRecords>>) =>
  records.map((record) => [record.cell.study, record.cell.id, record.contentHash]);

Deno.test("a tiny profile runs end to end: schema-valid records, boards, report; shards merge to the same records", async () => {
  const whole = await Deno.makeTempDir();
  const sharded = await Deno.makeTempDir();
  try {
    const planned = planCells(SLICE);
    await runPlanned(planned, { root: whole });
    const records = await readRecords("tiny", whole); // validates every record
    assert.equal(records.length, planned.length);
    assert(
      records.some((record) =>
        record.status === "not-applicable" && record.cell.architecture === "mlp"
      ),
    );
    const expressive = records.find((record) =>
      record.cell.id === "topo.seed=0.init=exact.plain-disorder-32"
    )!;
    assert.equal(expressive.metrics.accuracy, 1);
    assert((expressive.metrics.maxInvariantError as number) < 1e-4);
    const boards = await buildReport("tiny", whole);
    assert.deepEqual(boards.map((board) => board.study), ["expressivity", "trainability", "size"]);
    const size = JSON.parse(
      await Deno.readTextFile(join(whole, SUITE_VERSION, "tiny", "size", "leaderboard.json")),
    );
    assert.equal(size.rankingRule.metric, "meanAccuracy");
    assert.deepEqual(
      size.notApplicable.map((entry: { architecture: string }) => entry.architecture),
      ["mlp"],
    );
    const report = await Deno.readTextFile(join(whole, SUITE_VERSION, "tiny", "REPORT.md"));
    assert.match(report, /## Expressivity/);
    // Two shards, run separately, then merged: the same records (timing aside).
    for (const shard of ["1/2", "2/2"]) {
      await runPlanned(planCells({ ...SLICE, shard }), {
        root: join(sharded, shard.replace("/", "-")),
      });
    }
    await mergeRecords([join(sharded, "1-2"), join(sharded, "2-2")], join(sharded, "merged"));
    assert.deepEqual(strip(await readRecords("tiny", join(sharded, "merged"))), strip(records));
  } finally {
    await Deno.remove(whole, { recursive: true });
    await Deno.remove(sharded, { recursive: true });
  }
});

Deno.test("a killed bench run resumes: completed cells are skipped, none is half-written", async () => {
  const root = await Deno.makeTempDir();
  const args = [
    "bench",
    "-A",
    "bench/studies_bench.ts",
    "--",
    "--profile",
    "tiny",
    "--study",
    "trainability",
    "--arch",
    "topo",
    "--root",
    root,
    "--fresh",
  ];
  const cwd = new URL("../", import.meta.url);
  try {
    const child = new Deno.Command(Deno.execPath(), { args, cwd, stdout: "null", stderr: "null" })
      .spawn();
    const folder = join(root, SUITE_VERSION, "tiny", "records", "trainability");
    for (let waited = 0; waited < 120_000; waited += 10) {
      const written = await Array.fromAsync(Deno.readDir(folder)).catch(() => []);
      if (written.some((entry) => entry.name.endsWith(".json"))) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill("SIGKILL");
    await child.status;
    const before = await readRecords("tiny", root); // every file present parses and validates
    assert(before.length >= 1);
    const total =
      planCells({ profile: TINY, studies: ["trainability"], architectures: ["topo"] }).length;
    assert(before.length < total, "the run was killed before finishing");
    const output = await new Deno.Command(Deno.execPath(), {
      args,
      cwd,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(output.success, new TextDecoder().decode(output.stderr));
    const log = new TextDecoder().decode(output.stderr);
    assert.equal((log.match(/record exists: skipped/g) ?? []).length, before.length);
    const after = await readRecords("tiny", root);
    assert.equal(after.length, total);
    for (const record of before) {
      assert.equal(
        after.find((r) => r.cell.id === record.cell.id)!.contentHash,
        record.contentHash,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("verification: a re-run agrees; a hand-edited record fails", async () => {
  const root = await Deno.makeTempDir();
  try {
    const [planned] = planCells({
      profile: TINY,
      studies: ["trainability"],
      architectures: ["mlp"],
    });
    await runPlanned([planned], { root });
    const path = recordPath(planned, root);
    assert.deepEqual((await verifyRecord(path)).differences, []);
    const record = JSON.parse(await Deno.readTextFile(path));
    record.metrics.testAccuracy = 1; // a forged improvement
    await Deno.writeTextFile(path, JSON.stringify(record));
    await assert.rejects(() => verifyRecord(path), /contentHash does not match/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("unknown studies, architectures, profiles and shards are refused by name", () => {
  assert.throws(
    () => planCells({ profile: TINY, studies: ["astrology"] }),
    /Unknown study "astrology": known are expressivity, trainability/,
  );
  assert.throws(
    () => planCells({ profile: TINY, architectures: ["gpt"] }),
    /Unknown architecture "gpt"/,
  );
  assert.throws(() => profile("huge"), /Unknown profile "huge": expected one of tiny, quick/);
  assert.throws(() => planCells({ profile: TINY, shard: "0/2" }), /shard must be k\/n/);
});

Deno.test("a record of the same cell from another configuration is never overwritten", async () => {
  const { runOrResume } = await import("../lib/studies/mod.ts");
  const root = await Deno.makeTempDir();
  try {
    const [planned] = planCells({
      profile: TINY,
      studies: ["expressivity"],
      architectures: ["topo"],
    });
    await runOrResume(planned, root);
    const path = recordPath(planned, root);
    const before = await Deno.readTextFile(path);
    assert.equal((await runOrResume(planned, root)).skipped, true);
    const changed = {
      ...planned,
      cell: { ...planned.cell, batchSize: planned.cell.batchSize + 1 },
    };
    await assert.rejects(
      () => runOrResume(changed, root),
      (error: Error) =>
        error instanceof RangeError && error.message.includes(path) &&
        /another configuration/.test(error.message),
    );
    assert.equal(await Deno.readTextFile(path), before);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
