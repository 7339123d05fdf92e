import { tf } from "./tf.ts";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { kernelThreads, setKernelThreads } from "./_gemm.ts";
import { defaultWasmThreads } from "./default_wasm_threads.ts";

let configured = false;

/**
 * Runs the suite's wasm kernels (the GEMM behind `BatchMatMul` and the 1-D convolutions, the
 * fused Adam update) on `count` threads: this one and `count − 1` worker threads on tfjs's shared
 * wasm memory; 1 is the one-thread path. Results are bitwise identical for every count: work is
 * cut into whole rows, column panels or batch entries, never along a summed dimension. Resolves
 * to the count in effect: 1 where the memory is not shared (tf.ts shares it unless
 * `TOPOLEARN_WASM_THREADS` is 1 at start-up, which keeps the one-thread path exactly as it was).
 * Throws `RangeError` for a count that is not an integer from 1 to 256.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setWasmThreads, wasmThreads } from "./wasm_threads.ts";
 *
 * assert.equal(await setWasmThreads(1), 1);
 * assert.equal(wasmThreads(), 1);
 * ```
 */
export async function setWasmThreads(count: number = defaultWasmThreads()): Promise<number> {
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new RangeError(`Wasm thread count must be an integer from 1 to 256: received ${count}`);
  }
  configured = true;
  return await setKernelThreads(wasmBackend(), count);
}

/**
 * The thread count the suite's wasm kernels run on now (1 until {@linkcode setWasmThreads} or
 * `selectBackend("wasm")` starts workers).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmThreads } from "./wasm_threads.ts";
 *
 * assert(wasmThreads() >= 1);
 * ```
 */
export function wasmThreads(): number {
  const backend = tf.findBackend("wasm") as BackendWasm | null;
  return backend === null ? 1 : kernelThreads(backend);
}

/**
 * Starts the default thread count once, unless a count was set already. Where workers cannot
 * start (a sandbox without read access to lib/tensor/wasm, no worker support) the kernels stay
 * on one thread: the results are the same.
 */
export async function ensureWasmThreads(): Promise<void> {
  if (configured) return;
  try {
    await setWasmThreads();
  } catch {
    await setWasmThreads(1);
  }
}

function wasmBackend(): BackendWasm {
  const backend = tf.findBackend("wasm") as BackendWasm | null;
  if (backend === null) {
    throw new Error("The wasm backend is not initialized (it needs --allow-read for its binary)");
  }
  return backend;
}
