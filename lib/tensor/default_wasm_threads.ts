/** The environment variable that sets the default thread count of the wasm kernels. */
export const WASM_THREADS_VARIABLE = "TOPOLEARN_WASM_THREADS";

/**
 * The default thread count of the suite's wasm kernels: `TOPOLEARN_WASM_THREADS` where it is
 * set, else the number of logical cores; 1 in a process that may not read the variable (no
 * `--allow-env` for it: the submission sandbox), which keeps such a process on the unshared
 * one-thread path (no shared memory, no workers, no high-resolution shared timers for the code
 * it runs). Throws `RangeError` when the variable is not an integer from 1 to 256.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultWasmThreads } from "./default_wasm_threads.ts";
 *
 * assert(defaultWasmThreads() >= 1);
 * ```
 */
export function defaultWasmThreads(): number {
  const permission = Deno.permissions.querySync({ name: "env", variable: WASM_THREADS_VARIABLE });
  if (permission.state !== "granted") return 1;
  const text = Deno.env.get(WASM_THREADS_VARIABLE);
  if (text === undefined || text === "") return Math.max(1, navigator.hardwareConcurrency ?? 1);
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new RangeError(
      `${WASM_THREADS_VARIABLE} must be an integer from 1 to 256: received "${text}"`,
    );
  }
  return count;
}
