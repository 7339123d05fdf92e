/**
 * The dataset-to-training glue, above both data and train: a dataset split as a training
 * source (batches in the dataset's own seeded order), and one training cell — an architecture
 * trained on a catalog dataset, with the headline metrics and what produced them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainOnDataset } from "./mod.ts";
 *
 * const result = await trainOnDataset({
 *   architecture: "topo", dataset: "plain-clean-32", init: { kind: "exact" }, steps: 0, seed: 0,
 *   backend: "wasm",
 * });
 * assert(result.testAccuracy > 0.99);
 * ```
 *
 * @module
 */
export { datasetSource, type DatasetSourceOptions } from "./dataset_source.ts";
export {
  type DatasetEvaluation,
  evaluateOnDataset,
  type EvaluateOnDatasetOptions,
  evaluationProblem,
} from "./evaluate_on_dataset.ts";
export {
  trainOnDataset,
  type TrainOnDatasetOptions,
  type TrainOnDatasetResult,
} from "./train_on_dataset.ts";
