import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { transposeMatrices } from "./_gemm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Transpose` for the permutations the suite runs in every training
 * step — a swap of the last two axes of a float32 or int32 tensor (after dropping axes of size
 * 1, as the built-in kernel does) — with a tiled copy split over the threads; other
 * permutations and dtypes keep the built-in kernel. A transposition only moves bits, so no
 * number changes. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const x = tf.tensor3d([1, 2, 3, 4, 5, 6], [1, 2, 3]);
 * assert.deepEqual(await tf.transpose(x, [0, 2, 1]).data(), new Float32Array([1, 4, 2, 5, 3, 6]));
 * ```
 */
export function registerTransposeWasm(): void {
  overrideWasmKernel("Transpose", transpose);
}

type TransposeArgs = {
  inputs: { x: tf.TensorInfo };
  backend: BackendWasm;
  attrs: { perm: number[] };
};

function transpose(args: TransposeArgs, builtIn: BuiltInKernel<TransposeArgs>): tf.TensorInfo {
  const { inputs: { x }, backend, attrs: { perm } } = args;
  if ((x.dtype !== "float32" && x.dtype !== "int32") || tf.util.sizeFromShape(x.shape) === 0) {
    return builtIn(args);
  }
  // Axes of size 1 do not move data: drop them (with their places in the permutation).
  const kept = perm.filter((axis) => x.shape[axis] !== 1);
  const order = [...kept].sort((a, b) => a - b);
  const reduced = kept.map((axis) => order.indexOf(axis));
  const shape = order.map((axis) => x.shape[axis]);
  const swapsLastTwo = reduced.length >= 2 &&
    reduced.every((axis, i) => i >= reduced.length - 2 || axis === i) &&
    reduced[reduced.length - 2] === reduced.length - 1 &&
    reduced[reduced.length - 1] === reduced.length - 2;
  if (!swapsLastTwo) return builtIn(args);
  const rows = shape[shape.length - 2];
  const columns = shape[shape.length - 1];
  const batch = tf.util.sizeFromShape(shape.slice(0, -2));
  const out = backend.makeOutput(perm.map((axis) => x.shape[axis]), x.dtype);
  transposeMatrices(backend, x, out, batch, rows, columns);
  return out;
}
