/**
 * Sweeps on a cluster engine: a profile's cells in shards as a SLURM `sbatch` array or a
 * Kubernetes Indexed Job, each task running one studies bench shard against a shared results
 * folder after building the datasets under a lock; a cost model for per-shard time estimates;
 * per-shard status from the records written so far; collecting (merge, boards, missing cells).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shardCells, shardSeconds } from "./mod.ts";
 *
 * const shards = shardCells({ profile: "quick", studies: ["size"], shards: 2 });
 * assert(shards.every((cells) => shardSeconds(cells) > 0));
 * ```
 *
 * @module
 */
export { benchArgs, shardCells, type SweepSelection } from "./sweep_selection.ts";
export {
  cellSeconds,
  COST_MODEL,
  secondsPerSampleStep,
  shardSeconds,
  slurmDuration,
  trainingSeconds,
} from "./cost_model.ts";
export { missingCells } from "./missing_cells.ts";
export { datasetsOf, prepareDatasets } from "./prepare_datasets.ts";
export {
  arraySpec,
  shellQuote,
  slurmLogPath,
  type SlurmOptions,
  slurmScript,
} from "./slurm_script.ts";
export {
  expandArray,
  parseScontrol,
  slurmCommand,
  type TaskState,
  taskStates,
} from "./slurm_states.ts";
export { readSweepJob, type SweepJob, sweepJobPath, writeSweepJob } from "./sweep_job.ts";
export {
  type CollectResult,
  collectSweep,
  type ShardProgress,
  sweepStatus,
} from "./sweep_status.ts";
export { type KubernetesJob, kubernetesJob, type KubernetesOptions } from "./kubernetes_job.ts";
export { toYaml } from "./to_yaml.ts";
