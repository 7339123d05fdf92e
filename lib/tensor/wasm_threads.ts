import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { tf } from "./tf.ts";
import { setThreadCount, threadCount } from "./_gemm.ts";
import { MAX_WORKERS } from "./_thread_control.ts";

/** The most threads the suite's wasm kernels use. */
export const MAX_WASM_THREADS: number = 1 + MAX_WORKERS;

/**
 * The number of threads the suite's wasm kernels (matrix products, 1-D convolutions and their
 * gradients, Adam, …) split their work over: `TOPOLEARN_WASM_THREADS` where set (and readable),
 * else the CPUs a SLURM task was given (`SLURM_CPUS_PER_TASK`), else the machine's logical cores,
 * at most {@linkcode MAX_WASM_THREADS}; or what {@linkcode setWasmThreads} set last. Processes
 * that share cores (two shards side by side) should take one thread each: a thread that waits
 * for another spins before it sleeps. Every thread count gives the same numbers bit for bit:
 * the kernels split their outputs, never a sum.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_WASM_THREADS, wasmThreads } from "./wasm_threads.ts";
 *
 * assert.ok(wasmThreads() >= 1 && wasmThreads() <= MAX_WASM_THREADS);
 * ```
 */
export function wasmThreads(): number {
  return threadCount();
}

/**
 * Makes the suite's wasm kernels split their work over `threads` threads (the main thread and
 * `threads − 1` workers on tfjs's shared heap) and resolves, once the workers have started, to
 * the threads jobs now use (fewer only where workers cannot start). Throws `RangeError` for a
 * count that is not an integer from 1 to {@linkcode MAX_WASM_THREADS}, and `Error` when the
 * wasm backend is not the active one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectBackend, tf } from "./mod.ts";
 * import { setWasmThreads, wasmThreads } from "./wasm_threads.ts";
 *
 * await selectBackend("wasm");
 * const before = wasmThreads();
 * const x = tf.randomNormal([64, 512], 0, 1, "float32", 7) as tf.Tensor2D;
 * await setWasmThreads(1);
 * const one = await tf.matMul(x, x, false, true).data();
 * assert.equal(await setWasmThreads(2), 2);
 * const two = await tf.matMul(x, x, false, true).data();
 * assert.deepEqual(two, one); // bit for bit
 * await setWasmThreads(before);
 * ```
 */
export async function setWasmThreads(threads: number): Promise<number> {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new RangeError(
      `Wasm threads must be an integer from 1 to ${MAX_WASM_THREADS}: received ${threads}`,
    );
  }
  if (tf.getBackend() !== "wasm") {
    throw new Error(
      `setWasmThreads needs the wasm backend active: the active one is ${tf.getBackend()}`,
    );
  }
  return await setThreadCount(threads, tf.backend() as BackendWasm);
}
