import { ascendingOrder, flipToPositive, implicitQl } from "./_implicit_ql.ts";

/** Eigenvalues (ascending) and orthonormal eigenvectors of a real symmetric matrix. */
export interface SymmetricEigen {
  /** The matrix order `n`. */
  readonly order: number;
  /** The eigenvalues, ascending. */
  readonly values: Float64Array;
  /**
   * The eigenvectors, row-major `n × n`: row `k` (entries `k·n … k·n + n − 1`) is the unit
   * eigenvector of `values[k]`, its largest-magnitude entry made positive.
   */
  readonly vectors: Float64Array;
}

/**
 * Diagonalizes a dense real symmetric matrix: Householder reduction to tridiagonal form, then
 * implicit QL with accumulated rotations (EISPACK `tred2` + `tql2`). The eigenvectors are
 * orthonormal to working precision even inside degenerate or near-degenerate clusters, such as
 * the zero modes of a topological chain. Cost: about 9·n³ flops.
 *
 * @param matrix Row-major `order × order` entries; only symmetry is assumed (it is not checked
 * beyond the shape), and the input is not modified.
 * @param order The matrix order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { symmetricEigen } from "./symmetric_eigen.ts";
 *
 * const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
 * assert(Math.abs(values[0] - 1) < 1e-14 && Math.abs(values[1] - 3) < 1e-14);
 * assert(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-14);
 * ```
 */
export function symmetricEigen(matrix: Float64Array, order: number): SymmetricEigen {
  if (!Number.isInteger(order) || order < 1) {
    throw new RangeError(`Matrix order must be a positive integer: received ${order}`);
  }
  if (matrix.length !== order * order) {
    throw new RangeError(
      `Matrix must have order² = ${order * order} entries: received ${matrix.length}`,
    );
  }
  for (let i = 0; i < matrix.length; i++) {
    if (!Number.isFinite(matrix[i])) {
      throw new RangeError(`Matrix entry ${i} must be finite: received ${matrix[i]}`);
    }
  }
  const n = order;
  const v = Float64Array.from(matrix);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(v, d, e, n);
  // Row i of `rows` is column i of the accumulated transformation.
  const rows = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) rows[i * n + k] = v[k * n + i];
  }
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  implicitQl(d, e, rows, n);
  const permutation = ascendingOrder(d);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const from = permutation[k];
    values[k] = d[from];
    vectors.set(rows.subarray(from * n, from * n + n), k * n);
    flipToPositive(vectors, k * n, n);
  }
  return { order: n, values, vectors };
}

/** EISPACK tred2: `v` becomes the orthogonal transformation, `d`/`e` the tridiagonal form. */
function householderTridiagonal(
  v: Float64Array,
  d: Float64Array,
  e: Float64Array,
  n: number,
): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}
