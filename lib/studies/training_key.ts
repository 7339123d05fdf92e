import type { StudyCell } from "../records/schema.ts";

/**
 * What a cell's training is, as a string: cells with equal keys train the same model (the same
 * recipe: architecture and its config, representation, head, training dataset and draw, seed,
 * init, budget, learning rate, target, evaluation period, augmentation, backend), which the model
 * cache trains once and shares; `null` for a cell that trains nothing (exact weights, no
 * training dataset). The winding study trains on windings {0, 1} only, so its trainings are its
 * own. Shards keep the cells of one training together, and the cost model counts it once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "./plan.ts";
 * import { profile } from "./profiles.ts";
 * import { trainingKey } from "./training_key.ts";
 *
 * const [trained, shared] = planCells({
 *   profile: profile("quick"),
 *   studies: ["trainability", "disorder"],
 *   architectures: ["mlp"],
 * }).map((planned) => planned.cell);
 * assert.equal(trainingKey(trained), trainingKey(shared));
 * assert.equal(trainingKey({ ...trained, steps: 0 }), null);
 * ```
 */
export function trainingKey(cell: StudyCell): string | null {
  if (cell.steps === 0 || cell.trainDataset === null) return null;
  return JSON.stringify([
    cell.study === "winding",
    cell.architecture,
    cell.architectureConfig,
    cell.representation,
    cell.head ?? null,
    cell.trainDataset,
    cell.seed,
    cell.init,
    cell.steps,
    cell.batchSize,
    cell.learningRate,
    cell.targetAccuracy,
    cell.evaluateEvery,
    cell.augment ?? null,
    cell.backend,
  ]);
}
