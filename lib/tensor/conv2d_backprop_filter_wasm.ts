import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { free, reshapeInfo, runWasmKernel } from "./_wasm.ts";
import { filterGradientLoop, im2col, padRows, runGemm } from "./_gemm.ts";
import { isRowConvolution } from "./conv2d_wasm.ts";

/**
 * Registers `Conv2DBackpropFilter` (the filter gradient of `conv2d` and `conv1d`) for the wasm
 * backend, which tfjs 4.22 ships without.
 *
 * 1-D convolutions at stride 1 with a multiple of 8 filters (every convolution of the suite) run
 * on the suite's SIMD GEMM, one `dW += colᵀ·dY` product per sample row read in place from the
 * zero-padded row. Other stride-1 convolutions are one GEMM: the input is laid out channel-major
 * on a zero-padded grid, so that every filter tap is a shifted copy of a contiguous row (`im2col`
 * in the suite's module, split over the threads), and `dW = colᵀ·dY` runs through the wasm
 * backend's `BatchMatMul` kernel. Other strides use a direct sum in the suite's module (float64
 * terms, float32 sums, split over the threads by filter tap). NHWC float32 only. Idempotent.
 *
 * @example conv1d trains on wasm
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const x = tf.ones([1, 4, 1]) as tf.Tensor3D;
 * const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.conv1d(x, w as tf.Tensor3D, 1, "valid")));
 * assert.deepEqual(await grad(tf.ones([3, 1, 1])).data(), new Float32Array([2, 2, 2]));
 * ```
 */
export function registerConv2DBackpropFilterWasm(): void {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc,
  });
}

function conv2DBackpropFilter(
  { inputs, backend, attrs }: {
    inputs: { x: tf.TensorInfo; dy: tf.TensorInfo };
    backend: BackendWasm;
    attrs: tf.Conv2DBackpropFilterAttrs;
  },
): tf.TensorInfo {
  const { x, dy } = inputs;
  if (attrs.dataFormat !== "NHWC") {
    throw new RangeError(
      `Conv2DBackpropFilter on wasm supports NHWC only: got ${attrs.dataFormat}`,
    );
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
  if (isRowConvolution(info) && x.dtype === "float32") {
    return rowFilterGradient(x, dy, info, backend);
  }
  return info.strideHeight === 1 && info.strideWidth === 1
    ? gemmFilterGradient(x, dy, info, backend)
    : loopFilterGradient(x, dy, info, backend);
}

/** Rows: `dW[(kw, c), f] = Σ_rows Σ_w xPad[row, w + kw, c] · dY[row, w, f]`, on the suite's GEMM. */
function rowFilterGradient(
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  backend: BackendWasm,
): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outWidth, outChannels, filterWidth } = info;
  const { left, right } = info.padInfo;
  const rows = batchSize * inHeight;
  const padded = padRows(backend, x, rows, inWidth, inChannels, left, right);
  const taps = filterWidth * inChannels;
  const paddedRow = (left + inWidth + right) * inChannels;
  // dW = colᵀ·dY with col[w, (kw, c)] = xPad[row, w + kw, c] read in place (row stride
  // inChannels); the threads split dW itself (by filter taps, or by filters where there are more
  // of them), never the sum over rows and positions.
  const out = backend.makeOutput(info.filterShape as number[], "float32");
  runGemm(
    backend,
    { batch: rows, m: taps, n: outChannels, k: outWidth },
    { info: padded, batch: paddedRow, row: 1, column: inChannels },
    { info: dy, batch: outWidth * outChannels, row: outChannels, column: 1 },
    { info: out, batch: 0, row: outChannels },
  );
  free(backend, padded);
  return out;
}

/** Stride 1: `dW[(kh, kw, c), f] = Σ_q xPad[c, q + kh·Wp + kw] · dyPad[q, f]`, one GEMM. */
function gemmFilterGradient(
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  backend: BackendWasm,
): tf.TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, inChannels } = info;
  const paddedHeight = outHeight + info.filterHeight - 1;
  const paddedWidth = outWidth + info.filterWidth - 1;
  const positions = batchSize * paddedHeight * paddedWidth;
  const taps = info.filterHeight * info.filterWidth * inChannels;
  // im2col in the suite's module: each tap a shifted copy of the channel-major padded input.
  const col = backend.makeOutput([1, taps, positions], "float32");
  im2col(backend, x, col, info, paddedHeight, paddedWidth);
  // dY on the padded grid (zeros after each row and after each sample's rows), by the PadV2
  // kernel: its own, threaded row copies (slice_pad_wasm.ts).
  const dyGrid = runWasmKernel("PadV2", { x: dy }, {
    paddings: [[0, 0], [0, paddedHeight - outHeight], [0, paddedWidth - outWidth], [0, 0]],
    constantValue: 0,
  }, backend);
  const dyPad = reshapeInfo(dyGrid, [1, positions, outChannels], backend);
  const plain = { transposeA: false, transposeB: false };
  const product = runWasmKernel("BatchMatMul", { a: col, b: dyPad }, plain, backend);
  const out = reshapeInfo(product, info.filterShape as number[], backend);
  free(backend, col, dyGrid, dyPad, product);
  return out;
}

/**
 * Any stride: the direct sum over batch and output positions (float64 terms, float32 sums), in
 * the suite's module, split over the threads by filter tap.
 */
function loopFilterGradient(
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  backend: BackendWasm,
): tf.TensorInfo {
  const out = backend.makeOutput(info.filterShape as number[], "float32");
  (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
  filterGradientLoop(backend, x, dy, out, info);
  return out;
}
