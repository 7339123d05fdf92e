import type { SshChain } from "../lattice/mod.ts";
import { smallSingularTriplets } from "./small_singular_triplets.ts";

/** Options of {@linkcode deflatedBlock}. */
export interface DeflationOptions {
  /**
   * `τ`: singular values below `τ·β` (β an upper bound of ‖h‖₂) are deflated on the CPU in
   * float64; the polar iteration converges everything above. In [1e-8, 1e-1]; default 1e-3.
   */
  readonly threshold?: number;
  /** The most singular values to deflate; more is a `RangeError`. Default 64. */
  readonly maxDeflated?: number;
}

/** A chain's chiral block, deflated and scaled for a polynomial polar iteration. */
export interface DeflatedBlock {
  /** The block order (unit cells). */
  readonly order: number;
  /**
   * Row-major `order × order`: `X₀ = (h + (β/2)·Σ_k u_k v_kᵀ) / s`, over the deflated triplets
   * `(σ_k, u_k, v_k)`, with `s = β·(1 + 10⁻³)`. It has the polar factor of `h` (the deflated
   * triplets keep their vectors; only σ_k moves up to `σ_k + β/2`) and singular values in
   * `[lowerBound, 1]`.
   */
  readonly block: Float64Array;
  /** `s`, the scale divided out. */
  readonly scale: number;
  /** The number of deflated triplets (0 for extended chains, see {@linkcode deflatedBlock}). */
  readonly deflated: number;
  /** `τ / (1 + 10⁻³)`: no singular value of `block` lies below it (plain chains). */
  readonly lowerBound: number;
}

const HEADROOM = 1e-3;
/** The default deflation threshold `τ` (see {@linkcode deflatedBlock}). */
const DEFAULT_THRESHOLD = 1e-3;

/**
 * Checks a deflation threshold and returns the polar iteration's lower bound `τ/(1 + 10⁻³)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deflationLowerBound } from "./deflated_block.ts";
 *
 * assert(Math.abs(deflationLowerBound(1e-3) - 1e-3 / 1.001) < 1e-18);
 * ```
 */
export function deflationLowerBound(threshold: number = DEFAULT_THRESHOLD): number {
  if (typeof threshold !== "number" || !(threshold >= 1e-8 && threshold <= 0.1)) {
    throw new RangeError(`threshold must be in [1e-8, 0.1]: received ${threshold}`);
  }
  return threshold / (1 + HEADROOM);
}

/**
 * Prepares a chiral chain's block `h` for a float32 polynomial polar iteration (PHYSICS.md §3:
 * `Q_AB` is the polar factor of `h`). A polynomial iteration converges a singular value `σ` only
 * when `σ/‖h‖` is above the lower bound it was built for, and float32 cannot resolve `σ/‖h‖`
 * below about 1e-7 at all; yet the smallest singular values (edge modes whose tails reach the
 * centre near the transition, the Dyson-singularity states of critical disordered chains) move
 * the winding number by O(1). So for plain chains the triplets below `τ·β` are found in float64
 * ({@linkcode smallSingularTriplets}, O(n) each) and lifted to `σ + β/2`, which leaves the polar
 * factor unchanged; `β = √(‖h‖₁‖h‖_∞) ≥ ‖h‖₂`.
 *
 * Extended chains (hopping ranges beyond {0, 1}) are not deflated: their block is banded, not
 * bidiagonal. Their polar factor is then exact up to the edge-mode pairs below `τ·β`, which
 * move ν only by their overlap with the centre (exponentially small for gapped chains, not near
 * a transition).
 *
 * @example The clean topological chain: its edge mode is deflated
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { deflatedBlock } from "./deflated_block.ts";
 *
 * const prepared = deflatedBlock(sshChain({ cells: 12, hoppings: { 0: 0.5, 1: 1 } }));
 * assert.equal(prepared.deflated, 1);
 * assert.equal(prepared.block.length, 144);
 * ```
 */
export function deflatedBlock(chain: SshChain, options: DeflationOptions = {}): DeflatedBlock {
  if (!chain.isChiral) {
    throw new RangeError(
      "deflatedBlock needs a chiral chain (no on-site terms): Q_AB is a polar factor only then",
    );
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const lowerBound = deflationLowerBound(threshold);
  const maxDeflated = options.maxDeflated ?? 64;
  if (!Number.isSafeInteger(maxDeflated) || maxDeflated < 0) {
    throw new RangeError(`maxDeflated must be an integer ≥ 0: received ${maxDeflated}`);
  }
  const n = chain.cells;
  const block = chain.chiralBlock();
  // ‖h‖₁ and ‖h‖_∞ from the bonds: t_m joins B cell b + max(0, −m) to A cell b + max(0, −m) + m.
  const rowSums = new Float64Array(n);
  const columnSums = new Float64Array(n);
  for (const [range, values] of chain.hoppings) {
    const first = Math.max(0, -range);
    for (let b = 0; b < values.length; b++) {
      rowSums[b + first + range] += Math.abs(values[b]);
      columnSums[b + first] += Math.abs(values[b]);
    }
  }
  let rowSum = 0;
  let columnSum = 0;
  for (let i = 0; i < n; i++) {
    rowSum = Math.max(rowSum, rowSums[i]);
    columnSum = Math.max(columnSum, columnSums[i]);
  }
  const bound = Math.sqrt(rowSum * columnSum);
  if (bound === 0) throw new RangeError("The chiral block is zero: its polar factor is undefined");
  let deflated = 0;
  if (chain.isPlain) {
    const diagonal = chain.hoppings.get(0) ?? new Float64Array(n);
    const subdiagonal = chain.hoppings.get(1) ?? new Float64Array(n - 1);
    const small = smallSingularTriplets(diagonal, subdiagonal, threshold * bound, maxDeflated);
    deflated = small.count;
    const lift = bound / 2;
    for (let k = 0; k < small.count; k++) {
      for (let j = 0; j < n; j++) {
        const u = lift * small.left[k * n + j];
        if (u === 0) continue;
        for (let i = 0; i < n; i++) block[j * n + i] += u * small.right[k * n + i];
      }
    }
  }
  const scale = bound * (1 + HEADROOM);
  for (let i = 0; i < block.length; i++) block[i] /= scale;
  return { order: n, block, scale, deflated, lowerBound };
}
