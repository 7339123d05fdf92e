// Private helpers for the suite's own wasm kernels: calling another kernel of the same backend
// and freeing the intermediate results a kernel makes.
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/** Runs `kernelName`'s kernel of the wasm backend directly (no tape, no engine bookkeeping). */
export function runWasmKernel(
  kernelName: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: Record<string, unknown>,
  backend: BackendWasm,
): tf.TensorInfo {
  const func = tf.getKernel(kernelName, "wasm")?.kernelFunc;
  if (func === undefined) throw new Error(`No wasm kernel registered for ${kernelName}`);
  return func({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as tf.TensorInfo;
}

/** A view of `info` with another shape and the same data (the caller frees it). */
export function reshapeInfo(
  info: tf.TensorInfo,
  shape: number[],
  backend: BackendWasm,
): tf.TensorInfo {
  return runWasmKernel("Reshape", { x: info }, { shape }, backend);
}

/** `info` with its last two axes swapped (the caller frees it). */
export function transposeLastTwo(info: tf.TensorInfo, backend: BackendWasm): tf.TensorInfo {
  const rank = info.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return runWasmKernel("Transpose", { x: info }, { perm }, backend);
}

/** Frees kernel intermediates. */
export function free(backend: BackendWasm, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
