import { join } from "node:path";
import { mergeRecords } from "../records/merge.ts";
import { reportsDir } from "../records/store.ts";
import { buildReport } from "../reporting/report.ts";
import type { PlannedCell } from "../studies/plan.ts";
import { missingCells } from "./missing_cells.ts";
import { slurmLogPath } from "./slurm_script.ts";
import { type TaskState, taskStates } from "./slurm_states.ts";
import type { SweepJob } from "./sweep_job.ts";
import { shardCells, type SweepSelection } from "./sweep_selection.ts";

/** One shard's progress. */
export interface ShardProgress {
  /** The array index (shard index + 1 of shards). */
  readonly index: number;
  readonly done: number;
  readonly total: number;
  /** The scheduler's state, `not submitted` (complete before the submission) or `unknown`. */
  readonly state: string;
  readonly node: string | null;
  readonly log: string;
  /** The task failed (or ended with cells missing): see its log. */
  readonly failed: boolean;
}

const FAILED = /^(FAILED|TIMEOUT|CANCELLED|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED)/;

/**
 * Each shard's progress from the records written so far under the job's results folder and the
 * scheduler's task states (`states`, default: asked of `scontrol`).
 *
 * @example
 * ```ts ignore
 * for (const shard of await sweepStatus(await readSweepJob(".sweeps", "42"))) console.log(shard);
 * ```
 */
export async function sweepStatus(
  job: SweepJob,
  states?: Map<number, TaskState>,
): Promise<ShardProgress[]> {
  const scheduler = states ?? await taskStates(job.jobId);
  const shards = shardCells(job);
  const progress: ShardProgress[] = [];
  for (const [index, cells] of shards.entries()) {
    const missing = (await missingCells(cells, job.root)).length;
    const submitted = job.indices.includes(index);
    const task = scheduler.get(index);
    const state = task?.state ?? (submitted ? "unknown" : "not submitted");
    const ended = !task || !/^(PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|RESIZING|SUSPENDED)/
      .test(task.state);
    progress.push({
      index,
      done: cells.length - missing,
      total: cells.length,
      state,
      node: task?.node ?? null,
      log: slurmLogPath(job.root, job.jobName, job.jobId, index),
      failed: submitted && (FAILED.test(state) || (ended && task !== undefined && missing > 0)),
    });
  }
  return progress;
}

/** What `collectSweep` did. */
export interface CollectResult {
  /** The planned cells without a record (nothing was merged when there are any). */
  readonly missing: PlannedCell[];
  readonly merged: number;
}

/**
 * Merges a sweep's records from its shared results folder `root` into `into` (as `deno task
 * report merge` does) and builds the profile's boards and report there — unless cells of the
 * selection are missing: then nothing is written and they are returned.
 *
 * @example
 * ```ts ignore
 * const { missing } = await collectSweep({ profile: "full", shards: 64 }, ".sweeps", "reports");
 * ```
 */
export async function collectSweep(
  selection: SweepSelection,
  root: string,
  into: string,
): Promise<CollectResult> {
  const planned = shardCells(selection).flat();
  const missing = await missingCells(planned, root);
  if (missing.length > 0) return { missing, merged: 0 };
  const source = join(reportsDir(root), selection.profile, "records");
  const merged = await mergeRecords([source], into);
  await buildReport(selection.profile, into);
  return { missing, merged: merged.length };
}
