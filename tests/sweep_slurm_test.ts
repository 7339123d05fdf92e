// A live single-node SLURM cluster (tests/_slurm.ts) runs a tiny sweep: `deno task sweep slurm
// --shards 2` submits the array, the shards write their records into a shared results folder,
// `sweep status` and `sweep collect` follow and merge, and the merged records equal an unsharded
// run's (content hashes: timings and engine ids aside). A resubmission after deleting one record
// re-runs exactly that cell. Skips (with the reason) where the daemons cannot start.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readRecord, readRecords, recordPath } from "../lib/records/mod.ts";
import { planCells, profile } from "../lib/studies/mod.ts";
import { type Cluster, startCluster } from "./_slurm.ts";

const SLICE = {
  profile: "tiny" as const,
  studies: ["trainability"],
  architectures: ["mlp", "topo"],
};
const selectionOf = (slice: typeof SLICE) => [
  "--profile",
  slice.profile,
  ...slice.studies.flatMap((study) => ["--study", study]),
  ...slice.architectures.flatMap((name) => ["--arch", name]),
];
const SELECTION = selectionOf(SLICE);
// The cancel test needs cells left after the first record, however fast the machine: more of them.
const CANCEL_SLICE = { ...SLICE, architectures: ["mlp", "topo", "cnn", "resnet", "symmetric"] };

async function sweep(cluster: Cluster, args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "sweep", ...args],
    cwd: new URL("../", import.meta.url),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...cluster.env },
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function waitForJob(cluster: Cluster, jobId: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const output = await new Deno.Command("squeue", {
      args: ["-h", "-j", jobId, "-o", "%i %T"],
      env: cluster.env,
      stdout: "piped",
      stderr: "null",
    }).output();
    if (output.success && new TextDecoder().decode(output.stdout).trim() === "") return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`job ${jobId} did not finish in ${seconds} s`);
}

async function submit(
  cluster: Cluster,
  root: string,
  slice: typeof SLICE = SLICE,
): Promise<{ jobId: string; stdout: string }> {
  const submitted = await sweep(cluster, [
    "slurm",
    ...selectionOf(slice),
    "--shards",
    "2",
    "--partition",
    cluster.partition,
    "--time",
    "00:10:00",
    "--root",
    root,
  ]);
  assert.equal(submitted.code, 0, submitted.stderr);
  const jobId = /submitted job (\d+)/.exec(submitted.stdout)?.[1];
  assert(jobId, submitted.stdout);
  return { jobId, stdout: submitted.stdout };
}

async function logsOf(root: string): Promise<string> {
  const texts: string[] = [];
  for await (const entry of Deno.readDir(join(root, "logs"))) {
    texts.push(`--- ${entry.name}\n${await Deno.readTextFile(join(root, "logs", entry.name))}`);
  }
  return texts.join("\n").slice(-4000);
}

Deno.test("sweep slurm on a live single-node cluster: shards merge to the unsharded records; a resubmission runs only the missing cell", async () => {
  const began = performance.now();
  const cluster = await startCluster();
  if (typeof cluster === "string") {
    console.warn(`skipped: no live SLURM cluster (${cluster})`);
    return;
  }
  const root = await Deno.makeTempDir({ prefix: "sweep-results-" });
  const into = await Deno.makeTempDir({ prefix: "sweep-into-" });
  const whole = await Deno.makeTempDir({ prefix: "sweep-whole-" });
  try {
    const up = performance.now();
    const first = await submit(cluster, root);
    assert.match(first.stdout, /2 of 2 shards/);
    assert.match(first.stdout, /logs: .*logs\/topolearn-tiny-\d+_<index>\.log/);
    await waitForJob(cluster, first.jobId, 150).catch(async (error) => {
      throw new Error(`${error.message}\n${await logsOf(root)}`);
    });
    const ran = performance.now();

    const status = await sweep(cluster, ["status", first.jobId, "--root", root]);
    assert.equal(status.code, 0, status.stderr);
    const planned = planCells({ ...SLICE, profile: profile(SLICE.profile) });
    assert.match(status.stdout, new RegExp(`${planned.length}/${planned.length} cells done`));
    assert.doesNotMatch(status.stdout, /FAILED/, await logsOf(root));

    const collected = await sweep(cluster, [
      "collect",
      first.jobId,
      "--root",
      root,
      "--into",
      into,
    ]);
    assert.equal(collected.code, 0, `${collected.stderr}\n${await logsOf(root)}`);

    // The unsharded run: the same bench, same permissions, no shard, no engine.
    const unsharded = await new Deno.Command(Deno.execPath(), {
      args: [
        "bench",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-sys",
        "--allow-run",
        "--allow-net=127.0.0.1",
        "bench/studies_bench.ts",
        "--",
        ...SELECTION,
        "--root",
        whole,
      ],
      cwd: new URL("../", import.meta.url),
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    assert(unsharded.success, new TextDecoder().decode(unsharded.stderr));
    const hashes = (records: Awaited<ReturnType<typeof readRecords>>) =>
      records.map((record) => [record.cell.study, record.cell.id, record.contentHash]);
    const merged = await readRecords("tiny", into);
    assert.deepEqual(hashes(merged), hashes(await readRecords("tiny", whole)));
    for (const record of merged) {
      assert.equal(record.provenance.engine?.kind, "slurm");
      assert.equal(record.provenance.engine?.jobId, first.jobId);
      assert(["0", "1"].includes(record.provenance.engine?.arrayTaskId ?? ""));
    }

    // One record lost: collect names it and merges nothing; a resubmission runs only its shard,
    // which re-runs only that cell.
    const lost = planned[planned.length - 1];
    const lostPath = recordPath(lost, root);
    await Deno.remove(lostPath);
    const others = planned.filter((cell) => cell !== lost).map((cell) => recordPath(cell, root));
    const before = await Promise.all(others.map((path) => Deno.readTextFile(path)));
    const refused = await sweep(cluster, [
      "collect",
      ...SELECTION,
      "--shards",
      "2",
      "--root",
      root,
      "--into",
      into,
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`trainability/${lost.cell.id.replaceAll(".", "\\.")}`));

    const second = await submit(cluster, root);
    assert.match(second.stdout, /1 of 2 shards/);
    await waitForJob(cluster, second.jobId, 120).catch(async (error) => {
      throw new Error(`${error.message}\n${await logsOf(root)}`);
    });
    const rerun = await readRecord(lostPath);
    assert.equal(rerun.provenance.engine?.jobId, second.jobId);
    assert.deepEqual(await Promise.all(others.map((path) => Deno.readTextFile(path))), before);
    const again = await sweep(cluster, ["collect", second.jobId, "--root", root, "--into", into]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(hashes(await readRecords("tiny", into)), hashes(merged));
    const seconds = (to: number, from: number) => ((to - from) / 1000).toFixed(1);
    console.log(
      `live SLURM sweep: cluster up ${seconds(up, began)} s, first array ${
        seconds(ran, up)
      } s, total ${seconds(performance.now(), began)} s`,
    );
  } finally {
    await cluster.stop();
    if (!Deno.env.get("KEEP_SWEEP")) {
      for (const dir of [root, into, whole]) await Deno.remove(dir, { recursive: true });
    }
  }
});

async function recordFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string) => {
    for await (const entry of Deno.readDir(at)) {
      const path = join(at, entry.name);
      if (entry.isDirectory) await walk(path);
      else found.push(path);
    }
  };
  await walk(dir);
  return found.sort();
}

Deno.test("a sweep cancelled by the scheduler mid-run leaves only whole records, and a resubmission resumes it", async () => {
  const cluster = await startCluster();
  if (typeof cluster === "string") {
    console.warn(`skipped: no live SLURM cluster (${cluster})`);
    return;
  }
  const root = await Deno.makeTempDir({ prefix: "sweep-cancel-" });
  try {
    const planned = planCells({ ...CANCEL_SLICE, profile: profile(CANCEL_SLICE.profile) });
    const paths = planned.map((cell) => recordPath(cell, root));
    const first = await submit(cluster, root, CANCEL_SLICE);
    // Wait for the first record, then cancel the whole array as a time limit or preemption would.
    const until = Date.now() + 150_000;
    let written: string[] = [];
    while (Date.now() < until) {
      written = [];
      for (const path of paths) {
        if (await Deno.stat(path).then(() => true, () => false)) written.push(path);
      }
      if (written.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert(written.length > 0, `no record appeared\n${await logsOf(root)}`);
    const cancelled = await new Deno.Command("scancel", {
      args: ["--signal=KILL", "--full", first.jobId],
      env: cluster.env,
      stdout: "null",
      stderr: "piped",
    }).output();
    assert(cancelled.success, new TextDecoder().decode(cancelled.stderr));
    await waitForJob(cluster, first.jobId, 60);

    // What the kill left is whole: every record present validates (readRecord checks schema and
    // content hash), and nothing but planned records was written.
    const afterKill = (await recordFiles(root)).filter((path) => path.endsWith(".json"));
    const done = paths.filter((path) => afterKill.includes(path));
    for (const path of done) await readRecord(path);
    assert(done.length < paths.length, "the cancel came after the last cell: nothing to resume");
    const kept = await Promise.all(done.map((path) => Deno.readTextFile(path)));

    const second = await submit(cluster, root, CANCEL_SLICE);
    await waitForJob(cluster, second.jobId, 150).catch(async (error) => {
      throw new Error(`${error.message}\n${await logsOf(root)}`);
    });
    // The resubmission wrote the missing cells only; the records that survived are untouched.
    for (const path of paths) await readRecord(path);
    assert.deepEqual(await Promise.all(done.map((path) => Deno.readTextFile(path))), kept);
    const rerun = await Promise.all(
      paths.filter((path) => !done.includes(path)).map((path) => readRecord(path)),
    );
    for (const record of rerun) assert.equal(record.provenance.engine?.jobId, second.jobId);
    const leftovers = (await recordFiles(root)).filter((path) => path.endsWith(".tmp"));
    assert.deepEqual(leftovers, [], "no temporary file outlives the resumed sweep");
    console.log(
      `cancelled after ${done.length}/${paths.length} records; the resubmission ran ${rerun.length}`,
    );
  } finally {
    await cluster.stop();
    await Deno.remove(root, { recursive: true });
  }
});
