import type { ChiralSpectrum } from "./chiral_spectrum.ts";
import { orthonormalizeRows } from "./chiral_spectrum.ts";
import { symmetricEigen } from "./symmetric_eigen.ts";
import { flipToPositive } from "./_implicit_ql.ts";
import { pairZeroBlock } from "./_zero_block.ts";
import { exactPairing, isNearNull } from "./null_pairing.ts";
import { tridiagonalEigenvalues } from "./tridiagonal_eigenvalues.ts";
import { tridiagonalEigenvectors } from "./tridiagonal_eigenvectors.ts";

/** Relative size of σ below which the near-zero block is resolved from its subspaces. */
const ZERO_TOLERANCE = 1e-3;
/** Relative gap of `hᵀh` eigenvalues below which vectors are kept orthogonal as a cluster. */
const CLUSTER_TOLERANCE = 1e-6;

/**
 * Singular triplets of a lower bidiagonal chiral block — `h[j, j] = diagonal[j]`,
 * `h[j+1, j] = subdiagonal[j]` — in O(n²): the eigenvalues of the tridiagonal `hᵀh` by implicit
 * QL, its eigenvectors `v_k` by inverse iteration, and `u_k = h v_k / σ_k`. This is the chiral
 * block of the plain SSH chain (`diagonal` the intracell hoppings, `subdiagonal` the intercell
 * ones). Singular values below `1e-3·‖h‖`, where squaring loses accuracy, are resolved as one
 * block from the subspaces of `hᵀh` and `hhᵀ` (see {@linkcode chiralSpectrum}); each `v_k` has
 * its largest-magnitude entry positive.
 *
 * @example Agrees with the dense solver
 * ```ts
 * import assert from "node:assert/strict";
 * import { bidiagonalSpectrum, chiralSpectrum } from "./mod.ts";
 *
 * const fast = bidiagonalSpectrum(new Float64Array([0.5, 0.7, 0.4]), new Float64Array([1, 0.9]));
 * const dense = chiralSpectrum(new Float64Array([0.5, 0, 0, 1, 0.7, 0, 0, 0.9, 0.4]), 3);
 * for (let k = 0; k < 3; k++) {
 *   assert(Math.abs(fast.singularValues[k] - dense.singularValues[k]) < 1e-12);
 * }
 * ```
 */
export function bidiagonalSpectrum(
  diagonal: Float64Array,
  subdiagonal: Float64Array,
): ChiralSpectrum {
  const n = diagonal.length;
  if (n < 1) throw new RangeError("Bidiagonal block must have at least one row");
  if (subdiagonal.length !== n - 1) {
    throw new RangeError(
      `Subdiagonal must have ${n - 1} entries for order ${n}: received ${subdiagonal.length}`,
    );
  }
  // The polar factor does not depend on the scale: work near ‖h‖_max = 1 when the squares below
  // would overflow (hoppings near 1e308) or underflow, and scale σ back at the end.
  let magnitude = 0;
  for (const x of diagonal) magnitude = Math.max(magnitude, Math.abs(x));
  for (const x of subdiagonal) magnitude = Math.max(magnitude, Math.abs(x));
  if (!Number.isFinite(magnitude)) {
    throw new RangeError(
      `Hoppings must be finite: received an entry of magnitude ${magnitude}`,
    );
  }
  if (magnitude === 0) {
    throw new RangeError(
      "All hoppings are zero: the chiral block is singular, the winding number is undefined",
    );
  }
  // A power of two, and only outside [1e-100, 1e100]: ordinary chains are untouched bit for bit.
  const unit = magnitude > 1e100 || magnitude < 1e-100 ? 2 ** Math.round(Math.log2(magnitude)) : 1;
  const d = unit === 1 ? diagonal : diagonal.map((x) => x / unit);
  const e = unit === 1 ? subdiagonal : subdiagonal.map((x) => x / unit);
  // hᵀh: diagonal d_j² + e_j², off-diagonal e_j·d_{j+1}; hhᵀ: e_{j−1}² + d_j², d_j·e_j.
  const gramDiagonal = new Float64Array(n);
  const gramOff = new Float64Array(n - 1);
  const coGramDiagonal = new Float64Array(n);
  const coGramOff = new Float64Array(n - 1);
  for (let j = 0; j < n; j++) {
    const below = j < n - 1 ? e[j] : 0;
    const above = j > 0 ? e[j - 1] : 0;
    gramDiagonal[j] = d[j] * d[j] + below * below;
    coGramDiagonal[j] = above * above + d[j] * d[j];
    if (j < n - 1) {
      gramOff[j] = e[j] * d[j + 1];
      coGramOff[j] = d[j] * e[j];
    }
  }
  const squares = tridiagonalEigenvalues(gramDiagonal, gramOff);
  const right = tridiagonalEigenvectors(gramDiagonal, gramOff, squares, {
    clusterTolerance: CLUSTER_TOLERANCE,
  });
  const singularValues = squares.map((square) => Math.sqrt(Math.max(square, 0)));
  const threshold = ZERO_TOLERANCE * singularValues[n - 1];
  let rank = 0;
  while (rank < n && singularValues[rank] <= threshold) rank++;
  const left = new Float64Array(n * n);
  ritzClusters(d, e, squares, right, rank);
  for (let k = rank; k < n; k++) singularValues[k] = Math.sqrt(Math.max(squares[k], 0));
  for (let k = rank; k < n; k++) {
    const v = right.subarray(k * n, k * n + n);
    const u = left.subarray(k * n, k * n + n);
    applyBidiagonal(d, e, v, u);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += u[j] * u[j];
    const scale = 1 / Math.sqrt(sum);
    for (let j = 0; j < n; j++) u[j] *= scale;
  }
  if (rank > 0) {
    const leftBasis = tridiagonalEigenvectors(
      coGramDiagonal,
      coGramOff,
      squares.subarray(0, rank),
      { clusterTolerance: CLUSTER_TOLERANCE },
    );
    // Keep the near-zero left subspace orthogonal to the resolved left vectors near it.
    const gap = CLUSTER_TOLERANCE * squares[n - 1];
    let neighbours = rank;
    while (neighbours < n && squares[neighbours] - squares[neighbours - 1] <= gap) neighbours++;
    const combined = new Float64Array(neighbours * n);
    combined.set(left.subarray(rank * n, neighbours * n), 0);
    combined.set(leftBasis, (neighbours - rank) * n);
    orthonormalizeRows(combined, neighbours, n);
    const zeroLeft = combined.slice((neighbours - rank) * n);
    const zero = pairZeroBlock(
      zeroLeft,
      right.slice(0, rank * n),
      rank,
      n,
      (x, out) => applyBidiagonal(d, e, x, out),
      singularValues[n - 1],
    );
    singularValues.set(zero.values, 0);
    left.set(zero.left, 0);
    right.set(zero.right, 0);
    // A lone unresolved pair that is the near-null edge pair gets its exact pairing sign.
    const unresolved = zero.resolved.flatMap((ok, k) => (ok ? [] : [k]));
    if (unresolved.length === 1) {
      const k = unresolved[0];
      const u = left.subarray(k * n, k * n + n);
      const v = right.subarray(k * n, k * n + n);
      if (isNearNull(d, e, u, v)) exactPairing(d, e, u, v);
    }
    for (let k = 0; k < rank; k++) {
      // The same sign convention as the resolved triplets: v_k's largest entry positive.
      if (right[k * n + argMaxAbs(right, k * n, n)] < 0) {
        for (let j = k * n; j < k * n + n; j++) {
          left[j] = -left[j];
          right[j] = -right[j];
        }
      }
    }
  }
  if (unit !== 1) { for (let k = 0; k < n; k++) singularValues[k] *= unit; }
  return { order: n, singularValues, left, right };
}

/**
 * Rayleigh–Ritz within each cluster of (nearly) equal resolved squares `σ_k²` (relative gap
 * below {@linkcode CLUSTER_TOLERANCE}): the cluster's orthonormal right vectors `V_c` are
 * rotated to the eigenvectors `W` of the small Gram matrix `G = (hV_c)ᵀ(hV_c)`, and
 * `σ_k² = λ_k(G)`. Then `u_k = h v_k / σ_k` are orthonormal to working precision however close
 * the cluster's values are, so `Q_AB = Σ u_k v_kᵀ` is orthogonal (a flat band, where every σ is
 * equal, is one cluster of all n vectors). Rows `v_k` are first reorthonormalized (twice-applied
 * modified Gram–Schmidt) against the cluster.
 */
function ritzClusters(
  d: Float64Array,
  e: Float64Array,
  squares: Float64Array,
  right: Float64Array,
  rank: number,
): void {
  const n = d.length;
  const gap = CLUSTER_TOLERANCE * squares[n - 1];
  let first = rank;
  while (first < n) {
    let end = first + 1;
    while (end < n && squares[end] - squares[end - 1] <= gap) end++;
    const size = end - first;
    if (size > 1) {
      const basis = right.subarray(first * n, end * n);
      orthonormalizeRows(basis, size, n);
      const images = new Float64Array(size * n);
      for (let a = 0; a < size; a++) {
        applyBidiagonal(d, e, basis.subarray(a * n, a * n + n), images.subarray(a * n, a * n + n));
      }
      const gram = new Float64Array(size * size);
      for (let a = 0; a < size; a++) {
        for (let b = 0; b <= a; b++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += images[a * n + i] * images[b * n + i];
          gram[a * size + b] = dot;
          gram[b * size + a] = dot;
        }
      }
      const { values, vectors } = symmetricEigen(gram, size);
      const rotated = new Float64Array(size * n);
      for (let k = 0; k < size; k++) {
        for (let a = 0; a < size; a++) {
          const weight = vectors[k * size + a];
          if (weight === 0) continue;
          for (let i = 0; i < n; i++) rotated[k * n + i] += weight * basis[a * n + i];
        }
        squares[first + k] = Math.max(values[k], 0);
      }
      basis.set(rotated);
      for (let k = first; k < end; k++) flipToPositive(right, k * n, n);
    }
    first = end;
  }
}

function argMaxAbs(x: Float64Array, offset: number, length: number): number {
  let at = 0;
  for (let i = 1; i < length; i++) {
    if (Math.abs(x[offset + i]) > Math.abs(x[offset + at])) at = i;
  }
  return at;
}

function applyBidiagonal(
  d: Float64Array,
  e: Float64Array,
  x: Float64Array,
  out: Float64Array,
): void {
  out[0] = d[0] * x[0];
  for (let j = 1; j < d.length; j++) out[j] = d[j] * x[j] + e[j - 1] * x[j - 1];
}
