// Pairs the near-zero singular subspaces of a chiral block h into singular triplets.
//
// Solvers resolve singular vectors well only where σ is well above their precision. Below it
// (the edge modes of a topological chain, with σ exponentially small in the length; the Dyson
// singularity of a critical disordered chain) they still give accurate *subspaces*: U_z on the
// A sites and V_z on the B sites. The small block C = U_zᵀ h V_z, taken apart by a one-sided
// Jacobi SVD, pairs them into chiral partners; directions where C is numerically singular are
// completed to an orthonormal set in a fixed order, so the result is deterministic.

import { flipToPositive } from "./_implicit_ql.ts";

const EPSILON = 2 ** -52;

/** Singular triplets of `h` restricted to the near-zero subspaces. */
export interface ZeroBlock {
  readonly values: Float64Array;
  /** Rows: left singular vectors (A sites). */
  readonly left: Float64Array;
  /** Rows: right singular vectors (B sites). */
  readonly right: Float64Array;
  /** Per triplet: whether σ is above the working precision (else its pairing sign is a convention). */
  readonly resolved: readonly boolean[];
}

/**
 * @param leftBasis `r × n` rows, orthonormal, spanning the near-zero left subspace.
 * @param rightBasis `r × n` rows, orthonormal, spanning the near-zero right subspace.
 * @param applyBlock writes `h x` into `out`.
 * @param scale `‖h‖`: singular values below `16·ε·‖h‖` are unresolved.
 */
export function pairZeroBlock(
  leftBasis: Float64Array,
  rightBasis: Float64Array,
  rank: number,
  order: number,
  applyBlock: (x: Float64Array, out: Float64Array) => void,
  scale: number,
): ZeroBlock {
  const r = rank;
  const n = order;
  // C[a, b] = u_a · (h v_b), stored column-major in `columns` (column b at b·r).
  const columns = new Float64Array(r * r);
  const image = new Float64Array(n);
  for (let b = 0; b < r; b++) {
    applyBlock(rightBasis.subarray(b * n, b * n + n), image);
    for (let a = 0; a < r; a++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += leftBasis[a * n + i] * image[i];
      columns[b * r + a] = dot;
    }
  }
  const { values, leftSmall, rightSmall, resolved } = jacobiSvd(columns, r, scale);
  const left = new Float64Array(r * n);
  const right = new Float64Array(r * n);
  for (let k = 0; k < r; k++) {
    for (let a = 0; a < r; a++) {
      const y = leftSmall[k * r + a];
      const z = rightSmall[k * r + a];
      for (let i = 0; i < n; i++) {
        left[k * n + i] += y * leftBasis[a * n + i];
        right[k * n + i] += z * rightBasis[a * n + i];
      }
    }
  }
  // Where σ is below the working precision its sign is arbitrary: fix it by convention, each
  // vector's largest-magnitude entry positive, so that every solver gives the same pair.
  for (let k = 0; k < r; k++) {
    if (!resolved[k]) {
      flipToPositive(left, k * n, n);
      flipToPositive(right, k * n, n);
    }
  }
  return { values, left, right, resolved };
}

/**
 * One-sided Jacobi SVD of a small square matrix given column-major. Returns singular values
 * ascending and, as rows, the matching left and right singular vectors (in the small space).
 */
function jacobiSvd(
  columnsIn: Float64Array,
  r: number,
  scale: number,
): {
  values: Float64Array;
  leftSmall: Float64Array;
  rightSmall: Float64Array;
  resolved: boolean[];
} {
  const a = Float64Array.from(columnsIn); // columns a_p at p·r, rotated toward orthogonality
  const w = new Float64Array(r * r); // right vectors as columns at p·r
  for (let p = 0; p < r; p++) w[p * r + p] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < r - 1; p++) {
      for (let q = p + 1; q < r; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < r; i++) {
          alpha += a[p * r + i] ** 2;
          beta += a[q * r + i] ** 2;
          gamma += a[p * r + i] * a[q * r + i];
        }
        if (gamma === 0 || Math.abs(gamma) <= EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (const m of [a, w]) {
          for (let i = 0; i < r; i++) {
            const x = m[p * r + i];
            const y = m[q * r + i];
            m[p * r + i] = c * x - s * y;
            m[q * r + i] = s * x + c * y;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(r);
  let largest = 0;
  for (let p = 0; p < r; p++) {
    let sum = 0;
    for (let i = 0; i < r; i++) sum += a[p * r + i] ** 2;
    norms[p] = Math.sqrt(sum);
    largest = Math.max(largest, norms[p]);
  }
  const order = Array.from(norms.keys()).sort((p, q) => norms[p] - norms[q] || p - q);
  const values = new Float64Array(r);
  const leftSmall = new Float64Array(r * r);
  const rightSmall = new Float64Array(r * r);
  const resolved = (p: number) => norms[p] > 16 * EPSILON * Math.max(scale, largest);
  // Resolved directions first (largest σ first for stability), then the completion.
  const filled: number[] = [];
  for (const p of [...order].reverse().filter(resolved)) {
    const k = order.indexOf(p);
    values[k] = norms[p];
    for (let i = 0; i < r; i++) {
      leftSmall[k * r + i] = a[p * r + i] / norms[p];
      rightSmall[k * r + i] = w[p * r + i];
    }
    filled.push(k);
  }
  const residual = new Float64Array(r);
  for (const p of order.filter((p) => !resolved(p))) {
    const k = order.indexOf(p);
    values[k] = norms[p];
    for (let i = 0; i < r; i++) rightSmall[k * r + i] = w[p * r + i];
    // The unit vector with the largest residual against the filled rows completes the set.
    let bestSum = -1;
    for (let unit = 0; unit < r; unit++) {
      residual.fill(0);
      residual[unit] = 1;
      orthogonalizeAgainst(residual, leftSmall, filled, r);
      const sum = normSquared(residual);
      if (sum > bestSum + 1e-12) {
        bestSum = sum;
        leftSmall.set(residual, k * r);
      }
    }
    const row = leftSmall.subarray(k * r, k * r + r);
    const scale = 1 / Math.sqrt(normSquared(row));
    for (let i = 0; i < r; i++) row[i] *= scale;
    filled.push(k);
  }
  return { values, leftSmall, rightSmall, resolved: order.map(resolved) };
}

function normSquared(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return sum;
}

/** Twice-applied Gram–Schmidt of `x` against rows `rows` of `basis` (row length r). */
function orthogonalizeAgainst(x: Float64Array, basis: Float64Array, rows: number[], r: number) {
  for (let pass = 0; pass < 2; pass++) {
    for (const j of rows) {
      let dot = 0;
      for (let i = 0; i < r; i++) dot += x[i] * basis[j * r + i];
      for (let i = 0; i < r; i++) x[i] -= dot * basis[j * r + i];
    }
  }
}
