import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { _free, _reshapeInfo, _runWasmKernel, _transposeLastTwo } from "./_wasm.ts";

let _builtIn: tf.KernelConfig | undefined;

/**
 * Replaces the wasm backend's `BatchMatMul` kernel with one that always reaches XNNPACK.
 *
 * tfjs 4.22's wasm kernel runs a SIMD XNNPACK GEMM only for an untransposed product of two
 * unbatched matrices; anything else (`transposeA`, `transposeB`, a batch axis) falls into a
 * scalar blocked loop that is 8–15× slower. This kernel transposes explicitly (one cheap
 * memory pass) and flattens a batched left factor against a shared right factor
 * (`[batch, m, k] × [k, n]`) into one `[batch·m, k] × [k, n]` GEMM. Products where both factors
 * carry a batch axis still use the built-in loop. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 * import { registerFastBatchMatMulWasm } from "./batch_mat_mul_wasm.ts";
 *
 * registerFastBatchMatMulWasm(); // already done by tf.ts; calling again is harmless
 * await tf.setBackend("wasm");
 * const product = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]]), false, true);
 * assert.deepEqual(await product.data(), new Float32Array([11]));
 * ```
 */
export function registerFastBatchMatMulWasm(): void {
  if (_builtIn !== undefined) return;
  const builtIn = tf.getKernel("BatchMatMul", "wasm");
  if (builtIn === undefined) throw new Error("The wasm backend is not loaded: import tf.ts");
  _builtIn = builtIn;
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({
    kernelName: "BatchMatMul",
    backendName: "wasm",
    setupFunc: builtIn.setupFunc,
    kernelFunc: _fastBatchMatMul as unknown as tf.KernelFunc,
  });
}

function _fastBatchMatMul(
  { inputs, backend, attrs }: {
    inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
    backend: BackendWasm;
    attrs: { transposeA: boolean; transposeB: boolean };
  },
): tf.TensorInfo {
  const temps: tf.TensorInfo[] = [];
  let a = inputs.a;
  let b = inputs.b;
  if (attrs.transposeA) temps.push(a = _transposeLastTwo(a, backend));
  if (attrs.transposeB) temps.push(b = _transposeLastTwo(b, backend));
  const plain = { transposeA: false, transposeB: false };
  const builtIn = _builtIn!.kernelFunc;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  let out: tf.TensorInfo;
  if (batchA > 1 && batchB === 1) {
    const [m, k] = a.shape.slice(-2);
    const n = b.shape[b.shape.length - 1];
    const flatA = _reshapeInfo(a, [batchA * m, k], backend);
    const flatB = _reshapeInfo(b, [k, n], backend);
    const flat = _runWasmKernel("BatchMatMul", { a: flatA, b: flatB }, plain, backend, builtIn);
    const outShape = tf.broadcast_util
      .assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2))
      .concat([m, n]);
    out = _reshapeInfo(flat, outShape, backend);
    temps.push(flatA, flatB, flat);
  } else {
    out = _runWasmKernel("BatchMatMul", { a, b }, plain, backend, builtIn);
  }
  _free(backend, ...temps);
  return out;
}
