import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { reluBackprop } from "./_gemm.ts";

const KERNEL = "TopolearnReluBackprop";

/**
 * The gradient of `Relu` that the suite registers in place of tfjs 4.22's, which is
 * `dy · cast(step(x))` in three passes (Step, Cast, Multiply). On wasm, for float32, it is one
 * SIMD pass split over the threads (`TopolearnReluBackprop`) with the same operations —
 * step(x) = 1 for x > 0, NaN for NaN, else 0, then one float32 multiplication — so no number
 * changes; on other backends and dtypes it is tfjs's own expression. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), tf.tensor1d([2, 3, 4]))));
 * assert.deepEqual(await grad(tf.tensor1d([-1, 0, 5])).data(), new Float32Array([0, 0, 4]));
 * ```
 */
export function registerReluGradient(): void {
  if (tf.getKernel(KERNEL, "wasm") === undefined) {
    tf.registerKernel({
      kernelName: KERNEL,
      backendName: "wasm",
      kernelFunc: reluBackpropWasm as unknown as tf.KernelFunc,
    });
    // Its own gradient, for second derivatives: linear in dy with the same step(x); zero in x,
    // as the gradient of tfjs's Step is.
    tf.registerGradient({
      kernelName: KERNEL,
      inputsToSave: ["x"],
      gradFunc: (upstream, saved) => {
        const [x] = saved;
        return {
          dy: () =>
            tf.engine().runKernel(KERNEL, { dy: upstream as tf.Tensor, x }, {}) as tf.Tensor,
          x: () => tf.zerosLike(x),
        };
      },
    });
  }
  tf.registerGradient({
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const gradient = dy as tf.Tensor;
      return {
        x: () =>
          tf.getBackend() === "wasm" && x.dtype === "float32" && gradient.dtype === "float32" &&
            tf.util.arraysEqual(x.shape, gradient.shape)
            ? tf.engine().runKernel(KERNEL, { dy: gradient, x }, {}) as tf.Tensor
            : tf.mul(gradient, tf.cast(tf.step(x), "float32")),
      };
    },
  });
}

function reluBackpropWasm(
  { inputs: { dy, x }, backend }: {
    inputs: { dy: tf.TensorInfo; x: tf.TensorInfo };
    backend: BackendWasm;
  },
): tf.TensorInfo {
  const out = backend.makeOutput(x.shape, "float32");
  reluBackprop(backend, dy, x, out, tf.util.sizeFromShape(x.shape));
  return out;
}
