import * as tf from "@tensorflow/tfjs-core";

/**
 * The gradient of `BatchMatMul` that the suite registers in place of tfjs 4.22's.
 *
 * For `C = op(A)·op(B)` (`op` transposes the last two axes where the flag says so) it returns
 * `dA`, `dB` as products of `dC` with the saved factors, like the built-in one, and in addition
 * sums over broadcast batch axes: the built-in gradient of `[batch, m, k] × [k, n]` (a shared
 * weight matrix applied to every sample, as the exact-invariant network does) has the shape
 * `[batch, k, n]` and tfjs rejects it. Transposed products stay transposed products here; on
 * wasm, {@linkcode registerFastBatchMatMulWasm} makes those fast.
 *
 * @example A shared matrix against a batch of matrices
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("cpu");
 * const shared = tf.ones([2, 2]);
 * const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.matMul(tf.ones([3, 2, 2]), w)))(shared);
 * assert.deepEqual(grad.shape, [2, 2]);
 * assert.deepEqual(await grad.data(), new Float32Array([6, 6, 6, 6]));
 * ```
 */
export function registerBatchMatMulGradient(): void {
  tf.registerGradient({
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      const dC = dy as tf.Tensor;
      return {
        a: () =>
          sumToShape(
            transposeA ? tf.matMul(b, dC, transposeB, true) : tf.matMul(dC, b, false, !transposeB),
            a.shape,
          ),
        b: () =>
          sumToShape(
            transposeB ? tf.matMul(dC, a, true, transposeA) : tf.matMul(a, dC, !transposeA, false),
            b.shape,
          ),
      };
    },
  });
}

/** Sums a gradient over the axes that broadcasting added or expanded. */
function sumToShape(gradient: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (tf.util.arraysEqual(gradient.shape, shape as number[])) return gradient;
  const axes = tf.broadcast_util.getReductionAxes(shape as number[], gradient.shape);
  const summed = axes.length > 0 ? tf.sum(gradient, axes) : gradient;
  return tf.reshape(summed, shape as number[]);
}
