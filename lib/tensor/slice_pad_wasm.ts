import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { pad4, slice4 } from "./_gemm.ts";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Slice` (which reads the whole tensor out of the heap and slices
 * it in JavaScript in tfjs 4.22) and `PadV2` for float32 and int32 tensors of rank 1 to 4 with
 * row copies in the suite's wasm module, split over the threads: the padding of every
 * convolution of Cybiński et al.'s CNN and, as the pad's gradient, its slice. Both only move
 * bits, so no number changes (a -0 fill stays -0, as in the built-in kernel). Empty tensors,
 * other dtypes and ranks, a NaN fill and int32 fills beyond ±2²⁴ keep the built-in kernels.
 * Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const x = tf.tensor2d([[1, 2], [3, 4]]);
 * const padded = tf.pad(x, [[1, 0], [0, 1]], 9);
 * assert.deepEqual(await padded.data(), new Float32Array([9, 9, 9, 1, 2, 9, 3, 4, 9]));
 * assert.deepEqual(await tf.slice(padded, [1, 0], [2, 2]).data(), new Float32Array([1, 2, 3, 4]));
 * ```
 */
export function registerSlicePadWasm(): void {
  overrideWasmKernel("Slice", slice);
  overrideWasmKernel("PadV2", pad);
}

type SliceArgs = {
  inputs: { x: tf.TensorInfo };
  backend: BackendWasm;
  attrs: { begin: number | number[]; size: number | number[] };
};
type PadArgs = {
  inputs: { x: tf.TensorInfo };
  backend: BackendWasm;
  attrs: { paddings: [number, number][]; constantValue: number };
};

/** Whether the suite's copies take `x`: 4-byte elements, rank 1 to 4, not empty. */
function copyable(x: tf.TensorInfo): boolean {
  return (x.dtype === "float32" || x.dtype === "int32") && x.shape.length >= 1 &&
    x.shape.length <= 4 && tf.util.sizeFromShape(x.shape) > 0;
}

/** `values` with leading `fill`s up to length 4. */
function toRank4(values: readonly number[], fill: number): number[] {
  return [...Array(4 - values.length).fill(fill), ...values];
}

/**
 * The same copy with every trailing axis that is copied whole (`whole(axis)`) merged into the
 * axis before it, so that the copies run over longer rows: `shape` x's extents, `begin` where
 * the copy starts on each axis in x (slice) or in the output (pad), `extent` the output's.
 */
function mergeTrailing(
  shape: readonly number[],
  begin: readonly number[],
  extent: readonly number[],
  whole: (axis: number) => boolean,
): [number[], number[], number[]] {
  const [s, b, e] = [[...shape], [...begin], [...extent]];
  while (s.length > 1 && whole(s.length - 1)) {
    const inner = s.pop()!;
    b.pop();
    e.pop();
    s[s.length - 1] *= inner;
    b[b.length - 1] *= inner;
    e[e.length - 1] *= inner;
  }
  return [s, b, e];
}

function slice(args: SliceArgs, builtIn: BuiltInKernel<SliceArgs>): tf.TensorInfo {
  const { inputs: { x }, backend, attrs } = args;
  if (!copyable(x)) return builtIn(args);
  const [begin, size] = tf.slice_util.parseSliceParams(
    x as unknown as tf.Tensor,
    attrs.begin,
    attrs.size,
  );
  tf.slice_util.assertParamsValid(x as unknown as tf.Tensor, begin, size);
  if (tf.util.sizeFromShape(size) === 0) return builtIn(args);
  const out = backend.makeOutput(size, x.dtype);
  const [shape, start, extent] = mergeTrailing(
    x.shape,
    begin,
    size,
    (axis) => begin[axis] === 0 && size[axis] === x.shape[axis],
  );
  slice4(backend, x, out, toRank4(shape, 1), toRank4(start, 0), toRank4(extent, 1));
  return out;
}

function pad(args: PadArgs, builtIn: BuiltInKernel<PadArgs>): tf.TensorInfo {
  const { inputs: { x }, backend, attrs: { paddings, constantValue } } = args;
  // Fills whose bits the built-in kernel does not take as they are keep it: NaN (written
  // inconsistently there), and int32 fills it rounds through float32 or saturates.
  const exactInt = Number.isInteger(constantValue) && Math.abs(constantValue) <= 2 ** 24;
  if (
    !copyable(x) || Number.isNaN(constantValue) || (x.dtype === "int32" && !exactInt) ||
    paddings.some(([head, tail]) => head < 0 || tail < 0)
  ) {
    return builtIn(args);
  }
  const before = paddings.map(([head]) => head);
  const outShape = paddings.map(([head, tail], axis) => head + x.shape[axis] + tail);
  const out = backend.makeOutput(outShape, x.dtype);
  const bits = x.dtype === "float32"
    ? new Int32Array(new Float32Array([constantValue]).buffer)[0]
    : constantValue;
  const [shape, start, extent] = mergeTrailing(
    x.shape,
    before,
    outShape,
    (axis) => paddings[axis][0] === 0 && paddings[axis][1] === 0,
  );
  pad4(backend, x, out, toRank4(shape, 1), toRank4(start, 0), toRank4(extent, 1), bits);
  return out;
}
