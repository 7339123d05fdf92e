import { join, resolve } from "node:path";
import { benchArgs, type SweepSelection } from "./sweep_selection.ts";

/** The scheduler options of an `sbatch` array and where things live. */
export interface SlurmOptions extends SweepSelection {
  /** The shared results folder: records, logs and job files (absolute in the script). */
  readonly root: string;
  /** The repository checkout the tasks run in (default: the working folder). */
  readonly repository?: string;
  /** The array indices to run (default: all, `0..shards-1`). */
  readonly indices?: readonly number[];
  readonly partition?: string;
  /** `HH:MM:SS` per task. */
  readonly time?: string;
  readonly cpusPerTask?: number;
  /** SLURM memory, e.g. `8G`. */
  readonly mem?: string;
  /** The deno binary the tasks run (default: this one; `$DENO` overrides it at run time). */
  readonly deno?: string;
  readonly jobName?: string;
}

/** Single-quotes a word for sh. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : "'" + word.replaceAll("'", "'\\''") + "'";
}

/**
 * Compresses array indices to SLURM's `--array` syntax (`0-3,5,7-8`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { arraySpec } from "./slurm_script.ts";
 *
 * assert.equal(arraySpec([0, 1, 2, 3, 5, 7, 8]), "0-3,5,7-8");
 * ```
 */
export function arraySpec(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** Where the log of array task `index` of job `jobId` goes (`%x-%A_%a.log` under `logs/`). */
export function slurmLogPath(root: string, jobName: string, jobId: string, index: number): string {
  return join(resolve(root), "logs", `${jobName}-${jobId}_${index}.log`);
}

/**
 * The `sbatch` array script of a sweep: one array task per shard; task `i` first builds the
 * sweep's datasets under a lock (`deno task sweep prepare`: the first task builds, the others
 * wait, then find them cached), then runs the studies bench shard `--shard i+1/N` against the
 * shared results folder `root`, skipping cells whose record exists (so a resubmission or a
 * requeued task runs only the missing cells).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slurmScript } from "./slurm_script.ts";
 *
 * const script = slurmScript({ profile: "full", shards: 8, root: "/shared/sweep", repository: "/shared/topolearn", partition: "cpu" });
 * assert.match(script, /#SBATCH --array=0-7/);
 * assert.match(script, /--shard "\$\(\(SLURM_ARRAY_TASK_ID \+ 1\)\)\/8"/);
 * ```
 */
export function slurmScript(options: SlurmOptions): string {
  const root = resolve(options.root);
  const repository = resolve(options.repository ?? Deno.cwd());
  const name = options.jobName ?? `topolearn-${options.profile}`;
  const indices = options.indices ?? Array.from({ length: options.shards }, (_, i) => i);
  const selection = benchArgs(options).map(shellQuote).join(" ");
  const directives = [
    `--job-name=${name}`,
    `--array=${arraySpec(indices)}`,
    `--output=${join(root, "logs", "%x-%A_%a.log")}`,
    "--requeue",
    "--nodes=1",
    "--ntasks=1",
    ...(options.partition ? [`--partition=${options.partition}`] : []),
    ...(options.time ? [`--time=${options.time}`] : []),
    ...(options.cpusPerTask ? [`--cpus-per-task=${options.cpusPerTask}`] : []),
    ...(options.mem ? [`--mem=${options.mem}`] : []),
  ];
  return [
    "#!/bin/bash",
    `# topolearn sweep: profile ${options.profile}, ${options.shards} shards (array task i runs shard i+1)`,
    ...directives.map((directive) => `#SBATCH ${directive}`),
    "set -euo pipefail",
    `DENO="\${DENO:-${options.deno ?? Deno.execPath()}}"`,
    `cd ${shellQuote(repository)}`,
    `export TOPOLEARN_CACHE="\${TOPOLEARN_CACHE:-${join(repository, ".cache", "datasets")}}"`,
    'echo "task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname)"',
    `"$DENO" task --quiet sweep prepare ${selection}`,
    `"$DENO" bench --allow-read --allow-write --allow-env --allow-sys --allow-run --allow-net=127.0.0.1 \\`,
    `  bench/studies_bench.ts -- ${selection} \\`,
    `  --shard "$((SLURM_ARRAY_TASK_ID + 1))/${options.shards}" --root ${shellQuote(root)}`,
    "",
  ].join("\n");
}
