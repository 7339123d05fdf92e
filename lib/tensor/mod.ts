/**
 * Tensor plumbing, below every model: the one TensorFlow.js handle `tf` (core, layers, cpu,
 * wasm and webgpu backends), backend selection with adapter info, the suite's wasm SIMD kernels
 * (GEMM-based `BatchMatMul`, 1-D `Conv2D` and its two gradients, `Sum`) on tfjs's shared heap,
 * split over worker threads (`setWasmThreads`, same numbers on any count), the broadcast-aware
 * `BatchMatMul` gradient and the fused Adam update.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectBackend, tf } from "./mod.ts";
 *
 * const info = await selectBackend("wasm");
 * assert.equal(info.backend, "wasm");
 * assert.deepEqual(await tf.matMul(tf.eye(2), tf.ones([2, 1])).data(), new Float32Array([1, 1]));
 * ```
 *
 * @module
 */
export { tf } from "./tf.ts";
export {
  activeBackend,
  type AdapterInfo,
  type BackendInfo,
  gpuAdapterInfo,
  selectBackend,
} from "./backend.ts";
export { BACKEND_CHOICES, type BackendChoice, type BackendName, BACKENDS } from "./backends.ts";
export { type AdamStep, adamUpdate } from "./adam_update.ts";
export { registerBatchMatMulGradient } from "./batch_mat_mul_gradient.ts";
export { registerFastBatchMatMulWasm } from "./batch_mat_mul_wasm.ts";
export { isRowConvolution, registerConv2DWasm } from "./conv2d_wasm.ts";
export { registerConv2DBackpropFilterWasm } from "./conv2d_backprop_filter_wasm.ts";
export { registerConv2DBackpropInputWasm } from "./conv2d_backprop_input_wasm.ts";
export { registerSumWasm } from "./sum_wasm.ts";
export { registerIdentityWasm } from "./identity_wasm.ts";
export { registerTransposeWasm } from "./transpose_wasm.ts";
export { registerAddBiasWasm } from "./add_bias_wasm.ts";
export { registerSlicePadWasm } from "./slice_pad_wasm.ts";
export { registerReluGradient } from "./relu_gradient.ts";
export { MAX_WASM_THREADS, setWasmThreads, wasmThreads } from "./wasm_threads.ts";
export { loadOnnxModel, type OnnxModel, onnxRuntimeWasmDir } from "./onnx_model.ts";
