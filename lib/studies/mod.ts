/**
 * Studies: recipes over datasets, architectures and seeds that turn the claims of PHYSICS.md §5
 * into measurements — expressivity, trainability, generalization under disorder, across size and
 * across winding, chiral-breaking stress, interpretability and phase diagrams — with the
 * profiles tiny / quick / standard / full, planning (with shards) and resumable runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "./mod.ts";
 *
 * const cells = planCells({ profile: "quick", studies: ["size"], architectures: ["mlp"] });
 * assert.equal(cells.length, 1);
 * ```
 *
 * @module
 */
export * from "./study.ts";
export * from "./profiles.ts";
export * from "./studies.ts";
export * from "./plan.ts";
export * from "./predict.ts";
export * from "./trained_model.ts";
export * from "./run_cell.ts";
export * from "./run_planned.ts";
