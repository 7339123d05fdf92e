/**
 * The suite's one door to TensorFlow.js 4.22: the core API with the cpu, wasm and webgpu
 * backends loaded, gradients registered, production mode on, the suite's kernels installed, and
 * wasm selected as the starting backend. Every other module imports `tf` from here.
 *
 * What importing this module installs:
 * - the gradient of every op (tfjs-core alone registers none under Deno; tfjs-layers does);
 * - {@linkcode registerBatchMatMulGradient}: a `BatchMatMul` gradient that sums over broadcast
 *   batch axes; {@linkcode registerReluGradient}: a one-pass `Relu` gradient on wasm;
 * - wasm kernels on the suite's own SIMD GEMM (`wasm/gemm.c`, run on tfjs's heap): `BatchMatMul`,
 *   1-D `Conv2D`, the missing `Conv2DBackpropFilter`, and a GEMM-speed `Conv2DBackpropInput`; and a one-pass `Sum` over leading axes (bias gradients);
 * - {@linkcode registerIdentityWasm}: a zero-copy `Identity` (the tape's clones share data);
 * - {@linkcode registerTransposeWasm}: a tiled, threaded swap of the last two axes;
 * - {@linkcode registerAddBiasWasm}: a SIMD, threaded bias `Add` (tensor + vector on its last axis);
 * - {@linkcode registerSlicePadWasm}: threaded row-copy `Slice` and `PadV2` (rank ≤ 4).
 *
 * Use functional ops only (`tf.transpose(x)`, not `x.transpose()`: chained ops are not loaded).
 * On webgpu read tensors with `await t.data()`, never `dataSync()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * assert.equal(tf.getBackend(), "wasm");
 * assert.deepEqual(await tf.add(tf.scalar(1), tf.scalar(2)).data(), new Float32Array([3]));
 * ```
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-layers";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import { registerBatchMatMulGradient } from "./batch_mat_mul_gradient.ts";
import { registerFastBatchMatMulWasm } from "./batch_mat_mul_wasm.ts";
import { registerConv2DBackpropFilterWasm } from "./conv2d_backprop_filter_wasm.ts";
import { registerConv2DBackpropInputWasm } from "./conv2d_backprop_input_wasm.ts";
import { registerConv2DWasm } from "./conv2d_wasm.ts";
import { registerSumWasm } from "./sum_wasm.ts";
import { registerIdentityWasm } from "./identity_wasm.ts";
import { registerTransposeWasm } from "./transpose_wasm.ts";
import { registerAddBiasWasm } from "./add_bias_wasm.ts";
import { registerReluGradient } from "./relu_gradient.ts";
import { registerSlicePadWasm } from "./slice_pad_wasm.ts";
import { withSharedWasmHeap } from "./_shared_heap.ts";

tf.enableProdMode();
registerBatchMatMulGradient();
registerReluGradient();
registerFastBatchMatMulWasm();
registerConv2DWasm();
registerConv2DBackpropFilterWasm();
registerConv2DBackpropInputWasm();
registerSumWasm();
registerIdentityWasm();
registerTransposeWasm();
registerAddBiasWasm();
registerSlicePadWasm();
// Importing the webgpu backend makes it the highest-priority one, and any tensor created before
// an explicit choice would fail; start on wasm (cpu where wasm cannot load).
// wasm starts on a shared heap (_shared_heap.ts), where worker threads run the suite's kernels.
if (!(await withSharedWasmHeap(() => tf.setBackend("wasm")))) await tf.setBackend("cpu");

export { tf };
