import type { Provenance } from "./schema.ts";

/** The ids a cluster engine gives the running task (kept out of a record's content hash). */
export type EngineIds = NonNullable<Provenance["engine"]>;

function env(name: string, from: (name: string) => string | undefined): string | null {
  try {
    const value = from(name);
    return value === undefined || value === "" ? null : value;
  } catch {
    return null; // no --allow-env
  }
}

/**
 * The cluster engine's ids of this process from its environment: SLURM (`SLURM_ARRAY_JOB_ID` or
 * `SLURM_JOB_ID`, `SLURM_ARRAY_TASK_ID`, `SLURMD_NODENAME`) or a Kubernetes Indexed Job
 * (`TOPOLEARN_K8S_JOB`, `JOB_COMPLETION_INDEX`, `HOSTNAME`); `null` outside both.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { engineIds } from "./engine_ids.ts";
 *
 * const slurm = { SLURM_JOB_ID: "12", SLURM_ARRAY_JOB_ID: "10", SLURM_ARRAY_TASK_ID: "2", SLURMD_NODENAME: "n1" };
 * assert.deepEqual(engineIds((name) => slurm[name as keyof typeof slurm]), {
 *   kind: "slurm", jobId: "10", arrayTaskId: "2", node: "n1",
 * });
 * assert.equal(engineIds(() => undefined), null);
 * ```
 */
export function engineIds(
  from: (name: string) => string | undefined = (name) => Deno.env.get(name),
): EngineIds | null {
  const slurmJob = env("SLURM_ARRAY_JOB_ID", from) ?? env("SLURM_JOB_ID", from);
  if (slurmJob !== null) {
    return {
      kind: "slurm",
      jobId: slurmJob,
      arrayTaskId: env("SLURM_ARRAY_TASK_ID", from),
      node: env("SLURMD_NODENAME", from),
    };
  }
  const index = env("JOB_COMPLETION_INDEX", from);
  if (index !== null) {
    return {
      kind: "kubernetes",
      jobId: env("TOPOLEARN_K8S_JOB", from) ?? "unknown",
      arrayTaskId: index,
      node: env("TOPOLEARN_K8S_NODE", from) ?? env("HOSTNAME", from),
    };
  }
  return null;
}
