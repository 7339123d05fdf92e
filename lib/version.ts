import manifest from "../deno.json" with { type: "json" };

/**
 * The suite's one semantic version, for code, study rules and leaderboards alike (from
 * `deno.json`). Anything that can move a published number bumps it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SUITE_VERSION } from "./version.ts";
 *
 * assert.match(SUITE_VERSION, /^\d+\.\d+\.\d+$/);
 * ```
 */
export const SUITE_VERSION: string = manifest.version;
