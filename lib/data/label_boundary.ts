import { centralCells, centralWinding, chainFactors } from "../invariants/mod.ts";
import { sshChain } from "../lattice/mod.ts";
import type { DatasetSpec } from "./spec.ts";

/** Where the labels of the clean plain chain change at a finite size. */
export interface LabelBoundary {
  /** `|v/w|` where the RSWN of the clean chain crosses 1/2: the class boundary at this size. */
  readonly boundary: number;
  /** `(low, high)`: the `|v/w|` where `|ν − round ν| > ambiguityThreshold` (ambiguous labels). */
  readonly ambiguity: readonly [number, number];
}

/**
 * The finite-size label boundary of the clean plain chain at `cells` with the label rule
 * `labels` (RSWN trim, ambiguity threshold): bisection (60 halvings, float64) on `ν(v)` at
 * `w = 1` for the `v` where it crosses 1/2, `1 − threshold` and `threshold`. In the
 * thermodynamic limit the boundary is `|v/w| = 1`; at 32 cells it sits near 0.92.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { labelBoundary } from "./label_boundary.ts";
 *
 * const { boundary, ambiguity } = labelBoundary(32, { trim: 0.25, ambiguityThreshold: 0.2 });
 * assert(boundary > 0.9 && boundary < 0.95);
 * assert(ambiguity[0] < boundary && boundary < ambiguity[1]);
 * ```
 */
export function labelBoundary(cells: number, labels: DatasetSpec["labels"]): LabelBoundary {
  const centre = centralCells(cells, labels.trim, 1);
  const nu = (v: number) => {
    const factors = chainFactors(sshChain({ cells, hoppings: { 0: v, 1: 1 } }));
    return centralWinding(factors.left, factors.right, factors.count, cells, centre);
  };
  // ν falls from ≈1 (v ≪ 1) to ≈0 (v ≫ 1): find where it crosses `level`.
  const crossing = (level: number) => {
    let low = 1e-3;
    let high = 3;
    for (let k = 0; k < 60; k++) {
      const middle = (low + high) / 2;
      if (nu(middle) > level) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  };
  const threshold = labels.ambiguityThreshold;
  return {
    boundary: crossing(0.5),
    ambiguity: [crossing(1 - threshold), crossing(threshold)],
  };
}
