/**
 * The architecture contract: what an architecture is, in one small file (in the spirit of
 * MLCommons AlgoPerf's `spec.py`). Built-in architectures and outside submissions implement the
 * same interfaces, and the registry resolves them by name.
 *
 * @example A minimal architecture: logistic regression on any representation
 * ```ts
 * import type { Architecture } from "./architecture.ts";
 *
 * const logistic: Architecture = {
 *   name: "logistic",
 *   version: "1.0.0",
 *   description: "Softmax regression on the flattened input.",
 *   representations: ["hamiltonian", "amplitudes", "projector"],
 *   sizeAgnostic: false,
 *   build(_options) {
 *     throw new Error("see lib/models for real builders");
 *   },
 * };
 * ```
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs-core";
import type { InputSpec, Representation } from "../data/spec.ts";

/**
 * The kinds of initialization: `random`, `exact` (the architecture's exact solution) and `noise`
 * (the exact solution with relative Gaussian noise `sigma`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INIT_KINDS } from "./architecture.ts";
 *
 * assert.deepEqual(INIT_KINDS, ["random", "exact", "noise"]);
 * ```
 */
export const INIT_KINDS = ["random", "exact", "noise"] as const;

/** A kind of initialization. */
export type InitKind = typeof INIT_KINDS[number];

/**
 * How weights start: `exact` where the architecture has an exact solution, else random; one
 * member per kind of {@linkcode INIT_KINDS}.
 */
export type InitScheme =
  | { readonly kind: "random" }
  | { readonly kind: "exact" }
  | { readonly kind: "noise"; readonly sigma: number };

/**
 * The kinds of output head: `class` (logits over the training set's class windings, trained
 * with cross-entropy, prediction the argmax) and `integer` (one regression output `ν̂`, trained
 * with a banded squared error `max(|ν̂ − ν| − 1/4, 0)²`, prediction `round(ν̂)`, so a model
 * trained on windings {0, 1} can answer −1 or 2).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HEADS } from "./architecture.ts";
 *
 * assert.deepEqual(HEADS, ["class", "integer"]);
 * ```
 */
export const HEADS = ["class", "integer"] as const;

/** A kind of output head. */
export type Head = typeof HEADS[number];

/**
 * The half-width of the integer head's zero-loss band: `|ν̂ − ν| < 1/4` costs nothing (and
 * rounds to `ν`); outside it the loss is quadratic in the excess.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INTEGER_HEAD_BAND } from "./architecture.ts";
 *
 * assert.equal(INTEGER_HEAD_BAND, 0.25);
 * ```
 */
export const INTEGER_HEAD_BAND = 0.25;

/**
 * The badges an architecture can carry on the boards: `baseline` (a proxy: a fixed feature and
 * a linear read-out, the bar a network must clear), `oracle` (a proxy that reads the physics
 * answer, such as the Lyapunov-exponent sign) and `trained-elsewhere` (an ONNX-track submission:
 * a model trained outside the suite, which the suite only evaluates; no training metric of it is
 * shown).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BADGES } from "./architecture.ts";
 *
 * assert.deepEqual(BADGES, ["baseline", "oracle", "trained-elsewhere"]);
 * ```
 */
export const BADGES = ["baseline", "oracle", "trained-elsewhere"] as const;

/** A badge of an architecture. */
export type Badge = typeof BADGES[number];

/** What a builder receives. */
export interface BuildOptions {
  /** The input the model will see in training. */
  readonly input: InputSpec;
  /** The winding number of each class index, ascending (for example `[0, 1]`). */
  readonly classWindings: readonly number[];
  /** Seed of the initialization (draws from `Rng.stream(seed, "init", …)`). */
  readonly seed: number;
  /** The initialization scheme. */
  readonly init: InitScheme;
  /** The output head (default: the architecture's `defaultHead`, else `class`). */
  readonly head?: Head;
}

/** Samples with their class indices (into `classWindings`), row-major `[size, ...shape]`. */
export interface LabelledBatch {
  readonly inputs: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
}

/** A trainable model: variables and a forward pass, in float32 on the active tfjs backend. */
export interface TrainableModel {
  /** Every trainable variable (the optimizer updates exactly these). */
  readonly variables: readonly tf.Variable[];
  /**
   * The output head (absent: `class`). `class`: `apply` returns class logits `[batch, classes]`;
   * `integer`: `apply` returns the winding estimate `ν̂` as `[batch, 1]`.
   */
  readonly head?: Head;
  /** Class logits `[batch, classes]` (or `ν̂`, `[batch, 1]`, for an integer head). */
  apply(inputs: tf.Tensor): tf.Tensor2D;
  /** The number of trainable scalars. */
  parameterCount(): number;
  /** The first layer's weights as `[inputFeatures, units]`, for pruning and edge-weight studies. */
  firstLayerWeights?(): tf.Tensor2D;
  /** Exact-invariant models: the network's invariant `ν_net` per sample, `[batch]`. */
  invariant?(inputs: tf.Tensor): tf.Tensor1D;
  /**
   * Exact-invariant models: the distance of the weights from the exact solution, modulo the
   * network's symmetries (documented by the architecture). Asynchronous, since the webgpu
   * backend reads tensors only asynchronously.
   */
  distanceFromExact?(): Promise<number>;
  /**
   * A closed-form fit on training samples, run once before the first step (ridge baselines:
   * the exact ridge solution); the steps then start from it.
   */
  fit?(samples: Iterable<LabelledBatch>): Promise<void>;
  /** A penalty added to the training loss (ridge baselines: `λ·‖W‖²`). */
  penalty?(): tf.Scalar;
  /** Evaluates the model at another input (size-agnostic architectures); shares weights. */
  resize?(input: InputSpec): TrainableModel;
  /** Frees the variables. */
  dispose(): void;
}

/** An architecture: metadata and a builder. */
export interface Architecture {
  /** Unique name, lowercase letters, digits and dashes (`topo`, `mlp`, `cnn`, …). */
  readonly name: string;
  /** Semantic version of the architecture's definition. */
  readonly version: string;
  /** One paragraph: what it is and why it is in the suite. */
  readonly description: string;
  /** The representations it accepts. */
  readonly representations: readonly Representation[];
  /** Whether one set of weights applies to chains of any size. */
  readonly sizeAgnostic: boolean;
  /** Whether the architecture can express the invariant exactly (has an `exact` init). */
  readonly exactInvariant?: boolean;
  /**
   * Whether learning the invariant also means reaching the exact weights: true where those are
   * unique up to the symmetries `distanceFromExact` quotients (`topo`, `topo-full`), so that a
   * run at 99% out of distribution with weights far from them has found a proxy, and the
   * trainability study asks for a distance below 0.05 as well. Absent (false) where many
   * weightings compute the invariant on every chain the suite tests (`offset-kernel`: κ(d) = c·d
   * with the quantizing read-out, and far offsets no chain exercises): there out-of-distribution
   * accuracy alone decides, and the distance is reported beside it.
   */
  readonly successNeedsExactWeights?: boolean;
  /** Badges shown beside the name on the boards (absent: none). */
  readonly badges?: readonly Badge[];
  /**
   * Its models come already trained (the ONNX track): the suite never trains them, so only the
   * studies that score a fixed model (`Study.scoresFixedModels`) apply, once each, at seed 0 and
   * no steps; the others record the architecture as not applicable.
   */
  readonly trainedElsewhere?: boolean;
  /**
   * Why the architecture cannot read `input` (for example a feature that exists only on plain
   * chains), or `null` when it can; a study cell on such an input is "not applicable".
   */
  inputUnavailable?(input: InputSpec): string | null;
  /** The head a build gets when its options name none (absent: `class`). */
  readonly defaultHead?: Head;
  /**
   * Adam's learning rate in the suite's study cells, where the architecture's design calls for
   * its own (absent: its family's, 1e-2 for exact-invariant and proxy architectures, else 1e-3).
   */
  readonly learningRate?: number;
  /** Builds a fresh model. Throws `RangeError` for inputs it does not accept. */
  build(options: BuildOptions): TrainableModel;
}
