/**
 * Training: backends (webgpu / wasm / cpu, with the suite's fast wasm kernels), the data
 * interface, the training loop (Adam or SGD, schedules, step budget, early stop), metrics and
 * trainability diagnostics. `tf` is the one TensorFlow.js handle of the suite.
 *
 * @example Train a small MLP on a toy task
 * ```ts
 * import assert from "node:assert/strict";
 * import { mlp } from "../models/mod.ts";
 * import { selectBackend } from "../tensor/mod.ts";
 * import { syntheticSource, trainModel } from "./mod.ts";
 *
 * const backend = await selectBackend("wasm");
 * const model = mlp({ hidden: [16] }).build({
 *   input: { representation: "projector", cells: 4, shape: [4, 4] },
 *   classWindings: [0, 1],
 *   seed: 1,
 *   init: { kind: "random" },
 * });
 * const run = await trainModel({
 *   model,
 *   source: syntheticSource({ sampleShape: [4, 4], seed: 2 }),
 *   optimizer: { kind: "adam", learningRate: 0.01, schedule: { kind: "cosine" } },
 *   steps: 40,
 *   batchSize: 32,
 *   seed: 3,
 *   targetAccuracy: 0.95,
 *   evaluateEvery: 10,
 * });
 * assert.equal(run.backend.backend, backend.backend);
 * assert(run.test.accuracy > 0.9);
 * model.dispose();
 * ```
 *
 * @module
 */
export {
  arraySource,
  type ArraySourceOptions,
  type ArraySplit,
  type Batch,
  type TrainingSource,
} from "./source.ts";
export { type Augmentation, AUGMENTATIONS, augmentedSource, checkAugmentation } from "./augment.ts";
export { syntheticSource, type SyntheticSourceOptions } from "./synthetic_source.ts";
export { checkSchedule, learningRateAt, type LearningRateSchedule } from "./schedule.ts";
export {
  checkOptimizer,
  createOptimizer,
  type Optimizer,
  OPTIMIZER_KINDS,
  type OptimizerConfig,
  type OptimizerKind,
} from "./optimizer.ts";
export { evaluateModel, type EvaluationMetrics, summarizeConfusion } from "./metrics.ts";
export { type HeadLoss, headLoss, predictWindings } from "./head_loss.ts";
export {
  type CurvePoint,
  type DistancePoint,
  gradientNorm,
  type GradientNormPoint,
  stepsToTarget,
} from "./diagnostics.ts";
export { checkTrainOptions, type TrainOptions } from "./train_options.ts";
export { type TrainingRun, trainModel } from "./train.ts";
export { TrainingDivergedError } from "./training_diverged_error.ts";
