/** The environment variable that sets the default thread count of the wasm kernels. */
export const WASM_THREADS_VARIABLE = "TOPOLEARN_WASM_THREADS";

/**
 * The default thread count of the suite's wasm kernels: `TOPOLEARN_WASM_THREADS` where it is
 * set (and readable), else the number of logical cores. Throws `RangeError` when the variable
 * is not a positive integer.
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
  const text = permission.state === "granted" ? Deno.env.get(WASM_THREADS_VARIABLE) : undefined;
  if (text === undefined || text === "") return Math.max(1, navigator.hardwareConcurrency ?? 1);
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new RangeError(
      `${WASM_THREADS_VARIABLE} must be an integer from 1 to 256: received "${text}"`,
    );
  }
  return count;
}
