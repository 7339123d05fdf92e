/**
 * `deno task sweep`: paper-scale sweeps on a cluster engine (SLURM arrays, Kubernetes Indexed
 * Jobs): submit, follow, collect.
 *
 * @example
 * ```ts ignore
 * deno task sweep slurm --profile full --shards 64 --partition cpu --dry-run
 * deno task sweep slurm --profile full --shards 64 --partition cpu
 * deno task sweep status 4242
 * deno task sweep collect 4242
 * deno task sweep k8s --profile full --shards 64 --image registry/topolearn:0.2.0 --claim sweep
 * ```
 *
 * @module
 */
import { join, resolve } from "node:path";
import { PROFILE_NAMES, type StudyCell } from "../records/mod.ts";
import {
  collectSweep,
  COST_MODEL,
  kubernetesJob,
  missingCells,
  prepareDatasets,
  readSweepJob,
  shardCells,
  shardSeconds,
  slurmDuration,
  slurmLogPath,
  slurmScript,
  type SweepSelection,
  sweepStatus,
  toYaml,
  writeSweepJob,
} from "../sweeps/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { choiceFlag, integerFlag, parseCommand, reportError, UsageError } from "./parse_command.ts";

const HELP = `deno task sweep — run a profile's cells as a cluster array (suite ${SUITE_VERSION})

Usage:
  deno task sweep slurm --profile P --shards N [--study S]... [--arch A]... [--backend B]
                  [--partition X] [--time HH:MM:SS] [--cpus-per-task C] [--mem M]
                  [--root DIR] [--dry-run]
      write an sbatch array script (array task i runs shard i+1/N of deno task bench into the
      shared results folder DIR, after building the datasets under a lock) and submit it with
      sbatch; print the job id and where the logs go. Only shards with missing cells are
      submitted, and they skip the cells whose record exists: resubmitting the same sweep runs
      only the missing cells. --dry-run prints the script and a time estimate per shard instead.
  deno task sweep k8s --profile P --shards N [--study S]... [--arch A]... [--backend B]
                  [--image IMG] [--parallelism K] [--claim PVC] [--cpus-per-task C] [--mem M]
                  [--out FILE]
      write a Kubernetes Indexed Job manifest (YAML; pod JOB_COMPLETION_INDEX = i runs shard
      i+1/N into /sweep, the claim PVC (ReadWriteMany)); apply it with kubectl apply -f FILE
  deno task sweep status JOB [--root DIR]
      per-shard progress of a submitted job from the records written so far: cells done /
      total, the scheduler's state, failures with their log path
  deno task sweep collect [JOB] [--profile P --shards N [--study S]... [--arch A]...]
                  [--root DIR] [--into DIR]
      merge the sweep's records into --into (default reports, as deno task report merge) and
      build the boards there; exits 1 naming the missing cells (nothing is merged then)
  deno task sweep prepare --profile P [--study S]... [--arch A]...
      build the datasets the selection uses, under an exclusive lock on the cache (what each
      array task runs first: the first builds, the others wait and find them cached)

Options:
  --root DIR       the shared results folder: records, logs/, jobs/ (default .sweeps); it and
                   the repository must be on a file system every node sees
  --time HH:MM:SS  per task (default: twice the largest shard estimate + 10 min)
  --shards N       in [1, 10000]; --cpus-per-task C in [1, 1024]; --parallelism K in [1, 10000]
  --help           this text

Time estimate per cell (a stated cost model, seconds): ${COST_MODEL.secondsPerCell} + rate(architecture)
× steps × batchSize (rate ${Math.min(...Object.values(COST_MODEL.secondsPerSampleStep))}–${
  Math.max(...Object.values(COST_MODEL.secondsPerSampleStep))
}, training to the end of the budget) + ${COST_MODEL.secondsPerScoredSample} × scored samples × (N/32)²;
a shard's estimate is the sum over its cells, each shared training counted once (shards keep
the cells of one training together).

Records carry the engine's ids (job, array task, node) in provenance.engine, outside the
content hash.`;

const BACKENDS = ["auto", "webgpu", "wasm", "cpu"] as const;
const OPTIONS = {
  profile: { type: "string" },
  study: { type: "string", multiple: true },
  arch: { type: "string", multiple: true },
  backend: { type: "string" },
  shards: { type: "string" },
  partition: { type: "string" },
  time: { type: "string" },
  "cpus-per-task": { type: "string" },
  mem: { type: "string" },
  root: { type: "string" },
  into: { type: "string" },
  image: { type: "string" },
  parallelism: { type: "string" },
  claim: { type: "string" },
  out: { type: "string" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = Record<string, unknown> & {
  profile?: string;
  study?: string[];
  arch?: string[];
  backend?: string;
};

/** The accepted range of each numeric option (inclusive), shown in `--help` and in errors. */
const SWEEP_RANGES = {
  shards: [1, 10_000],
  cpusPerTask: [1, 1024],
  parallelism: [1, 10_000],
} as const;

function selectionOf(flags: Flags, needShards = true): SweepSelection {
  if (flags.profile === undefined) throw new UsageError("--profile is required");
  const profileName = choiceFlag(flags, "profile", PROFILE_NAMES, "quick");
  const backend = flags.backend;
  if (backend !== undefined && !(BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`Unknown backend "${backend}": expected auto, webgpu, wasm or cpu`);
  }
  const shards = needShards ? integerFlag(flags, "shards", undefined, SWEEP_RANGES.shards) : 1;
  const selection: SweepSelection = {
    profile: profileName,
    ...(flags.study?.length ? { studies: flags.study } : {}),
    ...(flags.arch?.length ? { architectures: flags.arch } : {}),
    ...(backend ? { backend: backend as StudyCell["backend"] } : {}),
    shards,
  };
  shardCells({ ...selection, shards: 1 }); // unknown profiles, studies, architectures throw
  return selection;
}

async function slurm(flags: Flags, root: string): Promise<number> {
  const selection = selectionOf(flags);
  const shards = shardCells(selection);
  const missing = await Promise.all(shards.map((cells) => missingCells(cells, root)));
  const indices = shards.flatMap((_, index) => missing[index].length > 0 ? [index] : []);
  const estimates = missing.map((cells) => shardSeconds(cells));
  const time = flags.time as string | undefined;
  if (time !== undefined && !/^(\d+-)?\d{1,3}:\d{2}:\d{2}$/.test(time)) {
    throw new UsageError(`--time must be HH:MM:SS: received "${time}"`);
  }
  const cpus = flags["cpus-per-task"] === undefined
    ? undefined
    : integerFlag(flags, "cpus-per-task", undefined, SWEEP_RANGES.cpusPerTask);
  const jobName = `topolearn-${selection.profile}`;
  const script = slurmScript({
    ...selection,
    root,
    jobName,
    indices: indices.length ? indices : shards.map((_, index) => index),
    partition: flags.partition as string | undefined,
    time: time ?? slurmDuration(2 * Math.max(0, ...estimates) + 600),
    ...(cpus ? { cpusPerTask: cpus } : {}),
    mem: flags.mem as string | undefined,
  });
  const lines = shards.map((cells, index) =>
    `shard ${index + 1}/${shards.length} (array index ${index}): ${cells.length} cells, ${
      missing[index].length
    } to run, ~${Math.ceil(estimates[index])} s (${slurmDuration(estimates[index])})`
  );
  if (flags["dry-run"]) {
    console.log(script);
    console.log(`# time estimate per shard (cells still to run; see --help for the cost model)`);
    for (const line of lines) console.log(`# ${line}`);
    return 0;
  }
  if (indices.length === 0) {
    console.log(
      `every cell of the sweep has its record under ${root}: nothing to submit\n` +
        `collect: deno task sweep collect --profile ${selection.profile} --shards ${selection.shards} --root ${root}`,
    );
    return 0;
  }
  const jobs = join(root, "jobs");
  await Deno.mkdir(join(root, "logs"), { recursive: true });
  await Deno.mkdir(jobs, { recursive: true });
  const pending = join(jobs, `pending-${crypto.randomUUID().slice(0, 8)}.sbatch`);
  await Deno.writeTextFile(pending, script);
  const output = await new Deno.Command("sbatch", {
    args: ["--parsable", pending],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output().catch((error: Error) => {
    throw new Error(`cannot run sbatch (is SLURM installed, SLURM_CONF set?): ${error.message}`);
  });
  if (!output.success) {
    await Deno.remove(pending).catch(() => {});
    throw new Error(`sbatch failed: ${new TextDecoder().decode(output.stderr).trim()}`);
  }
  const jobId = new TextDecoder().decode(output.stdout).trim().split(";")[0];
  const scriptPath = join(jobs, `${jobId}.sbatch`);
  await Deno.rename(pending, scriptPath);
  await writeSweepJob({
    ...selection,
    engine: "slurm",
    jobId,
    jobName,
    root,
    indices,
    submittedAt: new Date().toISOString(),
    script: scriptPath,
  });
  console.log(`submitted job ${jobId}: ${indices.length} of ${shards.length} shards`);
  for (const index of indices) console.log(`  ${lines[index]}`);
  console.log(`logs: ${slurmLogPath(root, jobName, jobId, 0).replace(/_0\.log$/, "_<index>.log")}`);
  console.log(`status: deno task sweep status ${jobId} --root ${root}`);
  console.log(`collect: deno task sweep collect ${jobId} --root ${root}`);
  return 0;
}

async function status(jobId: string, root: string): Promise<number> {
  const job = await readSweepJob(root, jobId);
  const shards = await sweepStatus(job);
  const done = shards.reduce((sum, shard) => sum + shard.done, 0);
  const total = shards.reduce((sum, shard) => sum + shard.total, 0);
  console.log(
    `job ${jobId}: profile ${job.profile}, ${shards.length} shards, ${done}/${total} cells done`,
  );
  for (const shard of shards) {
    const where = shard.node ? ` on ${shard.node}` : "";
    console.log(
      `  shard ${
        shard.index + 1
      }/${shards.length}  ${shard.done}/${shard.total} cells  ${shard.state}${where}${
        shard.failed ? `  FAILED: see ${shard.log}` : ""
      }`,
    );
  }
  return 0;
}

async function collect(flags: Flags, jobId: string | undefined, root: string): Promise<number> {
  const selection = jobId === undefined ? selectionOf(flags) : await readSweepJob(root, jobId);
  const into = (flags.into as string | undefined) ?? "reports";
  const { missing, merged } = await collectSweep(selection, root, into);
  if (missing.length > 0) {
    console.error(`error: ${missing.length} cells have no record under ${root}; nothing merged:`);
    for (const { cell } of missing) console.error(`  ${cell.study}/${cell.id}`);
    return 1;
  }
  console.log(`merged ${merged} records into ${into}`);
  console.log(`wrote ${into}/${SUITE_VERSION}/${selection.profile}/REPORT.md`);
  return 0;
}

async function k8s(flags: Flags): Promise<number> {
  const selection = selectionOf(flags);
  const parallelism = flags.parallelism === undefined
    ? undefined
    : integerFlag(flags, "parallelism", undefined, SWEEP_RANGES.parallelism);
  const job = kubernetesJob({
    ...selection,
    image: (flags.image as string | undefined) ?? `topolearn:${SUITE_VERSION}`,
    ...(parallelism ? { parallelism } : {}),
    ...(flags.claim ? { claim: flags.claim as string } : {}),
    ...(flags["cpus-per-task"] ? { cpu: flags["cpus-per-task"] as string } : {}),
    ...(flags.mem ? { memory: flags.mem as string } : {}),
  });
  const yaml = toYaml(job);
  if (flags.out === undefined) {
    console.log(yaml.trimEnd());
  } else {
    await Deno.writeTextFile(flags.out as string, yaml);
    console.log(`wrote ${flags.out}: kubectl apply -f ${flags.out}`);
  }
  return 0;
}

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(args, OPTIONS, HELP, { positionals: [1, 2] });
  if (typeof parsed === "number") return parsed;
  const { values: flags, positionals: [command, job] } = parsed;
  try {
    const root = resolve(flags.root ?? ".sweeps");
    const needsJob = command === "status";
    if (needsJob && job === undefined) throw new UsageError(`${command} needs a JOB id`);
    if (!needsJob && command !== "collect" && job !== undefined) {
      throw new UsageError(`${command} takes no positional argument: received "${job}"`);
    }
    switch (command) {
      case "slurm":
        return await slurm(flags, root);
      case "k8s":
        return await k8s(flags);
      case "status":
        return await status(job!, root);
      case "collect":
        return await collect(flags, job, root);
      case "prepare": {
        const planned = shardCells(selectionOf(flags, false)).flat();
        const names = await prepareDatasets(planned);
        console.log(`datasets ready: ${names.join(", ") || "(none)"}`);
        return 0;
      }
      default:
        throw new UsageError(
          `Unknown command "${command}": expected slurm, k8s, status, collect or prepare`,
        );
    }
  } catch (error) {
    return reportError(error);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
