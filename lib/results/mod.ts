/**
 * Results: the record schema (validated with zod), provenance, content hashes that exclude
 * timing, atomic writes under `reports/<version>/<profile>/`, leaderboards with a stated ranking
 * rule, the generated REPORT.md with SVG figures, shard merging and verification by re-running.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordPath } from "./mod.ts";
 *
 * const path = recordPath({ cell: { profile: "quick", study: "disorder", id: "mlp.seed=0.init=random" } } as never);
 * assert(path.endsWith("quick/records/disorder/mlp.seed=0.init=random.json"));
 * ```
 *
 * @module
 */
export * from "./schema.ts";
export * from "./provenance.ts";
export * from "./record.ts";
export * from "./store.ts";
export * from "./leaderboard.ts";
export * from "./report.ts";
export * from "./merge.ts";
export * from "./verify.ts";
export * from "./svg_chart.ts";
