import { symmetricEigen } from "../linalg/mod.ts";

/** The name of the gauge rule that `amplitudes` follows, stored in the dataset format docs. */
export const AMPLITUDE_GAUGE = "site-moment/1";

/**
 * Singular values below this fraction of the largest are treated as one near-zero block (the
 * edge-mode pairs): float32 amplitudes cannot resolve the relative sign of their A and B parts.
 */
export const ZERO_MODE_TOLERANCE = 1e-6;

/**
 * The signed first site moment `Σ_s (s + 1)·x[s]` of a state, falling back to the second moment
 * `Σ_s (s + 1)²·x[s]` where the first vanishes to rounding (relative 1e-12). Positive for every
 * state after {@linkcode fixSign}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { siteMoment } from "./amplitude_gauge.ts";
 *
 * assert.equal(siteMoment([1, 0, 0]), 1);
 * assert(siteMoment([1, -1]) < 0); // 1·1 + 2·(−1)
 * assert.equal(siteMoment([2, -1]), -2); // first moment 2 − 2 = 0: the second, 2 − 4, decides
 * ```
 */
export function siteMoment(x: ArrayLike<number>, stride = 1, offset = 0, length?: number): number {
  const n = length ?? Math.floor((x.length - offset) / stride);
  let first = 0;
  let scale = 0;
  for (let s = 0; s < n; s++) {
    const value = x[offset + s * stride];
    first += (s + 1) * value;
    scale += (s + 1) * Math.abs(value);
  }
  if (Math.abs(first) > 1e-12 * scale) return first;
  let second = 0;
  for (let s = 0; s < n; s++) second += (s + 1) * (s + 1) * x[offset + s * stride];
  return second;
}

/**
 * Makes a state's {@linkcode siteMoment} positive, in place (a strided view: entries
 * `offset + s·stride` for `s < length`). Returns whether it flipped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixSign } from "./amplitude_gauge.ts";
 *
 * const state = new Float64Array([0.6, -0.8]);
 * assert.equal(fixSign(state), true);
 * assert.deepEqual([...state], [-0.6, 0.8]);
 * ```
 */
export function fixSign(x: Float64Array, stride = 1, offset = 0, length?: number): boolean {
  const n = length ?? Math.floor((x.length - offset) / stride);
  if (siteMoment(x, stride, offset, n) >= 0) return false;
  for (let s = 0; s < n; s++) x[offset + s * stride] = -x[offset + s * stride];
  return true;
}

/**
 * Rotates the rows `rows` of a row-major `count × cells` block into the eigenbasis of the
 * position operator `diag(1, 2, …, cells)` restricted to their span (ascending position), then
 * fixes each row's sign by its site moment: a basis of the span that depends only on the span.
 * `partner` (the rows' chiral partners) gets the same rotation and sign flips, so that
 * `Σ_rows block_k partner_kᵀ` is unchanged.
 */
function canonicalBasis(
  block: Float64Array,
  cells: number,
  rows: readonly number[],
  partner?: Float64Array,
): void {
  const m = rows.length;
  if (m > 1) {
    const x = new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        let sum = 0;
        for (let n = 0; n < cells; n++) {
          sum += (n + 1) * block[rows[a] * cells + n] * block[rows[b] * cells + n];
        }
        x[a * m + b] = sum;
        x[b * m + a] = sum;
      }
    }
    const { vectors } = symmetricEigen(x, m);
    for (const target of partner ? [block, partner] : [block]) {
      const rotated = new Float64Array(m * cells);
      for (let r = 0; r < m; r++) {
        for (let a = 0; a < m; a++) {
          const c = vectors[r * m + a];
          if (c === 0) continue;
          for (let n = 0; n < cells; n++) {
            rotated[r * cells + n] += c * target[rows[a] * cells + n];
          }
        }
      }
      rows.forEach((row, r) =>
        target.set(rotated.subarray(r * cells, (r + 1) * cells), row * cells)
      );
    }
  }
  for (const row of rows) {
    if (fixSign(block, 1, row * cells, cells) && partner) {
      for (let n = 0; n < cells; n++) partner[row * cells + n] = -partner[row * cells + n];
    }
  }
}

/**
 * The chiral states `(u_k, v_k)/√2` in the `site-moment/1` gauge, as float64 `[cells, 2·cells]`
 * over the sites `A1 B1 A2 B2 …` (rows ascending in σ). A state with `σ_k > 1e-6·σ_max` keeps
 * `u_k` and `v_k` tied (`h v = σ u`) and gets the sign that makes its site moment over the
 * interleaved sites positive. The near-zero block (the edge-mode pairs, `σ ≤ 1e-6·σ_max`, where
 * `ψ` and its chiral partner `Γψ` are numerically degenerate) is taken apart into its
 * sublattice-polarized parts: the A-polarized parts `u` are rotated into the eigenbasis of the
 * cell position within their span (ascending) and each signed by its own moment over the cells;
 * each B-polarized part `v` follows its partner by the same rotation and sign, so that the block
 * still contributes exactly its `Σ u_k v_kᵀ` to `Q_AB`. Row `k` of the block is `(u′_k, v′_k)/√2`.
 * Every choice depends on spectral subspaces and on `Q_AB` only, so the result is a continuous
 * function of the chain wherever those are non-degenerate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainFactors } from "../invariants/mod.ts";
 * import { sshChain } from "../lattice/mod.ts";
 * import { gaugedChiralStates } from "./amplitude_gauge.ts";
 *
 * const { spectrum } = chainFactors(sshChain({ cells: 8, hoppings: { 0: 0.4, 1: 1 } }));
 * const states = gaugedChiralStates(spectrum!.singularValues, spectrum!.left, spectrum!.right, 8);
 * for (let k = 0; k < 8; k++) {
 *   let moment = 0;
 *   for (let s = 0; s < 16; s++) moment += (s + 1) * states[k * 16 + s];
 *   assert(moment > 0 || k === 0);
 * }
 * ```
 */
export function gaugedChiralStates(
  singularValues: Float64Array,
  left: Float64Array,
  right: Float64Array,
  cells: number,
): Float64Array {
  const u = Float64Array.from(left.subarray(0, cells * cells));
  const v = Float64Array.from(right.subarray(0, cells * cells));
  const largest = singularValues.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  const zero: number[] = [];
  for (let k = 0; k < cells; k++) {
    if (Math.abs(singularValues[k]) <= ZERO_MODE_TOLERANCE * largest) zero.push(k);
  }
  canonicalBasis(u, cells, zero, v);
  const sites = 2 * cells;
  const out = new Float64Array(cells * sites);
  for (let k = 0; k < cells; k++) {
    for (let n = 0; n < cells; n++) {
      out[k * sites + 2 * n] = u[k * cells + n] * Math.SQRT1_2;
      out[k * sites + 2 * n + 1] = v[k * cells + n] * Math.SQRT1_2;
    }
    if (!zero.includes(k)) fixSign(out, 1, k * sites, sites);
  }
  return out;
}
