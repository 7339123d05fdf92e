import { join } from "node:path";
import { readJsonFile, writeAtomic } from "../io/mod.ts";
import type { SweepSelection } from "./sweep_selection.ts";

/** What `sweep slurm` remembers of a submission: `<root>/jobs/<job id>.json`. */
export interface SweepJob extends SweepSelection {
  readonly engine: "slurm";
  readonly jobId: string;
  readonly jobName: string;
  /** The shared results folder (absolute). */
  readonly root: string;
  /** The array indices submitted (shards with missing cells). */
  readonly indices: readonly number[];
  readonly submittedAt: string;
  /** The submitted script. */
  readonly script: string;
}

/** Where a job's file lives. */
export function sweepJobPath(root: string, jobId: string): string {
  return join(root, "jobs", `${jobId}.json`);
}

/** Writes a job's file (atomically); returns its path. */
export async function writeSweepJob(job: SweepJob): Promise<string> {
  const path = sweepJobPath(job.root, job.jobId);
  await writeAtomic(path, JSON.stringify(job, null, 1) + "\n");
  return path;
}

/** Reads a job's file; a missing one is a `RangeError` naming the job and the folder. */
export async function readSweepJob(root: string, jobId: string): Promise<SweepJob> {
  const path = sweepJobPath(root, jobId);
  if (!(await Deno.stat(path).then(() => true, () => false))) {
    throw new RangeError(
      `Unknown sweep job "${jobId}": no ${path} (submitted with another --root?)`,
    );
  }
  return await readJsonFile(path, "sweep job") as SweepJob;
}
