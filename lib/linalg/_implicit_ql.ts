// Implicit QL iteration for a symmetric tridiagonal matrix (EISPACK tql2, after the JAMA port),
// shared by the dense and the tridiagonal eigensolvers.

const EPSILON = 2 ** -52;

/** `sqrt(a² + b²)` without overflow or underflow, fast in the common range. */
export function hypot(a: number, b: number): number {
  const sum = a * a + b * b;
  if (sum > 1e-280 && sum < 1e280) return Math.sqrt(sum);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (scale === 0) return 0;
  const ra = a / scale;
  const rb = b / scale;
  return scale * Math.sqrt(ra * ra + rb * rb);
}

/**
 * Diagonalizes the tridiagonal matrix with diagonal `diagonal` and off-diagonal
 * `offDiagonal[i] = T[i, i+1]` (length `order`; the last entry is ignored and overwritten).
 * On return `diagonal` holds the eigenvalues, unsorted. When `rows` is given (an
 * `order × order` row-major matrix whose row `i` is the i-th basis vector), the rotations are
 * applied to it, so that row `k` becomes the eigenvector of eigenvalue `diagonal[k]`.
 */
export function implicitQl(
  diagonal: Float64Array,
  offDiagonal: Float64Array,
  rows: Float64Array | null,
  order: number,
): void {
  const d = diagonal;
  const e = offDiagonal;
  e[order - 1] = 0;
  let shift = 0;
  let scale = 0;
  for (let l = 0; l < order; l++) {
    scale = Math.max(scale, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < order - 1 && Math.abs(e[m]) > EPSILON * scale) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60) {
          throw new Error(`Implicit QL did not converge for eigenvalue ${l} of ${order}`);
        }
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < order; i++) d[i] -= h;
        shift += h;
        p = d[m];
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (rows !== null) {
            const upper = i * order;
            const lower = upper + order;
            for (let k = 0; k < order; k++) {
              const below = rows[lower + k];
              const above = rows[upper + k];
              rows[lower + k] = s * above + c * below;
              rows[upper + k] = c * above - s * below;
            }
          }
        }
        p = -s * s2 * c3 * el1 * e[l] / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPSILON * scale);
    }
    d[l] += shift;
    e[l] = 0;
  }
}

/** The permutation that sorts `values` ascending (stable). */
export function ascendingOrder(values: Float64Array): Int32Array {
  const order = Int32Array.from(values.keys());
  order.sort((i, j) => values[i] - values[j] || i - j);
  return order;
}

/** Flips `vector` (in place) so that its largest-magnitude entry (the first, on ties) is positive. */
export function flipToPositive(vector: Float64Array, offset: number, length: number): void {
  let largest = 0;
  let at = offset;
  for (let i = offset; i < offset + length; i++) {
    const size = Math.abs(vector[i]);
    if (size > largest) {
      largest = size;
      at = i;
    }
  }
  if (vector[at] < 0) {
    for (let i = offset; i < offset + length; i++) vector[i] = -vector[i];
  }
}
