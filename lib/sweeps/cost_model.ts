import type { PlannedCell } from "../studies/plan.ts";
import { profile as profileNamed } from "../studies/profiles.ts";

/**
 * The constants of the cost model (seconds on one core of a 2020s server CPU, wasm backend):
 * a fixed cost per cell (start, provenance, write), a cost per training sample-step
 * (`steps × batchSize`) and a cost per scored test sample (`testSamples × test datasets`).
 * Checked against the published 0.2.0 standard run (`tests/sweep_test.ts`): 1,700 s estimated
 * for its 296 cells against 1,295 s of recorded wall time (1.31×, an upper bound as a SLURM time
 * limit should be).
 */
export const COST_MODEL = {
  secondsPerCell: 2,
  secondsPerSampleStep: 2e-5,
  secondsPerScoredSample: 1e-4,
} as const;

/**
 * The estimated seconds of one cell: `2 + 2e-5 × steps × batchSize + 1e-4 × testSamples ×
 * test datasets` ({@linkcode COST_MODEL}). An upper bound where cells share a trained model
 * (the model cache trains it once).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "../studies/plan.ts";
 * import { profile } from "../studies/profiles.ts";
 * import { cellSeconds } from "./cost_model.ts";
 *
 * const [cell] = planCells({ profile: profile("quick"), studies: ["size"], architectures: ["mlp"] });
 * assert(cellSeconds(cell) > 2);
 * ```
 */
export function cellSeconds(planned: PlannedCell): number {
  const { cell } = planned;
  const testSamples = profileNamed(cell.profile).testSamples;
  return COST_MODEL.secondsPerCell +
    COST_MODEL.secondsPerSampleStep * cell.steps * cell.batchSize +
    COST_MODEL.secondsPerScoredSample * testSamples * cell.testDatasets.length;
}

/** The estimated seconds of a list of cells (one shard) run one after the other. */
export function shardSeconds(cells: readonly PlannedCell[]): number {
  return cells.reduce((sum, cell) => sum + cellSeconds(cell), 0);
}

/**
 * A duration as SLURM's `HH:MM:SS` (hours may exceed 24).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slurmDuration } from "./cost_model.ts";
 *
 * assert.equal(slurmDuration(3725), "01:02:05");
 * ```
 */
export function slurmDuration(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}
