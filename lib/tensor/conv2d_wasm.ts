import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { free } from "./_wasm.ts";
import { gemmFits, padRows, runGemm } from "./_gemm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Conv2D` with the suite's SIMD GEMM for 1-D convolutions
 * (`conv1d`, and any `conv2d` with a filter of height 1) at stride 1 with a multiple of 8
 * output channels: each sample row is copied once onto a zero-padded row, where the filter
 * taps of an output position are one contiguous run, so the product reads the input in place
 * (no im2col). Everything else keeps XNNPACK. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const x = tf.ones([1, 3, 1]) as tf.Tensor3D;
 * const y = tf.conv1d(x, tf.ones([3, 1, 8]) as tf.Tensor3D, 1, "same");
 * assert.deepEqual(Array.from(await y.data()).slice(0, 9), [2, 2, 2, 2, 2, 2, 2, 2, 3]);
 * ```
 */
export function registerConv2DWasm(): void {
  overrideWasmKernel("Conv2D", conv2D);
}

type Conv2DArgs = {
  inputs: { x: tf.TensorInfo; filter: tf.TensorInfo };
  backend: BackendWasm;
  attrs: tf.Conv2DAttrs;
};

function conv2D(args: Conv2DArgs, builtIn: BuiltInKernel<Conv2DArgs>): tf.TensorInfo {
  const { inputs: { x, filter }, backend, attrs } = args;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  if (!isRowConvolution(info) || x.dtype !== "float32") {
    return builtIn(args);
  }
  const { batchSize, inHeight, inWidth, inChannels, outWidth, outChannels, filterWidth } = info;
  const { left, right } = info.padInfo;
  const rows = batchSize * inHeight;
  const padded = padRows(backend, x, rows, inWidth, inChannels, left, right);
  const out = backend.makeOutput(info.outShape, "float32");
  const k = filterWidth * inChannels;
  runGemm(
    backend,
    { batch: rows, m: outWidth, n: outChannels, k },
    { info: padded, batch: (left + inWidth + right) * inChannels, row: inChannels, column: 1 },
    { info: filter, batch: 0, row: outChannels, column: 1 },
    { info: out, batch: outWidth * outChannels, row: outChannels },
  );
  free(backend, padded);
  return out;
}

/**
 * Whether `info` is a stride-1, undilated NHWC convolution along rows only (filter height 1,
 * no vertical padding) with a multiple of 8 output channels: the case the suite's GEMM runs.
 */
export function isRowConvolution(info: tf.backend_util.Conv2DInfo): boolean {
  return info.dataFormat === "channelsLast" && info.filterHeight === 1 &&
    info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 &&
    info.dilationWidth === 1 && info.padInfo.top === 0 && info.padInfo.bottom === 0 &&
    info.padInfo.left >= 0 && info.padInfo.right >= 0 && info.outHeight === info.inHeight &&
    info.outWidth ===
      info.inWidth + info.padInfo.left + info.padInfo.right - info.filterWidth + 1 &&
    gemmFits(info.outChannels);
}
