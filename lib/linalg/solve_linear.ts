/**
 * Solves `A X = B` for a small dense system (`A` n × n, `B` n × m, both row-major float64) by
 * Gaussian elimination with partial pivoting; the inputs are left unchanged. A column of `A` with
 * no non-zero pivot (a feature that is zero on every sample, say) gets `X = 0` in its rows rather
 * than an infinity. Meant for the normal equations of the proxy baselines (tens of unknowns).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { solveLinear } from "./solve_linear.ts";
 *
 * // 2x + y = 5, x + 3y = 10 → x = 1, y = 3
 * const x = solveLinear(Float64Array.of(2, 1, 1, 3), Float64Array.of(5, 10), 2);
 * assert(Math.abs(x[0] - 1) < 1e-12 && Math.abs(x[1] - 3) < 1e-12);
 * // A zero leading entry needs the row swap; two right-hand sides at once.
 * assert.deepEqual(solveLinear(Float64Array.of(0, 1, 1, 0), Float64Array.of(2, 4, 3, 6), 2, 2), Float64Array.of(3, 6, 2, 4));
 * ```
 */
export function solveLinear(a: Float64Array, b: Float64Array, n: number, m = 1): Float64Array {
  if (a.length !== n * n || b.length !== n * m) {
    throw new RangeError(
      `solveLinear needs A of ${n}×${n} and B of ${n}×${m}: received ${a.length} and ${b.length} entries`,
    );
  }
  const A = Float64Array.from(a);
  const B = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(A[r * n + col]) > Math.abs(A[pivot * n + col])) pivot = r;
    }
    if (A[pivot * n + col] === 0) continue;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        [A[col * n + k], A[pivot * n + k]] = [A[pivot * n + k], A[col * n + k]];
      }
      for (let k = 0; k < m; k++) {
        [B[col * m + k], B[pivot * m + k]] = [B[pivot * m + k], B[col * m + k]];
      }
    }
    for (let r = col + 1; r < n; r++) {
      const factor = A[r * n + col] / A[col * n + col];
      if (factor === 0) continue;
      for (let k = col; k < n; k++) A[r * n + k] -= factor * A[col * n + k];
      for (let k = 0; k < m; k++) B[r * m + k] -= factor * B[col * m + k];
    }
  }
  const X = new Float64Array(n * m);
  for (let row = n - 1; row >= 0; row--) {
    const diagonal = A[row * n + row];
    for (let k = 0; k < m; k++) {
      let sum = B[row * m + k];
      for (let c = row + 1; c < n; c++) sum -= A[row * n + c] * X[c * m + k];
      X[row * m + k] = diagonal === 0 ? 0 : sum / diagonal;
    }
  }
  return X;
}
