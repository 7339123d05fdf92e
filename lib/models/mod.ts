/**
 * Architectures: the contract every model implements, the baselines and a registry that
 * resolves them by name. Baselines: `mlp` (any representation), `cnn` and `resnet` (1-D
 * convolutions along the chain) and `symmetric` (gauge- and translation-invariant, on the
 * projector, size-agnostic); proxy baselines (badge `baseline`, one `oracle`): `edge-threshold`,
 * `logistic-q2`, `logistic-hamiltonian`, `lyapunov-threshold`, `ridge-offset-sums`; `offset-kernel`, the learnable invariant network (an
 * odd, translation-equivariant offset kernel on the gauge-invariant `Q_AB`, integer head). Weights are drawn from `Rng.stream(seed, "init", …)`.
 *
 * @example Resolve, build, evaluate
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
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
export {
  type Architecture,
  type Badge,
  BADGES,
  type BuildOptions,
  type Head,
  HEADS,
  INIT_KINDS,
  type InitKind,
  type InitScheme,
  INTEGER_HEAD_BAND,
  type LabelledBatch,
  type TrainableModel,
} from "./architecture.ts";
export { mlp, type MlpConfig } from "./mlp.ts";
export { cnn, type CnnConfig } from "./cnn.ts";
export { resnet, type ResnetConfig } from "./resnet.ts";
export { symmetric, type SymmetricConfig } from "./symmetric.ts";
export {
  type ArchitectureFactory,
  architectureNames,
  registerArchitecture,
  resolveArchitecture,
} from "./registry.ts";
export { topo, type TopoConfig } from "./topo.ts";
export { offsetKernel, type OffsetKernelConfig } from "./offset_kernel.ts";
export {
  edgeThreshold,
  logisticHamiltonian,
  logisticQ2,
  lyapunovThreshold,
  ridgeOffsetSums,
} from "./proxy_baselines.ts";
// h-lit (issue 14): the literature baselines.
export { cybinskiCnn, type CybinskiModel } from "./cybinski_cnn.ts";
export {
  fitTreeClassifier,
  holandaForest,
  holandaTree,
  type TreeClassifier,
  type TreeOptions,
} from "./holanda_trees.ts";
