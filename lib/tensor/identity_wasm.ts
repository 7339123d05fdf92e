import type * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Identity` kernel (a copy of the whole tensor in tfjs 4.22) with
 * one that shares the input's data and counts the reference, as the cpu backend's does and as
 * the wasm backend's own `Reshape` does. The autodiff tape clones every tensor it saves for the
 * backward pass through `Identity`, so a training step of the benchmark CNN copied ~11 feature
 * maps for nothing; no tfjs kernel writes into its inputs, so sharing changes no number. String
 * tensors keep the built-in kernel. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const x = tf.tensor1d([1, 2, 3]);
 * const y = tf.clone(x);
 * x.dispose(); // y keeps the shared data alive
 * assert.deepEqual(await y.data(), new Float32Array([1, 2, 3]));
 * ```
 */
export function registerIdentityWasm(): void {
  overrideWasmKernel("Identity", identity);
}

type IdentityArgs = { inputs: { x: tf.TensorInfo }; backend: BackendWasm };

function identity(args: IdentityArgs, builtIn: BuiltInKernel<IdentityArgs>): tf.TensorInfo {
  const { inputs: { x }, backend } = args;
  if (x.dtype === "string") return builtIn(args);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
