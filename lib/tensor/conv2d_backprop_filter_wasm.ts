import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { free, reshapeInfo, runWasmKernel } from "./_wasm.ts";
import { gemmFits, padRows, runGemm } from "./_gemm.ts";
import { isRowConvolution } from "./conv2d_wasm.ts";

/**
 * Registers `Conv2DBackpropFilter` (the filter gradient of `conv2d` and `conv1d`) for the wasm
 * backend, which tfjs 4.22 ships without.
 *
 * 1-D convolutions at stride 1 with a multiple of 8 filters (every convolution of the suite) run
 * on the suite's SIMD GEMM, one `dW += colᵀ·dY` product per sample row read in place from the
 * zero-padded row. Other stride-1 convolutions are one GEMM on XNNPACK: the input is laid out
 * channel-major on a zero-padded grid, so that every filter tap is a plain shifted copy of a
 * contiguous row (`im2col` by `memcpy`), and `dW = colᵀ·dY` runs through the wasm backend's own
 * `BatchMatMul` kernel. Other strides use a direct loop. NHWC only. Idempotent.
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
  let out: tf.TensorInfo;
  if (gemmFits(taps)) {
    // dWᵀ = dYᵀ·col: the packed operand is dY (cheap), the streamed one the padded rows.
    const transposed = backend.makeOutput([outChannels, taps], "float32");
    runGemm(
      backend,
      { batch: rows, m: outChannels, n: taps, k: outWidth },
      { info: dy, batch: outWidth * outChannels, row: 1, column: outChannels },
      { info: padded, batch: paddedRow, row: inChannels, column: 1 },
      { info: transposed, batch: 0, row: taps },
    );
    const flat = runWasmKernel("Transpose", { x: transposed }, { perm: [1, 0] }, backend);
    out = reshapeInfo(flat, info.filterShape as number[], backend);
    free(backend, transposed, flat);
  } else {
    out = backend.makeOutput(info.filterShape as number[], "float32");
    runGemm(
      backend,
      { batch: rows, m: taps, n: outChannels, k: outWidth },
      { info: padded, batch: paddedRow, row: 1, column: inChannels },
      { info: dy, batch: outWidth * outChannels, row: outChannels, column: 1 },
      { info: out, batch: 0, row: outChannels },
    );
  }
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
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const paddedHeight = outHeight + filterHeight - 1;
  const paddedWidth = outWidth + filterWidth - 1;
  const positions = batchSize * paddedHeight * paddedWidth;
  const rowLength = positions + (filterHeight - 1) * paddedWidth + filterWidth - 1;
  const taps = filterHeight * filterWidth * inChannels;
  const col = backend.makeOutput([1, taps, positions], "float32");
  const dyPad = backend.makeOutput([1, positions, outChannels], "float32");
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  const cols = backend.typedArrayFromHeap(col) as Float32Array;
  const dyPads = backend.typedArrayFromHeap(dyPad) as Float32Array;
  const xPad = new Float32Array(inChannels * rowLength);
  for (let b = 0; b < batchSize; b++) {
    for (let h = 0; h < inHeight; h++) {
      const ph = h + top;
      if (ph < 0 || ph >= paddedHeight) continue;
      for (let w = 0; w < inWidth; w++) {
        const pw = w + left;
        if (pw < 0 || pw >= paddedWidth) continue;
        const q = (b * paddedHeight + ph) * paddedWidth + pw;
        const from = ((b * inHeight + h) * inWidth + w) * inChannels;
        for (let c = 0; c < inChannels; c++) xPad[c * rowLength + q] = xs[from + c];
      }
    }
  }
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const shift = kh * paddedWidth + kw;
      for (let c = 0; c < inChannels; c++) {
        const start = c * rowLength + shift;
        cols.set(
          xPad.subarray(start, start + positions),
          ((kh * filterWidth + kw) * inChannels + c) * positions,
        );
      }
    }
  }
  dyPads.fill(0);
  const rowFloats = outWidth * outChannels;
  for (let b = 0; b < batchSize; b++) {
    for (let ho = 0; ho < outHeight; ho++) {
      const from = (b * outHeight + ho) * rowFloats;
      dyPads.set(
        dys.subarray(from, from + rowFloats),
        (b * paddedHeight + ho) * paddedWidth * outChannels,
      );
    }
  }
  const plain = { transposeA: false, transposeB: false };
  const product = runWasmKernel("BatchMatMul", { a: col, b: dyPad }, plain, backend);
  const out = reshapeInfo(product, info.filterShape as number[], backend);
  free(backend, col, dyPad, product);
  return out;
}

/** Any stride: the direct sum over batch and output positions. */
function loopFilterGradient(
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  backend: BackendWasm,
): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  const dw = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let ho = 0; ho < outHeight; ho++) {
      for (let kh = 0; kh < filterHeight; kh++) {
        const h = ho * strideHeight - top + kh;
        if (h < 0 || h >= inHeight) continue;
        for (let wo = 0; wo < outWidth; wo++) {
          const dyAt = ((b * outHeight + ho) * outWidth + wo) * outChannels;
          for (let kw = 0; kw < filterWidth; kw++) {
            const w = wo * strideWidth - left + kw;
            if (w < 0 || w >= inWidth) continue;
            const xAt = ((b * inHeight + h) * inWidth + w) * inChannels;
            const dwAt = (kh * filterWidth + kw) * inChannels * outChannels;
            for (let c = 0; c < inChannels; c++) {
              const value = xs[xAt + c];
              const row = dwAt + c * outChannels;
              for (let f = 0; f < outChannels; f++) dw[row + f] += value * dys[dyAt + f];
            }
          }
        }
      }
    }
  }
  return backend.makeOutput(info.filterShape as number[], "float32", undefined, dw);
}
