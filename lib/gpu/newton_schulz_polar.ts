import type { PolarStep } from "./polar_schedule.ts";

/**
 * The polynomial polar iteration in float64 on the CPU — the twin of the GPU kernels, step for
 * step: per step `A = XᵀX`, `B = b·A + c·A²`, `X ← a·X + X·B`. With the steps of
 * {@linkcode polarSchedule} it returns the orthogonal polar factor of `X₀` on every singular
 * value in the schedule's interval. Cost: three dense products of order `n` per step.
 *
 * @param block Row-major `order × order`, `X₀` (singular values at most 1), not modified.
 *
 * @example The polar factor of a scaled rotation is the rotation
 * ```ts
 * import assert from "node:assert/strict";
 * import { newtonSchulzPolar, polarSchedule } from "./mod.ts";
 *
 * const q = newtonSchulzPolar(new Float64Array([0, 0.5, -0.5, 0]), 2, polarSchedule(0.1));
 * assert(Math.abs(q[1] - 1) < 1e-8 && Math.abs(q[2] + 1) < 1e-8 && Math.abs(q[0]) < 1e-12);
 * ```
 */
export function newtonSchulzPolar(
  block: Float64Array,
  order: number,
  steps: readonly PolarStep[],
): Float64Array {
  const n = order;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`order must be an integer ≥ 1: received ${order}`);
  }
  if (block.length !== n * n) {
    throw new RangeError(`block must have order² = ${n * n} entries: received ${block.length}`);
  }
  let x = Float64Array.from(block);
  const gram = new Float64Array(n * n);
  const square = new Float64Array(n * n);
  const next = new Float64Array(n * n);
  for (const { a, b, c } of steps) {
    product(x, x, gram, n, true); // A = XᵀX
    product(gram, gram, square, n, false); // A²
    for (let i = 0; i < n * n; i++) square[i] = b * gram[i] + c * square[i]; // B
    product(x, square, next, n, false); // X·B
    for (let i = 0; i < n * n; i++) next[i] += a * x[i];
    x = Float64Array.from(next);
  }
  return x;
}

/** `out = op(p)·q`, `op(p) = pᵀ` when `transpose`. */
function product(
  p: Float64Array,
  q: Float64Array,
  out: Float64Array,
  n: number,
  transpose: boolean,
): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const factor = transpose ? p[k * n + i] : p[row + k];
      if (factor === 0) continue;
      const from = k * n;
      for (let j = 0; j < n; j++) out[row + j] += factor * q[from + j];
    }
  }
}
