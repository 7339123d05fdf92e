import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { addBias } from "./_gemm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Add` for the bias of every dense and convolution layer — a
 * float32 tensor plus a float32 vector along its last axis, either way round — with a SIMD
 * pass split over the threads (tfjs 4.22's broadcasting loop takes ~4× as long). One float32
 * addition per element with the operands in tfjs's order, as the built-in kernel does, so no
 * number changes (not even a NaN's payload). Other shapes and dtypes keep the built-in kernel.
 * Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const sum = tf.add(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([10, 20]));
 * assert.deepEqual(await sum.data(), new Float32Array([11, 22, 13, 24]));
 * ```
 */
export function registerAddBiasWasm(): void {
  overrideWasmKernel("Add", add);
}

type AddArgs = { inputs: { a: tf.TensorInfo; b: tf.TensorInfo }; backend: BackendWasm };

function add(args: AddArgs, builtIn: BuiltInKernel<AddArgs>): tf.TensorInfo {
  const { inputs: { a, b }, backend } = args;
  const [x, bias] = isBiasOf(b, a) ? [a, b] : isBiasOf(a, b) ? [b, a] : [null, null];
  if (x === null || bias === null) return builtIn(args);
  const columns = bias.shape[0];
  const out = backend.makeOutput(x.shape, "float32");
  addBias(backend, x, bias, out, tf.util.sizeFromShape(x.shape) / columns, columns, bias === a);
  return out;
}

/** Whether `bias` is a float32 vector as long as `x`'s last axis (`x` float32, rank ≥ 1). */
function isBiasOf(bias: tf.TensorInfo, x: tf.TensorInfo): boolean {
  return bias.dtype === "float32" && x.dtype === "float32" && bias.shape.length === 1 &&
    x.shape.length >= 1 && bias.shape[0] === x.shape[x.shape.length - 1] && bias.shape[0] > 0 &&
    tf.util.sizeFromShape(x.shape) > 0;
}
