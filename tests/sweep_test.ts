// Sweeps without a cluster: the sbatch script and its dry run, the Kubernetes Indexed Job
// manifest against the Job schema's required fields, the cost model, per-shard status from the
// records written so far, collect refusing missing cells, the dataset lock, and engine ids kept
// out of the content hash.
import assert from "node:assert/strict";
import { join } from "node:path";
import { makeRecord, readRecords, recordHash, validateRecord } from "../lib/records/mod.ts";
import { SUITE_VERSION } from "../lib/version.ts";
import { planCells, profile, runPlanned, selectStudies, trainingKey } from "../lib/studies/mod.ts";
import {
  collectSweep,
  kubernetesJob,
  parseScontrol,
  prepareDatasets,
  shardCells,
  shardSeconds,
  slurmScript,
  sweepStatus,
  toYaml,
} from "../lib/sweeps/mod.ts";
import { runTask } from "./_cli.ts";

const SLICE = {
  profile: "tiny" as const,
  studies: ["trainability"],
  architectures: ["mlp", "topo"],
};

Deno.test("sweep slurm --dry-run prints the array script and a time estimate per shard", async () => {
  const root = await Deno.makeTempDir();
  try {
    const result = await runTask("sweep", [
      "slurm",
      "--profile",
      "tiny",
      "--study",
      "trainability",
      "--arch",
      "mlp",
      "--arch",
      "topo",
      "--shards",
      "3",
      "--partition",
      "cpu",
      "--cpus-per-task",
      "4",
      "--mem",
      "8G",
      "--root",
      root,
      "--dry-run",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^#!\/bin\/bash/);
    for (
      const line of [
        "#SBATCH --array=0-2",
        "#SBATCH --partition=cpu",
        "#SBATCH --cpus-per-task=4",
        "#SBATCH --mem=8G",
        `#SBATCH --output=${root}/logs/%x-%A_%a.log`,
        "sweep prepare --profile tiny --study trainability --arch mlp --arch topo",
        `--shard "$((SLURM_ARRAY_TASK_ID + 1))/3" --root ${root}`,
      ]
    ) assert(result.stdout.includes(line), `${line} in\n${result.stdout}`);
    assert.match(result.stdout, /#SBATCH --time=\d\d:\d\d:\d\d/);
    // tiny trainability, mlp and topo: 3 training sets each, and topo's noise levels 0 and 0.1.
    assert.match(result.stdout, /# shard 1\/3 \(array index 0\): 3 cells, 3 to run, ~\d+ s/);
    assert.match(result.stdout, /# shard 3\/3 \(array index 2\): 2 cells/);
    const bad = await runTask("sweep", ["slurm", "--profile", "tiny", "--shards", "0"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--shards must be in \[1, 10000\]: received 0/);
    const time = await runTask("sweep", [
      "slurm",
      "--profile",
      "tiny",
      "--shards",
      "2",
      "--time",
      "1h",
    ]);
    assert.equal(time.code, 2);
    assert.match(time.stderr, /--time must be HH:MM:SS: received "1h"/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the script runs only the shards given and the cost model sums its cells", () => {
  const script = slurmScript({ ...SLICE, shards: 4, root: "/r", indices: [1, 2, 3] });
  assert.match(script, /#SBATCH --array=1-3\n/);
  const shards = shardCells({ profile: "full", shards: 16 });
  const seconds = shards.map(shardSeconds);
  assert(seconds.every((value) => value > 0));
  const whole = shardSeconds(planCells({ profile: profile("full") }));
  assert(Math.abs(seconds.reduce((a, b) => a + b, 0) - whole) < 1e-6 * whole);
  assert.equal(shards.flat().length, planCells({ profile: profile("full") }).length);
});

/** The fields the Kubernetes Job schema (batch/v1) requires of an Indexed Job. */
function checkJob(job: Record<string, unknown>): void {
  const spec = job.spec as Record<string, unknown>;
  assert.equal(job.apiVersion, "batch/v1");
  assert.equal(job.kind, "Job");
  assert.equal(typeof (job.metadata as { name?: unknown }).name, "string");
  assert.equal(spec.completionMode, "Indexed");
  assert(Number.isInteger(spec.completions) && (spec.completions as number) > 0);
  assert(Number.isInteger(spec.parallelism) && (spec.parallelism as number) > 0);
  const template = spec.template as { spec: Record<string, unknown> };
  assert(["Never", "OnFailure"].includes(template.spec.restartPolicy as string));
  const containers = template.spec.containers as Array<Record<string, unknown>>;
  assert(Array.isArray(containers) && containers.length > 0);
  for (const container of containers) {
    assert.equal(typeof container.name, "string");
    assert.equal(typeof container.image, "string");
    assert(Array.isArray(container.command));
    assert((container.command as string[]).every((word) => typeof word === "string"));
    assert.match((container.command as string[]).join(" "), /JOB_COMPLETION_INDEX \+ 1\)\)\/5/);
  }
}

/** Parses YAML with Python's PyYAML where present (an independent reader); else null. */
async function parseYamlWithPython(text: string): Promise<unknown | null> {
  try {
    const child = new Deno.Command("python3", {
      args: ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"],
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(text));
    await writer.close();
    const output = await child.output();
    return output.success ? JSON.parse(new TextDecoder().decode(output.stdout)) : null;
  } catch {
    return null;
  }
}

Deno.test("sweep k8s writes an Indexed Job manifest with the Job schema's required fields", async () => {
  const job = kubernetesJob({
    profile: "full",
    shards: 5,
    image: "topolearn:test",
    claim: "sweep",
  });
  checkJob(job as unknown as Record<string, unknown>);
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "job.yaml");
    const result = await runTask("sweep", [
      "k8s",
      "--profile",
      "full",
      "--shards",
      "5",
      "--image",
      "topolearn:test",
      "--claim",
      "sweep",
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const text = await Deno.readTextFile(out);
    assert.equal(text, toYaml(job));
    assert.match(text, /^apiVersion: "batch\/v1"\nkind: "Job"\n/);
    assert(text.includes('\n  completionMode: "Indexed"\n'));
    assert(text.includes('\n      restartPolicy: "Never"\n'));
    const parsed = await parseYamlWithPython(text);
    if (parsed !== null) {
      assert.deepEqual(parsed, JSON.parse(JSON.stringify(job)));
      checkJob(parsed as Record<string, unknown>);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("status counts records per shard and names failed tasks' logs; collect refuses missing cells", async () => {
  const root = await Deno.makeTempDir();
  const into = await Deno.makeTempDir();
  try {
    const [first, second] = shardCells({ ...SLICE, shards: 2 });
    await runPlanned(first, { root });
    const job = {
      ...SLICE,
      shards: 2,
      engine: "slurm" as const,
      jobId: "7",
      jobName: "topolearn-tiny",
      root,
      indices: [0, 1],
      submittedAt: new Date().toISOString(),
      script: join(root, "jobs", "7.sbatch"),
    };
    const states = parseScontrol(
      "JobId=8 ArrayJobId=7 ArrayTaskId=0 JobState=COMPLETED NodeList=n1\n" +
        "JobId=7 ArrayJobId=7 ArrayTaskId=1 JobState=TIMEOUT NodeList=n2\n",
    );
    const progress = await sweepStatus(job, states);
    assert.deepEqual(progress.map((shard) => [shard.done, shard.total, shard.state]), [
      [first.length, first.length, "COMPLETED"],
      [0, second.length, "TIMEOUT"],
    ]);
    assert.deepEqual(progress.map((shard) => shard.failed), [false, true]);
    assert.equal(progress[1].log, join(root, "logs", "topolearn-tiny-7_1.log"));

    const refused = await collectSweep({ ...SLICE, shards: 2 }, root, into);
    assert.deepEqual(refused.missing.map(({ cell }) => cell.id), second.map(({ cell }) => cell.id));
    assert.deepEqual(await readRecords("tiny", into), []);
    await runPlanned(second, { root });
    const collected = await collectSweep({ ...SLICE, shards: 2 }, root, into);
    assert.equal(collected.merged, first.length + second.length);
    assert.equal((await readRecords("tiny", into)).length, first.length + second.length);
    await Deno.stat(join(into, SUITE_VERSION, "tiny", "REPORT.md"));
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(into, { recursive: true });
  }
});

Deno.test("engine ids stay out of the content hash; records without them validate", async () => {
  const [planned] = planCells({ ...SLICE, profile: profile(SLICE.profile) });
  const root = await Deno.makeTempDir();
  try {
    const [record] = await runPlanned([planned], { root });
    const { contentHash: _hash, ...fields } = record;
    const withEngine = makeRecord(
      {
        ...fields,
        provenance: {
          ...record.provenance,
          engine: { kind: "slurm", jobId: "42", arrayTaskId: "3", node: "n7" },
        },
      } as Parameters<typeof makeRecord>[0],
    );
    assert.equal(withEngine.contentHash, recordHash(record));
    assert.equal(withEngine.contentHash, record.contentHash);
    const { engine: _engine, ...old } = withEngine.provenance;
    validateRecord({ ...withEngine, provenance: old });
    assert.throws(
      () =>
        validateRecord({
          ...withEngine,
          provenance: { ...withEngine.provenance, engine: { kind: "pbs", jobId: "1" } },
        }),
      /provenance\.engine/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("prepareDatasets waits for the cache lock another process holds", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    const holder = await Deno.open(join(cacheDir, ".sweep.lock"), { create: true, write: true });
    await holder.lock(true);
    let finished = false;
    const waiting = prepareDatasets([], { cacheDir }).then((names) => {
      finished = true;
      return names;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(finished, false);
    await holder.unlock();
    holder.close();
    assert.deepEqual(await waiting, []);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("the cost model bounds the published standard trainings from above, within 2×", async () => {
  // The 0.2.0 standard records carry each cell's wall time. Trainability's cells stopped at the
  // target and record the steps they ran (`stepsRun`): costed at those steps, the estimate must
  // not undercut them (a SLURM time limit from it would kill shards) nor be so loose that it
  // is no estimate. The winding cells trained on their own data, most to the end of the budget:
  // costed at the full budget, the same bounds hold.
  const records = await readRecords("standard", "reports", "0.2.0");
  for (const [name, atSteps] of [["trainability", true], ["winding", false]] as const) {
    const [study] = selectStudies([name]);
    const own = records.filter((record) => record.cell.study === name);
    assert(own.length >= 30, `${name}: ${own.length} records`);
    const measured = own.reduce((sum, record) => sum + record.timing.wallSeconds, 0);
    const estimated = shardSeconds(own.map((record) => {
      const ran = record.metrics.stepsRun;
      const steps = atSteps && typeof ran === "number" ? ran : record.cell.steps;
      return { study, cell: { ...record.cell, steps } };
    }));
    assert(
      estimated >= measured,
      `${name}: estimate ${estimated} s below the measured ${measured} s`,
    );
    assert(
      estimated <= 2 * measured,
      `${name}: estimate ${estimated} s over twice the measured ${measured} s`,
    );
  }
});

Deno.test("shards keep the cells of one training together, so no model trains twice", () => {
  const whole = planCells({ profile: profile("standard") });
  const shards = [1, 2, 3].map((k) => planCells({ profile: profile("standard"), shard: `${k}/3` }));
  assert.equal(shards.flat().length, whole.length);
  const owner = new Map<string, number>();
  shards.forEach((cells, index) => {
    for (const { cell } of cells) {
      const key = trainingKey(cell);
      if (key === null) continue;
      assert.equal(owner.get(key) ?? index, index, `${cell.study}/${cell.id} trains in two shards`);
      owner.set(key, index);
    }
  });
  // trainability's and disorder's cells of one seed share a training: the model cache trains it
  // once, and the estimate counts it once
  const pair = planCells({
    profile: profile("standard"),
    studies: ["trainability", "disorder"],
    architectures: ["mlp"],
  });
  const keys = new Set(pair.map(({ cell }) => trainingKey(cell)));
  assert(keys.size < pair.length);
  const seconds = shardSeconds(pair);
  const separately = pair.reduce((sum, cell) => sum + shardSeconds([cell]), 0);
  assert(seconds < separately);
});
