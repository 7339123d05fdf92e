/**
 * The tfjs backends the suite trains on, in order of preference. A record names one of them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BACKENDS } from "./backends.ts";
 *
 * assert.deepEqual(BACKENDS, ["webgpu", "wasm", "cpu"]);
 * ```
 */
export const BACKENDS = ["webgpu", "wasm", "cpu"] as const;

/** A tfjs backend the suite trains on. */
export type BackendName = typeof BACKENDS[number];

/**
 * What `--backend` accepts: a backend of {@linkcode BACKENDS}, or `auto` (WebGPU on a real
 * adapter, else wasm).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BACKEND_CHOICES } from "./backends.ts";
 *
 * assert.deepEqual(BACKEND_CHOICES, ["auto", "webgpu", "wasm", "cpu"]);
 * ```
 */
export const BACKEND_CHOICES = ["auto", ...BACKENDS] as const;

/** A backend, or `auto`. */
export type BackendChoice = typeof BACKEND_CHOICES[number];
