import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { free, runWasmKernel } from "./_wasm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Conv2DBackpropInput` (the input gradient of `conv2d` and
 * `conv1d`, a scalar loop in tfjs 4.22) with a forward XNNPACK convolution for stride 1:
 * `dX = dY ⋆ flip(W)ᵀ` with padding `filter − 1 − pad`. Other strides keep the built-in kernel.
 * Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const w = tf.tensor3d([1, 2, 3], [3, 1, 1]);
 * const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.conv1d(x as tf.Tensor3D, w, 1, "valid")));
 * assert.deepEqual(await grad(tf.ones([1, 4, 1])).data(), new Float32Array([1, 3, 5, 3]));
 * ```
 */
export function registerConv2DBackpropInputWasm(): void {
  overrideWasmKernel("Conv2DBackpropInput", conv2DBackpropInput);
}

type BackpropInputArgs = {
  inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo };
  backend: BackendWasm;
  attrs: tf.Conv2DBackpropInputAttrs;
};

function conv2DBackpropInput(
  args: BackpropInputArgs,
  builtIn: BuiltInKernel<BackpropInputArgs>,
): tf.TensorInfo {
  const { inputs: { dy, filter }, backend, attrs } = args;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const { filterHeight: fh, filterWidth: fw, inHeight, inWidth, outHeight, outWidth } = info;
  const top = fh - 1 - info.padInfo.top;
  const left = fw - 1 - info.padInfo.left;
  const bottom = inHeight - outHeight - top + fh - 1;
  const right = inWidth - outWidth - left + fw - 1;
  const fast = info.strideHeight === 1 && info.strideWidth === 1 &&
    info.dataFormat === "channelsLast" && Math.min(top, left, bottom, right) >= 0;
  if (!fast) {
    return builtIn(args);
  }
  const { inChannels, outChannels } = info;
  const flipped = backend.makeOutput([fh, fw, outChannels, inChannels], "float32");
  const source = backend.typedArrayFromHeap(filter) as Float32Array;
  const target = backend.typedArrayFromHeap(flipped) as Float32Array;
  for (let kh = 0; kh < fh; kh++) {
    for (let kw = 0; kw < fw; kw++) {
      const from = ((fh - 1 - kh) * fw + (fw - 1 - kw)) * inChannels * outChannels;
      const to = (kh * fw + kw) * outChannels * inChannels;
      for (let c = 0; c < inChannels; c++) {
        for (let f = 0; f < outChannels; f++) {
          target[to + f * inChannels + c] = source[from + c * outChannels + f];
        }
      }
    }
  }
  const out = runWasmKernel("Conv2D", { x: dy, filter: flipped }, {
    strides: [1, 1],
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    dataFormat: "NHWC",
    dilations: [1, 1],
    dimRoundingMode: undefined,
  }, backend);
  free(backend, flipped);
  return out;
}
