/**
 * Training: backends (webgpu / wasm / cpu, with the suite's fast wasm kernels), the data
 * interface, the training loop (Adam or SGD, schedules, step budget, early stop), metrics and
 * trainability diagnostics. `tf` is the one TensorFlow.js handle of the suite.
 *
 * @example Train a small MLP on a toy task
 * ```ts
 * import assert from "node:assert/strict";
 * import { mlp } from "../models/mod.ts";
 * import { selectBackend, syntheticSource, trainModel } from "./mod.ts";
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
export { tf } from "./tf.ts";
export * from "./backend.ts";
export * from "./source.ts";
export * from "./synthetic_source.ts";
export * from "./schedule.ts";
export * from "./optimizer.ts";
export * from "./adam_update.ts";
export * from "./metrics.ts";
export * from "./diagnostics.ts";
export * from "./train.ts";
export * from "./batch_mat_mul_gradient.ts";
export * from "./batch_mat_mul_wasm.ts";
export * from "./conv2d_backprop_filter_wasm.ts";
export * from "./conv2d_backprop_input_wasm.ts";
export * from "./train_on_dataset.ts";
