// Test helpers: random matrices and the residual and orthogonality measures of eigenpairs.
import { Rng } from "../lib/rng.ts";

/** A random symmetric matrix with standard normal entries. */
export function randomSymmetric(order: number, seed: number): Float64Array {
  const rng = Rng.stream(seed, "test", "symmetric", order);
  const matrix = new Float64Array(order * order);
  for (let i = 0; i < order; i++) {
    for (let j = 0; j <= i; j++) {
      const entry = rng.normal();
      matrix[i * order + j] = entry;
      matrix[j * order + i] = entry;
    }
  }
  return matrix;
}

/** The largest absolute row sum, `‖A‖_∞` (equal to `‖A‖_1` for symmetric A). */
export function norm(matrix: Float64Array, order: number): number {
  let largest = 0;
  for (let i = 0; i < order; i++) {
    let sum = 0;
    for (let j = 0; j < order; j++) sum += Math.abs(matrix[i * order + j]);
    largest = Math.max(largest, sum);
  }
  return largest;
}

/** `max_k ‖A v_k − λ_k v_k‖_∞` over eigenpairs with `v_k` in row k of `vectors`. */
export function residual(
  matrix: Float64Array,
  order: number,
  values: Float64Array,
  vectors: Float64Array,
): number {
  let worst = 0;
  for (let k = 0; k < values.length; k++) {
    for (let i = 0; i < order; i++) {
      let sum = -values[k] * vectors[k * order + i];
      for (let j = 0; j < order; j++) sum += matrix[i * order + j] * vectors[k * order + j];
      worst = Math.max(worst, Math.abs(sum));
    }
  }
  return worst;
}

/** `max |V Vᵀ − I|` for `count` rows of length `order`. */
export function orthogonalityError(rows: Float64Array, count: number, order: number): number {
  let worst = 0;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b <= a; b++) {
      let dot = 0;
      for (let i = 0; i < order; i++) dot += rows[a * order + i] * rows[b * order + i];
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * `Q = Σ_k left_kᵀ right_k` over `count` rows (default `order`) as a dense `order × order`
 * matrix, `Q[j, i]` at `j·order + i`.
 */
export function polarFactor(
  left: Float64Array,
  right: Float64Array,
  order: number,
  count = order,
): Float64Array {
  const q = new Float64Array(order * order);
  for (let k = 0; k < count; k++) {
    for (let j = 0; j < order; j++) {
      const l = left[k * order + j];
      for (let i = 0; i < order; i++) q[j * order + i] += l * right[k * order + i];
    }
  }
  return q;
}

/** The largest entry-wise difference. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * Eigenvalues and orthonormal eigenvectors of a dense symmetric matrix by cyclic Jacobi rotations
 * (an independent reference: no tridiagonalization, no inverse iteration). Vectors are rows.
 */
export function jacobiEigen(
  matrix: Float64Array,
  order: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(order * order);
  for (let i = 0; i < order; i++) v[i * order + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < order; p++) {
      for (let q = p + 1; q < order; q++) off += a[p * order + q] ** 2;
    }
    if (off < 1e-60) break;
    for (let p = 0; p < order; p++) {
      for (let q = p + 1; q < order; q++) {
        const apq = a[p * order + q];
        if (apq === 0) continue;
        const theta = (a[q * order + q] - a[p * order + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < order; k++) {
          const akp = a[k * order + p];
          const akq = a[k * order + q];
          a[k * order + p] = c * akp - s * akq;
          a[k * order + q] = s * akp + c * akq;
        }
        for (let k = 0; k < order; k++) {
          const apk = a[p * order + k];
          const aqk = a[q * order + k];
          a[p * order + k] = c * apk - s * aqk;
          a[q * order + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < order; k++) {
          const vpk = v[p * order + k];
          const vqk = v[q * order + k];
          v[p * order + k] = c * vpk - s * vqk;
          v[q * order + k] = s * vpk + c * vqk;
        }
      }
    }
  }
  const values = new Float64Array(order);
  for (let i = 0; i < order; i++) values[i] = a[i * order + i];
  return { values, vectors: v };
}
