import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { free, reshapeInfo, transposeLastTwo } from "./_wasm.ts";
import { gemmFits, runChainProduct, runGemm } from "./_gemm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `BatchMatMul` kernel with the suite's SIMD matrix product.
 *
 * Products with a multiple of 8 output columns run on the suite's own WebAssembly GEMM
 * (`wasm/gemm.c`: 4 × 8 register tiles with fused multiply-adds, reading the operands in place
 * in any transposition, no weight repacking by XNNPACK), including batched products where one
 * factor is shared. Products of fewer than 8 columns (a classifier's head) against one right
 * factor run in the suite's module in XNNPACK's own arithmetic (an unfused multiply and add
 * per step, from +0, in order: the numbers tfjs's kernel gives, without the operator it creates
 * and the weights it packs for every new weight tensor; an untransposed left factor is
 * transposed first), split over the threads. The rest reach XNNPACK: tfjs 4.22's wasm kernel
 * runs its SIMD GEMM only for an untransposed product of two unbatched matrices, so this kernel
 * transposes explicitly and flattens a batched left factor against a shared right factor.
 * Idempotent.
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
  overrideWasmKernel("BatchMatMul", fastBatchMatMul);
}

type BatchMatMulArgs = {
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
  backend: BackendWasm;
  attrs: { transposeA: boolean; transposeB: boolean };
};

function fastBatchMatMul(
  { inputs, backend, attrs }: BatchMatMulArgs,
  builtIn: BuiltInKernel<BatchMatMulArgs>,
): tf.TensorInfo {
  const own = ownGemm(inputs.a, inputs.b, attrs, backend) ??
    narrowProduct(inputs.a, inputs.b, attrs, backend);
  if (own !== null) return own;
  const temps: tf.TensorInfo[] = [];
  let a = inputs.a;
  let b = inputs.b;
  if (attrs.transposeA) temps.push(a = transposeLastTwo(a, backend));
  if (attrs.transposeB) temps.push(b = transposeLastTwo(b, backend));
  const plain = { transposeA: false, transposeB: false };
  const { m, k, n, batchA, batchB } = productShape(a, b, plain);
  let out: tf.TensorInfo;
  if (batchA > 1 && batchB === 1) {
    const flatA = reshapeInfo(a, [batchA * m, k], backend);
    const flatB = reshapeInfo(b, [k, n], backend);
    const flat = builtIn({ inputs: { a: flatA, b: flatB }, attrs: plain, backend });
    out = reshapeInfo(flat, outputShape(a, b, m, n), backend);
    temps.push(flatA, flatB, flat);
  } else {
    out = builtIn({ inputs: { a, b }, attrs: plain, backend });
  }
  free(backend, ...temps);
  return out;
}

/** op(A)·op(B)'s extents and batch sizes. */
function productShape(
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  attrs: { transposeA: boolean; transposeB: boolean },
): { m: number; k: number; n: number; batchA: number; batchB: number } {
  const [rowsA, columnsA] = a.shape.slice(-2);
  const [rowsB, columnsB] = b.shape.slice(-2);
  const [m, k] = attrs.transposeA ? [columnsA, rowsA] : [rowsA, columnsA];
  const n = attrs.transposeB ? rowsB : columnsB;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  return { m, k, n, batchA, batchB };
}

/** The product's shape: the broadcast batch axes of A and B, then m × n. */
function outputShape(a: tf.TensorInfo, b: tf.TensorInfo, m: number, n: number): number[] {
  return tf.broadcast_util
    .assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2))
    .concat([m, n]);
}

/**
 * A product of fewer than 8 columns against one right factor in XNNPACK's arithmetic (what the
 * built-in kernel computes for it), or null where it does not apply: the left factor is read as
 * its transpose, so an untransposed one is transposed first (a bit copy).
 */
function narrowProduct(
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  attrs: { transposeA: boolean; transposeB: boolean },
  backend: BackendWasm,
): tf.TensorInfo | null {
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  const { m, k, n, batchA, batchB } = productShape(a, b, attrs);
  if (n < 1 || n >= 8 || m === 0 || batchB !== 1 || (batchA > 1 && attrs.transposeA)) {
    return null;
  }
  // All of A's rows (a batch of them against the shared B: XNNPACK's flattened product).
  const rows = batchA * m;
  const temps: tf.TensorInfo[] = [];
  let x = a;
  if (!attrs.transposeA) {
    const flat = reshapeInfo(a, [rows, k], backend);
    temps.push(flat, x = transposeLastTwo(flat, backend));
  }
  const out = backend.makeOutput(outputShape(a, b, m, n), "float32");
  runChainProduct(
    backend,
    { m: rows, n, k },
    { info: x, ld: rows },
    {
      info: b,
      columnStride: attrs.transposeB ? k : 1,
      depthStride: attrs.transposeB ? 1 : n,
    },
    out,
  );
  free(backend, ...temps);
  return out;
}

/** The product on the suite's GEMM, or null where it does not apply. */
function ownGemm(
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  attrs: { transposeA: boolean; transposeB: boolean },
  backend: BackendWasm,
): tf.TensorInfo | null {
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  const { m, k, n, batchA, batchB } = productShape(a, b, attrs);
  if (!gemmFits(n) || m === 0 || k === 0) return null;
  const batch = Math.max(batchA, batchB);
  if (batchA !== batchB && Math.min(batchA, batchB) !== 1) return null;
  const outShape = outputShape(a, b, m, n);
  if (tf.util.sizeFromShape(outShape.slice(0, -2)) !== batch) return null;
  const out = backend.makeOutput(outShape, "float32");
  runGemm(
    backend,
    { batch, m, n, k },
    {
      info: a,
      batch: batchA === 1 ? 0 : m * k,
      row: attrs.transposeA ? 1 : k,
      column: attrs.transposeA ? m : 1,
    },
    {
      info: b,
      batch: batchB === 1 ? 0 : k * n,
      row: attrs.transposeB ? 1 : n,
      column: attrs.transposeB ? k : 1,
    },
    { info: out, batch: m * n, row: n },
  );
  return out;
}
