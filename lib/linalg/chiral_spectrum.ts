import { pairZeroBlock } from "./_zero_block.ts";
import { symmetricEigen } from "./symmetric_eigen.ts";

/**
 * The singular triplets of a chiral block `h` (the A-rows, B-columns block of a chiral
 * Hamiltonian `H = [[0, h], [hᵀ, 0]]`): `h = Σ_k σ_k u_k v_kᵀ`. The positive-energy eigenstates
 * of `H` are `(u_k, v_k)/√2` at energy `σ_k`, their chiral partners `(u_k, −v_k)/√2` at `−σ_k`,
 * and the orthogonal polar factor of `h` is `Q_AB = Σ_k u_k v_kᵀ`.
 */
export interface ChiralSpectrum {
  /** The block order `n` (the number of unit cells). */
  readonly order: number;
  /** `σ_k`, ascending. */
  readonly singularValues: Float64Array;
  /** Row-major `n × n`; row `k` is `u_k` (amplitudes on the A sites). */
  readonly left: Float64Array;
  /** Row-major `n × n`; row `k` is `v_k` (amplitudes on the B sites). */
  readonly right: Float64Array;
}

/** Relative size below which singular values are resolved as one near-zero block. */
const DENSE_ZERO_TOLERANCE = 1e-6;

/**
 * Singular triplets of a dense square chiral block, from the dense eigensolver applied to
 * `H = [[0, h], [hᵀ, 0]]`. Singular values below `1e-6·‖h‖` (the zero modes of a topological
 * chain) are resolved from their accurate subspaces and paired into chiral partners, so the
 * polar factor `Σ u_k v_kᵀ` is orthogonal to working precision even when the edge-mode energy is
 * far below it. Cost: that of a dense eigensolution of order `2n`.
 *
 * @param block Row-major `order × order` entries of `h`.
 * @param order The block order.
 *
 * @example The polar factor of a rotation-times-scale is the rotation
 * ```ts
 * import assert from "node:assert/strict";
 * import { chiralSpectrum } from "./chiral_spectrum.ts";
 *
 * const { singularValues, left, right } = chiralSpectrum(new Float64Array([0, 2, -2, 0]), 2);
 * assert(Math.abs(singularValues[0] - 2) < 1e-14);
 * const q01 = left[0] * right[1] + left[2] * right[3];
 * assert(Math.abs(q01 - 1) < 1e-14);
 * ```
 */
export function chiralSpectrum(block: Float64Array, order: number): ChiralSpectrum {
  const n = order;
  if (block.length !== n * n) {
    throw new RangeError(
      `Chiral block must have order² = ${n * n} entries: received ${block.length}`,
    );
  }
  const size = 2 * n;
  const hamiltonian = new Float64Array(size * size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      hamiltonian[i * size + n + j] = block[i * n + j];
      hamiltonian[(n + j) * size + i] = block[i * n + j];
    }
  }
  const { values, vectors } = symmetricEigen(hamiltonian, size);
  const norm = Math.max(Math.abs(values[0]), Math.abs(values[size - 1]));
  const threshold = DENSE_ZERO_TOLERANCE * norm;
  let regular = 0;
  while (regular < n && values[size - 1 - regular] > threshold) regular++;
  const rank = n - regular;
  const singularValues = new Float64Array(n);
  const left = new Float64Array(n * n);
  const right = new Float64Array(n * n);
  for (let k = rank; k < n; k++) {
    const row = (n + k) * size;
    singularValues[k] = values[n + k];
    left.set(vectors.subarray(row, row + n), k * n);
    right.set(vectors.subarray(row + n, row + size), k * n);
    normalizeRow(left, k, n);
    normalizeRow(right, k, n);
  }
  if (rank > 0) {
    const cluster = vectors.subarray(regular * size, (regular + 2 * rank) * size);
    const leftBasis = sublatticeBasis(cluster, 2 * rank, rank, size, 0, n);
    const rightBasis = sublatticeBasis(cluster, 2 * rank, rank, size, n, n);
    const zero = pairZeroBlock(leftBasis, rightBasis, rank, n, (x, out) => {
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += block[i * n + j] * x[j];
        out[i] = sum;
      }
    }, norm);
    singularValues.set(zero.values, 0);
    left.set(zero.left, 0);
    right.set(zero.right, 0);
  }
  return { order: n, singularValues, left, right };
}

function normalizeRow(rows: Float64Array, k: number, n: number): void {
  let sum = 0;
  for (let i = k * n; i < k * n + n; i++) sum += rows[i] * rows[i];
  const scale = 1 / Math.sqrt(sum);
  for (let i = k * n; i < k * n + n; i++) rows[i] *= scale;
}

/**
 * An orthonormal basis (rows) of rank `rank` for the span of the `count` vectors' sublattice
 * parts (entries `offset … offset + n − 1` of each row of `vectors`, row length `stride`).
 */
function sublatticeBasis(
  vectors: Float64Array,
  count: number,
  rank: number,
  stride: number,
  offset: number,
  n: number,
): Float64Array {
  const gram = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    for (let b = 0; b <= a; b++) {
      let dot = 0;
      for (let i = 0; i < n; i++) {
        dot += vectors[a * stride + offset + i] * vectors[b * stride + offset + i];
      }
      gram[a * count + b] = dot;
      gram[b * count + a] = dot;
    }
  }
  const { vectors: mixing } = symmetricEigen(gram, count);
  const basis = new Float64Array(rank * n);
  for (let k = 0; k < rank; k++) {
    const weights = mixing.subarray((count - 1 - k) * count, (count - k) * count);
    for (let a = 0; a < count; a++) {
      for (let i = 0; i < n; i++) basis[k * n + i] += weights[a] * vectors[a * stride + offset + i];
    }
  }
  return orthonormalizeRows(basis, rank, n);
}

/**
 * Modified Gram–Schmidt, applied twice, on the first `count` rows of `rows` (in place).
 *
 * @internal
 */
export function orthonormalizeRows(rows: Float64Array, count: number, n: number): Float64Array {
  for (let k = 0; k < count; k++) {
    const row = rows.subarray(k * n, k * n + n);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < k; j++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += row[i] * rows[j * n + i];
        for (let i = 0; i < n; i++) row[i] -= dot * rows[j * n + i];
      }
    }
    normalizeRow(rows, k, n);
  }
  return rows;
}
