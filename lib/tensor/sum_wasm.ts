import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { columnSums } from "./_gemm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Sum` for float32 sums over leading axes (the gradient of a
 * broadcast bias add, `[batch, …, channels]` → `[channels]`) with one SIMD pass over the memory;
 * tfjs 4.22 first transposes the reduced axes innermost. The rows are summed in order. Every
 * other sum keeps the built-in kernel. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const sums = tf.sum(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), 0);
 * assert.deepEqual(await sums.data(), new Float32Array([9, 12]));
 * ```
 */
export function registerSumWasm(): void {
  overrideWasmKernel("Sum", sumLeadingAxes);
}

type SumArgs = { inputs: { x: tf.TensorInfo }; backend: BackendWasm; attrs: tf.SumAttrs };

function sumLeadingAxes(args: SumArgs, builtIn: BuiltInKernel<SumArgs>): tf.TensorInfo {
  const { inputs: { x }, backend, attrs } = args;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs.axis, x.shape as number[]).sort((a, b) => a - b);
  const leading = axes.length > 0 && axes.length < rank && axes.every((axis, i) => axis === i);
  if (x.dtype !== "float32" || !leading) {
    return builtIn(args);
  }
  const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
  const kept = x.shape.slice(axes.length);
  const shape = attrs.keepDims ? [...axes.map(() => 1), ...kept] : kept;
  const out = backend.makeOutput(shape, "float32");
  columnSums(backend, x, rows, tf.util.sizeFromShape(kept), out);
  return out;
}
