/** The central cells `[first, end)` over which the real-space winding number is traced. */
export interface CentralCells {
  /** First central cell, `floor(trim·cells)`. */
  readonly first: number;
  /** One past the last central cell, `cells − floor(trim·cells)`. */
  readonly end: number;
  /** `L' = end − first`. */
  readonly count: number;
}

/**
 * The central cells for a trim fraction, validated against the hopping range: the centre must
 * keep at least `range` cells away from either edge.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { centralCells } from "./central_winding.ts";
 *
 * assert.deepEqual(centralCells(100, 0.25, 1), { first: 25, end: 75, count: 50 });
 * ```
 */
export function centralCells(cells: number, trim: number, range: number): CentralCells {
  if (typeof trim !== "number" || !(trim > 0 && trim < 0.5)) {
    throw new RangeError(`trim must be in (0, 0.5): received ${trim}`);
  }
  const first = Math.floor(trim * cells);
  if (first < Math.max(range, 1)) {
    throw new RangeError(
      `cells = ${cells} is too small for trim ${trim} and hopping range ${range}: ` +
        `need floor(trim·cells) ≥ ${Math.max(range, 1)}, so cells ≥ ${
          Math.ceil(Math.max(range, 1) / trim)
        }`,
    );
  }
  return { first, end: cells - first, count: cells - 2 * first };
}

/**
 * The real-space winding number `ν = (1/L') Σ_{i∈centre} Σ_j (x_j − x_i)·Q_AB[j, i]²`
 * (PHYSICS.md §3) for `Q_AB = Σ_k left_k right_kᵀ`, given `count` factor rows of length
 * `cells`. Only the central columns of `Q_AB` are formed, four at a time: `cells²·L'` multiply-adds.
 *
 * @example The polar factor of a clean topological chain's bulk: a shift by one cell
 * ```ts
 * import assert from "node:assert/strict";
 * import { centralCells, centralWinding } from "./central_winding.ts";
 *
 * const cells = 8;
 * const left = new Float64Array(cells * cells);
 * const right = new Float64Array(cells * cells);
 * for (let k = 0; k < cells; k++) {
 *   left[k * cells + ((k + 1) % cells)] = 1; // Q_AB[j, i] = 1 when j = i + 1
 *   right[k * cells + k] = 1;
 * }
 * const nu = centralWinding(left, right, cells, cells, centralCells(cells, 0.25, 1));
 * assert(Math.abs(nu - 1) < 1e-15);
 * ```
 */
export function centralWinding(
  left: Float64Array,
  right: Float64Array,
  count: number,
  cells: number,
  centre: CentralCells,
): number {
  const n = cells;
  const columns = new Float64Array(4 * n);
  let total = 0;
  for (let i0 = centre.first; i0 < centre.end; i0 += 4) {
    const width = Math.min(4, centre.end - i0);
    columns.fill(0);
    for (let k = 0; k < count; k++) {
      const row = k * n;
      const r0 = right[row + i0];
      const r1 = width > 1 ? right[row + i0 + 1] : 0;
      const r2 = width > 2 ? right[row + i0 + 2] : 0;
      const r3 = width > 3 ? right[row + i0 + 3] : 0;
      for (let j = 0; j < n; j++) {
        const l = left[row + j];
        columns[j] += r0 * l;
        columns[n + j] += r1 * l;
        columns[2 * n + j] += r2 * l;
        columns[3 * n + j] += r3 * l;
      }
    }
    for (let c = 0; c < width; c++) {
      const i = i0 + c;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const q = columns[c * n + j];
        sum += (j - i) * q * q;
      }
      total += sum;
    }
  }
  return total / centre.count;
}

/**
 * The real-space winding number from a full `Q_AB` (row-major `cells × cells`, `Q[j, i]` at
 * `j·cells + i`): the same sum as {@linkcode centralWinding}, in `cells·L'` operations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { centralCells, projectorWinding } from "./central_winding.ts";
 *
 * const cells = 8;
 * const q = new Float64Array(cells * cells);
 * for (let i = 0; i < cells; i++) q[((i + 1) % cells) * cells + i] = 1; // a shift by one cell
 * assert(Math.abs(projectorWinding(q, cells, centralCells(cells, 0.25, 1)) - 1) < 1e-15);
 * ```
 */
export function projectorWinding(
  projector: ArrayLike<number>,
  cells: number,
  centre: CentralCells,
): number {
  let total = 0;
  for (let j = 0; j < cells; j++) {
    const row = j * cells;
    for (let i = centre.first; i < centre.end; i++) {
      const q = projector[row + i];
      total += (j - i) * q * q;
    }
  }
  return total / centre.count;
}
