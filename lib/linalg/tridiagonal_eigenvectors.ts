import { flipToPositive } from "./_implicit_ql.ts";

/** Options of {@linkcode tridiagonalEigenvectors}. */
export interface TridiagonalEigenvectorOptions {
  /**
   * Eigenvalues closer than `clusterTolerance · ‖T‖` to their neighbour form a cluster, whose
   * vectors are kept orthogonal by Gram–Schmidt. Default `1e-6`.
   */
  clusterTolerance?: number;
}

/**
 * Unit eigenvectors of a real symmetric tridiagonal matrix for given eigenvalues (ascending),
 * by inverse iteration on the LU factors of `T − λI` with partial pivoting (as LAPACK's
 * `dstein`): O(n) per vector, so O(n²) for all of them. Vectors of clustered eigenvalues are
 * reorthogonalized, so every cluster gets an orthonormal basis of its invariant subspace.
 * Each vector's largest-magnitude entry is made positive.
 *
 * @returns Row-major `eigenvalues.length × n`: row `k` is the eigenvector of `eigenvalues[k]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tridiagonalEigenvectors } from "./tridiagonal_eigenvectors.ts";
 *
 * const vectors = tridiagonalEigenvectors(
 *   new Float64Array([0, 0]),
 *   new Float64Array([1]),
 *   new Float64Array([-1, 1]),
 * );
 * assert(Math.abs(vectors[2] - Math.SQRT1_2) < 1e-12 && Math.abs(vectors[3] - Math.SQRT1_2) < 1e-12);
 * ```
 */
export function tridiagonalEigenvectors(
  diagonal: Float64Array,
  offDiagonal: Float64Array,
  eigenvalues: Float64Array,
  options: TridiagonalEigenvectorOptions = {},
): Float64Array {
  const n = diagonal.length;
  const count = eigenvalues.length;
  for (let k = 1; k < count; k++) {
    if (!(eigenvalues[k] >= eigenvalues[k - 1])) {
      throw new RangeError(
        `Eigenvalues must be ascending: entry ${k} is ${eigenvalues[k]} after ${
          eigenvalues[k - 1]
        }`,
      );
    }
  }
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const left = i > 0 ? Math.abs(offDiagonal[i - 1]) : 0;
    const right = i < n - 1 ? Math.abs(offDiagonal[i]) : 0;
    norm = Math.max(norm, Math.abs(diagonal[i]) + left + right);
  }
  if (norm === 0) norm = 1;
  const clusterGap = (options.clusterTolerance ?? 1e-6) * norm;
  const tiny = 2 ** -52 * norm;
  const factors = new TridiagonalLu(n);
  const vectors = new Float64Array(count * n);
  // One well-spread start vector serves every eigenvalue: inverse iteration amplifies its
  // component along the wanted eigenvector by 1/|λ − λ_k| ~ 1/(ε‖T‖).
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = startEntry(i);
  normalize(start);
  let clusterStart = 0;
  for (let k = 0; k < count; k++) {
    if (k > 0 && eigenvalues[k] - eigenvalues[k - 1] > clusterGap) clusterStart = k;
    factors.factor(diagonal, offDiagonal, eigenvalues[k], tiny);
    const x = vectors.subarray(k * n, k * n + n);
    const member = k - clusterStart;
    if (member === 0) x.set(start);
    else {
      // Within a cluster every member starts from its own vector (as dstein does): from one
      // shared start, an exactly degenerate cluster leaves nothing after the projections.
      for (let i = 0; i < n; i++) x[i] = startEntry(i + member * n);
      normalize(x);
    }
    const iterations = member > 0 ? 3 : 2;
    for (let iteration = 0; iteration < iterations; iteration++) {
      factors.solve(x);
      for (let pass = 0; pass < (member > 0 ? 2 : 1); pass++) {
        for (let j = clusterStart; j < k; j++) {
          subtractProjection(x, vectors.subarray(j * n, j * n + n));
        }
      }
      normalize(x);
    }
    flipToPositive(vectors, k * n, n);
  }
  return vectors;
}

/** A deterministic, well-spread start vector entry in [-1/2, 1/2). */
function startEntry(i: number): number {
  let x = Math.imul(i + 1, 0x9e3779b9) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296 - 0.5;
}

function normalize(x: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  if (!(sum > 1e-280 && sum < 1e280)) {
    // Rescale by the largest entry first when the squares would under- or overflow.
    let largest = 0;
    for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]));
    if (largest === 0 || !Number.isFinite(largest)) {
      throw new Error(`Inverse iteration broke down (largest entry ${largest})`);
    }
    const inverse = 1 / largest;
    sum = 0;
    for (let i = 0; i < x.length; i++) {
      x[i] *= inverse;
      sum += x[i] * x[i];
    }
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < x.length; i++) x[i] *= scale;
}

function subtractProjection(x: Float64Array, unit: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < x.length; i++) dot += x[i] * unit[i];
  for (let i = 0; i < x.length; i++) x[i] -= dot * unit[i];
}

/** LU factors of `T − λI` with partial pivoting (LAPACK `dlagtf`), reused across solves. */
class TridiagonalLu {
  /** The pivots, inverted once factored. */
  readonly diagonal: Float64Array;
  readonly super1: Float64Array;
  readonly super2: Float64Array;
  readonly multipliers: Float64Array;
  readonly swapped: Uint8Array;

  constructor(readonly order: number) {
    this.diagonal = new Float64Array(order);
    this.super1 = new Float64Array(order);
    this.super2 = new Float64Array(order);
    this.multipliers = new Float64Array(order);
    this.swapped = new Uint8Array(order);
  }

  factor(diagonal: Float64Array, offDiagonal: Float64Array, shift: number, tiny: number): void {
    const n = this.order;
    let pivot = diagonal[0] - shift;
    let upper = n > 1 ? offDiagonal[0] : 0;
    for (let i = 0; i < n - 1; i++) {
      const below = offDiagonal[i];
      const nextDiagonal = diagonal[i + 1] - shift;
      const nextUpper = i + 1 < n - 1 ? offDiagonal[i + 1] : 0;
      if (Math.abs(pivot) >= Math.abs(below)) {
        if (pivot === 0) pivot = tiny;
        const m = below / pivot;
        this.swapped[i] = 0;
        this.diagonal[i] = pivot;
        this.super1[i] = upper;
        this.super2[i] = 0;
        this.multipliers[i] = m;
        pivot = nextDiagonal - m * upper;
        upper = nextUpper;
      } else {
        const m = pivot / below;
        this.swapped[i] = 1;
        this.diagonal[i] = below;
        this.super1[i] = nextDiagonal;
        this.super2[i] = nextUpper;
        this.multipliers[i] = m;
        pivot = upper - m * nextDiagonal;
        upper = -m * nextUpper;
      }
    }
    this.diagonal[n - 1] = pivot;
    // Tiny pivots are replaced by ±ε‖T‖ (as dlagts does) and stored inverted for the solves.
    for (let i = 0; i < n; i++) {
      const value = this.diagonal[i];
      this.diagonal[i] = 1 / (Math.abs(value) < tiny ? (value < 0 ? -tiny : tiny) : value);
    }
  }

  /** Overwrites `x` with `(T − λI)⁻¹ x`. */
  solve(x: Float64Array): void {
    const n = this.order;
    for (let i = 0; i < n - 1; i++) {
      if (this.swapped[i]) {
        const t = x[i];
        x[i] = x[i + 1];
        x[i + 1] = t - this.multipliers[i] * x[i];
      } else {
        x[i + 1] -= this.multipliers[i] * x[i];
      }
    }
    const inverse = this.diagonal;
    const super1 = this.super1;
    const super2 = this.super2;
    x[n - 1] *= inverse[n - 1];
    if (n > 1) x[n - 2] = (x[n - 2] - super1[n - 2] * x[n - 1]) * inverse[n - 2];
    for (let i = n - 3; i >= 0; i--) {
      x[i] = (x[i] - super1[i] * x[i + 1] - super2[i] * x[i + 2]) * inverse[i];
    }
  }
}
