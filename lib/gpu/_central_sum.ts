import type { CentralCells } from "../invariants/mod.ts";

/**
 * `ν = (1/L') Σ_{i∈centre} Σ_j (j − i)·Q[j, i]²` for a row-major `Q_AB` of `cells` rows with
 * row stride `stride` (PHYSICS.md §3), in float64.
 *
 * @internal
 */
export function centralSum(
  projector: ArrayLike<number>,
  cells: number,
  stride: number,
  centre: CentralCells,
): number {
  let total = 0;
  for (let j = 0; j < cells; j++) {
    const row = j * stride;
    for (let i = centre.first; i < centre.end; i++) {
      const q = projector[row + i];
      total += (j - i) * q * q;
    }
  }
  return total / centre.count;
}
