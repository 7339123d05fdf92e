import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { type BuiltInKernel, overrideWasmKernel } from "./_override_kernel.ts";

/**
 * Replaces the wasm backend's `Identity` (a full copy of the tensor in tfjs 4.22) with a new
 * reference to the same data, as the cpu backend and the wasm `Reshape` do: tensor data is never
 * written after it is made, so sharing it is safe. tfjs runs `Identity` on every tensor a
 * gradient saves for the backward pass (`saveTensorsForBackwardMode`): on a CNN step of the
 * benchmark that was seven 1 MiB copies. Strings keep the built-in kernel. Idempotent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 *
 * await tf.setBackend("wasm");
 * const x = tf.tensor1d([1, 2, 3]);
 * const y = tf.clone(x);
 * x.dispose();
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
