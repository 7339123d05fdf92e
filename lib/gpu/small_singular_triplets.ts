import { exactPairing, isNearNull } from "../linalg/null_pairing.ts";

/** Singular triplets `h v_k = σ_k u_k`, rows of `left` (u_k) and `right` (v_k), σ ascending. */
export interface SmallSingularTriplets {
  /** The number of triplets `r`. */
  readonly count: number;
  /** `σ_k`, ascending, `r` values. */
  readonly values: Float64Array;
  /** Row-major `r × n`: row `k` is `u_k` (A sites). */
  readonly left: Float64Array;
  /** Row-major `r × n`: row `k` is `v_k` (B sites). */
  readonly right: Float64Array;
  /**
   * Per triplet, whether σ_k is above the float64 resolution `16·ε·‖h‖`: only then is the sign
   * of `u_k v_kᵀ` fixed by `h`; below it both vectors have their largest-magnitude entry
   * positive (the convention of `bidiagonalSpectrum` in lib/linalg).
   */
  readonly resolved: readonly boolean[];
}

const EPSILON = 2 ** -52;
/** Below this (relative to ‖h‖) a singular value counts as zero: float64 cannot hold it. */
const FLOOR = 1e-290;
const RESCALE = 1e150;

/**
 * The singular triplets of a lower bidiagonal block (`h[j, j] = diagonal[j]`,
 * `h[j+1, j] = subdiagonal[j]`, the chiral block of a plain chain) with `σ < threshold`, in
 * float64 and O(n) per triplet: the Golub–Kahan form of `[[0, h], [hᵀ, 0]]` is tridiagonal with
 * a zero diagonal, so Sturm counts give each small σ to high *relative* accuracy by bisection in
 * `log σ` (Demmel and Kahan), however small; inverse iteration with that shift gives the vector,
 * whose A and B parts are `u_k` and `v_k`. These are the edge modes and the Dyson-singularity
 * states that a float32 polar iteration cannot resolve; {@linkcode deflatedBlock} moves them out
 * of its way.
 *
 * @param threshold Absolute: triplets with `σ_k < threshold` are returned.
 * @param maxCount The most triplets to compute; more below the threshold is a `RangeError`.
 *
 * @example The edge mode of a topological chain
 * ```ts
 * import assert from "node:assert/strict";
 * import { smallSingularTriplets } from "./small_singular_triplets.ts";
 *
 * const n = 20;
 * const small = smallSingularTriplets(
 *   new Float64Array(n).fill(0.5),
 *   new Float64Array(n - 1).fill(1),
 *   1e-3,
 * );
 * assert.equal(small.count, 1);
 * assert(small.values[0] < 1e-5);
 * assert(Math.abs(small.left[0]) > 0.8); // u_0 sits on the left edge (A sites)
 * assert(Math.abs(small.right[n - 1]) > 0.8); // v_0 on the right edge (B sites)
 * ```
 */
export function smallSingularTriplets(
  diagonal: Float64Array,
  subdiagonal: Float64Array,
  threshold: number,
  maxCount = 16,
): SmallSingularTriplets {
  const n = diagonal.length;
  if (n < 1) throw new RangeError("Bidiagonal block must have at least one row");
  if (subdiagonal.length !== n - 1) {
    throw new RangeError(
      `Subdiagonal must have ${n - 1} entries for order ${n}: received ${subdiagonal.length}`,
    );
  }
  if (typeof threshold !== "number" || !(threshold >= 0) || !Number.isFinite(threshold)) {
    throw new RangeError(`threshold must be a finite number ≥ 0: received ${threshold}`);
  }
  // Golub–Kahan off-diagonal: A1–B1 = d_0, B1–A2 = e_0, A2–B2 = d_1, …
  const size = 2 * n;
  const off = new Float64Array(size - 1);
  let norm = 0;
  for (let j = 0; j < n; j++) {
    off[2 * j] = diagonal[j];
    if (j < n - 1) off[2 * j + 1] = subdiagonal[j];
    norm = Math.max(norm, Math.abs(diagonal[j]) + (j < n - 1 ? Math.abs(subdiagonal[j]) : 0));
  }
  const empty = {
    count: 0,
    values: new Float64Array(0),
    left: new Float64Array(0),
    right: new Float64Array(0),
    resolved: [],
  };
  if (norm === 0 || threshold === 0) return empty;
  const floor = FLOOR * norm;
  const below = (x: number) => countBelow(off, x) - n; // #{σ_k < x}, x > 0
  const count = below(threshold);
  if (count === 0) return empty;
  if (count > maxCount) {
    throw new RangeError(
      `${count} singular values lie below ${threshold}: more than maxCount = ${maxCount}`,
    );
  }
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    if (below(floor) > k) {
      values[k] = 0;
      continue;
    }
    // Bisection in log σ for the (k+1)-th smallest σ, to relative precision 1e-13.
    let lo = Math.log(floor);
    let hi = Math.log(threshold);
    while (hi - lo > 1e-13) {
      const mid = 0.5 * (lo + hi);
      if (below(Math.exp(mid)) > k) hi = mid;
      else lo = mid;
    }
    values[k] = Math.exp(0.5 * (lo + hi));
  }
  const left = new Float64Array(count * n);
  const right = new Float64Array(count * n);
  const resolved: boolean[] = [];
  const z = new Float64Array(size);
  const work = tridiagonalWork(size);
  for (let k = 0; k < count; k++) {
    const u = left.subarray(k * n, k * n + n);
    const v = right.subarray(k * n, k * n + n);
    for (let j = 0; j < n; j++) {
      u[j] = 1 + 0.5 * Math.sin(0.7548776662466927 * (j + 1) * (k + 1));
      v[j] = 1 + 0.5 * Math.cos(0.5698402909980532 * (j + 1) * (k + 1));
    }
    const shift = Math.max(values[k], floor);
    for (let iteration = 0; iteration < 3; iteration++) {
      orthonormalizeAgainst(u, left, k, n);
      orthonormalizeAgainst(v, right, k, n);
      for (let j = 0; j < n; j++) {
        z[2 * j] = u[j];
        z[2 * j + 1] = v[j];
      }
      shiftedSolve(off, shift, z, work);
      for (let j = 0; j < n; j++) {
        u[j] = z[2 * j];
        v[j] = z[2 * j + 1];
      }
    }
    orthonormalizeAgainst(u, left, k, n);
    orthonormalizeAgainst(v, right, k, n);
    // σ = uᵀ h v, where float64 resolves it; otherwise the sign convention.
    let sigma = 0;
    for (let j = 0; j < n; j++) {
      sigma += u[j] * (diagonal[j] * v[j] + (j > 0 ? subdiagonal[j - 1] * v[j - 1] : 0));
    }
    const isResolved = Math.abs(sigma) > 16 * EPSILON * norm;
    resolved.push(isResolved);
    if (isResolved) {
      if (sigma < 0) { for (let j = 0; j < n; j++) v[j] = -v[j]; }
    } else {
      flipToPositive(u);
      flipToPositive(v);
      if (isNearNull(diagonal, subdiagonal, u, v)) exactPairing(diagonal, subdiagonal, u, v);
    }
  }
  return { count, values, left, right, resolved };
}

/** Sturm count: eigenvalues of the zero-diagonal tridiagonal `off` below `x`. */
function countBelow(off: Float64Array, x: number): number {
  let count = 0;
  let q = -x;
  if (q < 0) count++;
  for (let i = 0; i < off.length; i++) {
    if (q === 0) q = -Number.MIN_VALUE;
    q = -x - (off[i] * off[i]) / q;
    if (q < 0) count++;
  }
  return count;
}

interface Work {
  readonly diag: Float64Array;
  readonly upper: Float64Array;
  readonly upper2: Float64Array;
  readonly lower: Float64Array;
  readonly swapped: Uint8Array;
}

function tridiagonalWork(size: number): Work {
  return {
    diag: new Float64Array(size),
    upper: new Float64Array(size),
    upper2: new Float64Array(size),
    lower: new Float64Array(size),
    swapped: new Uint8Array(size),
  };
}

/**
 * Solves `(T − shift·I) x = z` in place for the zero-diagonal tridiagonal `T` (Gaussian
 * elimination with partial pivoting; zero pivots replaced by a tiny value; the solution rescaled
 * as it grows so that nothing overflows), then normalizes nothing: callers split and normalize.
 */
function shiftedSolve(
  off: Float64Array,
  shift: number,
  z: Float64Array,
  work: Work,
): void {
  const size = z.length;
  const { diag, upper, upper2, lower, swapped } = work;
  const tiny = Number.MIN_VALUE * 1e20;
  // Rows i: [lower_{i-1}, diag_i, upper_i] with lower = upper = off; diagonal −shift.
  for (let i = 0; i < size; i++) {
    diag[i] = -shift;
    upper[i] = i < size - 1 ? off[i] : 0;
    upper2[i] = 0;
  }
  for (let i = 0; i < size - 1; i++) {
    const sub = off[i]; // entry (i+1, i)
    if (Math.abs(diag[i]) >= Math.abs(sub)) {
      swapped[i] = 0;
      if (diag[i] === 0) diag[i] = tiny;
      const factor = sub / diag[i];
      lower[i] = factor;
      diag[i + 1] -= factor * upper[i];
      // upper2[i] stays 0
    } else {
      swapped[i] = 1;
      const factor = diag[i] / sub;
      lower[i] = factor;
      // Swap rows i and i+1: new row i = (sub, diag[i+1], upper[i+1]).
      const nextDiag = diag[i + 1];
      const nextUpper = i + 1 < size - 1 ? upper[i + 1] : 0;
      diag[i] = sub;
      const oldUpper = upper[i];
      upper[i] = nextDiag;
      upper2[i] = nextUpper;
      diag[i + 1] = oldUpper - factor * nextDiag;
      if (i + 1 < size - 1) upper[i + 1] = -factor * nextUpper;
    }
  }
  if (diag[size - 1] === 0) diag[size - 1] = tiny;
  // Forward: apply the row operations to z.
  for (let i = 0; i < size - 1; i++) {
    if (swapped[i]) {
      const t = z[i];
      z[i] = z[i + 1];
      z[i + 1] = t - lower[i] * z[i];
    } else {
      z[i + 1] -= lower[i] * z[i];
    }
  }
  // Back substitution with rescaling.
  for (let i = size - 1; i >= 0; i--) {
    let value = z[i];
    if (i + 1 < size) value -= upper[i] * z[i + 1];
    if (i + 2 < size) value -= upper2[i] * z[i + 2];
    z[i] = value / diag[i];
    if (!(Math.abs(z[i]) < RESCALE)) {
      // Rescale the whole vector, the right-hand side still to be solved included.
      const finite = Number.isFinite(z[i]);
      const keep = finite ? 0 : Math.sign(z[i]) || 1;
      const scale = finite ? 1 / RESCALE : 0;
      for (let j = 0; j < size; j++) z[j] *= scale;
      if (!finite) z[i] = keep;
    }
  }
}

/** Twice-applied Gram–Schmidt of `x` against the first `count` rows of `rows`, then normalize. */
function orthonormalizeAgainst(x: Float64Array, rows: Float64Array, count: number, n: number) {
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < count; k++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += x[j] * rows[k * n + j];
      for (let j = 0; j < n; j++) x[j] -= dot * rows[k * n + j];
    }
  }
  let largest = 0;
  for (let j = 0; j < n; j++) largest = Math.max(largest, Math.abs(x[j]));
  if (largest === 0) throw new Error("inverse iteration lost its vector");
  let sum = 0;
  for (let j = 0; j < n; j++) sum += (x[j] / largest) ** 2;
  const scale = 1 / (largest * Math.sqrt(sum));
  for (let j = 0; j < n; j++) x[j] *= scale;
}

function flipToPositive(x: Float64Array): void {
  let at = 0;
  for (let j = 1; j < x.length; j++) if (Math.abs(x[j]) > Math.abs(x[at])) at = j;
  if (x[at] < 0) { for (let j = 0; j < x.length; j++) x[j] = -x[j]; }
}
