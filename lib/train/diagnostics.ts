import { tf } from "../tensor/tf.ts";

/** One point of the learning curves. */
export interface CurvePoint {
  readonly step: number;
  /** Mean training loss over the steps since the previous point (step 0: the first batch). */
  readonly loss: number;
  /** Training accuracy over the same steps. */
  readonly trainAccuracy: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number;
}

/** The global gradient norm `‖∇L‖₂` over all variables at one step (0: at initialization). */
export interface GradientNormPoint {
  readonly step: number;
  readonly norm: number;
}

/** Exact-invariant models: the distance of the weights from the exact solution at one step. */
export interface DistancePoint {
  readonly step: number;
  readonly distance: number;
}

/**
 * The global L2 norm of a list of gradients, `sqrt(Σ_v ‖g_v‖²)`, as a scalar tensor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { gradientNorm } from "./diagnostics.ts";
 *
 * const norm = gradientNorm([tf.tensor1d([3]), tf.tensor2d([[4]])]);
 * assert.deepEqual(await norm.data(), new Float32Array([5]));
 * ```
 */
export function gradientNorm(gradients: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    if (gradients.length === 0) return tf.scalar(0);
    return tf.sqrt(tf.addN(gradients.map((gradient) => tf.sum(tf.square(gradient))))) as tf.Scalar;
  });
}

/**
 * The first step at which a curve's validation accuracy reaches `target`, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stepsToTarget } from "./diagnostics.ts";
 *
 * const point = (step: number, validationAccuracy: number) =>
 *   ({ step, loss: 0, trainAccuracy: 0, validationLoss: 0, validationAccuracy });
 * assert.equal(stepsToTarget([point(0, 0.5), point(10, 0.95)], 0.9), 10);
 * assert.equal(stepsToTarget([point(0, 0.5)], 0.9), null);
 * ```
 */
export function stepsToTarget(curve: readonly CurvePoint[], target: number): number | null {
  return curve.find((point) => point.validationAccuracy >= target)?.step ?? null;
}
