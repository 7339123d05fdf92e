/**
 * The submission contract, version {@linkcode CONTRACT_VERSION}: everything an outside
 * architecture may import, from one public path (`topolearn/contract`, listed in `deno.json`
 * `exports`). The names here change only with a new contract version; the suite's folders
 * behind them may move freely. In the spirit of AlgoPerf's `spec.py`: the contract is small
 * and declared once.
 *
 * What it holds:
 * - `tf`, the suite's one TensorFlow.js handle (backends and kernels installed);
 * - `Rng`, the seeded, splittable PRNG (draw every initial weight from
 *   `Rng.stream(seed, "init", …)` with the seed a builder receives);
 * - the contract types: {@linkcode Architecture}, {@linkcode TrainableModel},
 *   {@linkcode BuildOptions}, {@linkcode InitScheme};
 * - the heads (1.1): {@linkcode HEADS}, {@linkcode Head}: a builder that honours
 *   `options.head === "integer"` returns a model whose `head` is `"integer"` and whose `apply`
 *   is `ν̂ [batch, 1]` (trained with a banded squared error, predicted as `round(ν̂)`, so it can
 *   answer windings it never saw); absent, a model is a `class` model (logits);
 * - the input specs: {@linkcode InputSpec}, {@linkcode Representation} and the closed set
 *   {@linkcode REPRESENTATIONS} (a builder reads the shape of one sample from `input.shape`).
 *
 * @example A linear model on any representation, built through the contract alone
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Architecture, Rng, tf } from "./contract.ts";
 *
 * const linear: Architecture = {
 *   name: "linear", version: "1.0.0", description: "A linear head on the flattened input.",
 *   representations: ["projector"], sizeAgnostic: false,
 *   build({ input, classWindings, seed }) {
 *     const features = input.shape.reduce((a, b) => a * b, 1);
 *     const rng = Rng.stream(seed, "init", "linear");
 *     const initial = Float32Array.from({ length: features * classWindings.length }, () => 0.01 * rng.normal());
 *     const weights = tf.variable(tf.tensor2d(initial, [features, classWindings.length]));
 *     return {
 *       variables: [weights],
 *       apply: (x) => tf.tidy(() => tf.matMul(tf.reshape(x, [x.shape[0], features]), weights)),
 *       parameterCount: () => weights.size,
 *       dispose: () => weights.dispose(),
 *     };
 *   },
 * };
 * const shape = [4, 4]; // projector inputs of 4-cell chains: Q_AB is 4 × 4
 * const model = linear.build({
 *   input: { representation: "projector", cells: 4, shape }, classWindings: [0, 1], seed: 1,
 *   init: { kind: "random" },
 * });
 * assert.deepEqual(model.apply(tf.zeros([3, ...shape])).shape, [3, 2]);
 * model.dispose();
 * ```
 *
 * @module
 */
export { tf } from "./tensor/tf.ts";
export { Rng, type StreamKey } from "./rng.ts";
export type {
  Architecture,
  BuildOptions,
  Head,
  InitScheme,
  TrainableModel,
} from "./models/architecture.ts";
export { HEADS } from "./models/architecture.ts";
export { type InputSpec, type Representation, REPRESENTATIONS } from "./data/spec.ts";

/**
 * The version of this contract. A submission built against `1.x` keeps working for every
 * `1.y`; a name removed or changed in meaning bumps the major version. 1.1: the sandbox scores
 * outside the child — a model is judged only by the logits `apply` returns for inputs the suite
 * sends (the child holds no test label and no dataset cache); what it prints goes to stderr;
 * `parameterCount()`, training loss, gradient norms and `distanceFromExact()` are published as
 * self-reported.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONTRACT_VERSION } from "./contract.ts";
 *
 * assert.equal(CONTRACT_VERSION, "1.1.0");
 * ```
 */
export const CONTRACT_VERSION = "1.1.0";
