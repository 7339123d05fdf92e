/**
 * Architectures: the contract every model implements, the baselines and a registry that
 * resolves them by name. Baselines: `mlp` (any representation), `cnn` and `resnet` (1-D
 * convolutions along the chain) and `symmetric` (gauge- and translation-invariant, on the
 * projector, size-agnostic). Weights are drawn from `Rng.stream(seed, "init", …)`.
 *
 * @example Resolve, build, evaluate
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../train/tf.ts";
 * import { resolveArchitecture } from "./mod.ts";
 *
 * const model = resolveArchitecture("symmetric", { range: 2, hidden: [4] }).build({
 *   input: { representation: "projector", cells: 8, shape: [8, 8] },
 *   classWindings: [0, 1],
 *   seed: 7,
 *   init: { kind: "random" },
 * });
 * assert.deepEqual(model.apply(tf.zeros([2, 8, 8])).shape, [2, 2]);
 * model.dispose();
 * ```
 *
 * @module
 */
export * from "./architecture.ts";
export * from "./mlp.ts";
export * from "./cnn.ts";
export * from "./resnet.ts";
export * from "./symmetric.ts";
export * from "./registry.ts";
export * from "./topo.ts";
