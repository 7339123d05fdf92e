/** One step of a polynomial polar iteration: `X ← a·X + b·X(XᵀX) + c·X(XᵀX)²`. */
export interface PolarStep {
  /** Coefficient of `X`. */
  readonly a: number;
  /** Coefficient of `X·(XᵀX)`. */
  readonly b: number;
  /** Coefficient of `X·(XᵀX)²`. */
  readonly c: number;
}

/** Options of {@linkcode polarSchedule}. */
export interface PolarScheduleOptions {
  /** Stop once every singular value in `[lowerBound, 1]` is within this of 1. Default 1e-8. */
  readonly tolerance?: number;
}

/** Relative headroom on the upper end of each step's interval (float32 rounding, estimates). */
const HEADROOM = 1e-3;
/** Below this distance from 1 the fixed quintic `(15x − 10x³ + 3x⁵)/8` takes over. */
const FIXED_BELOW = 1e-3;

/**
 * The step coefficients of a Newton–Schulz-type polar iteration that maps every singular value
 * in `[lowerBound, 1]` to within `tolerance` of 1, in few steps: at each step the odd quintic
 * `p(x) = ax + bx³ + cx⁵` closest to 1 in the uniform norm on the current interval (a Remez
 * exchange on four points, the greedy choice of the "Polar Express" of Amsel et al. 2025), and
 * near convergence the classical quintic `(15x − 10x³ + 3x⁵)/8`, which converges with order 3.
 * Singular values below `lowerBound` are amplified by `a > 1` at each step but need not
 * converge; callers deflate them first (see {@linkcode deflatedBlock}).
 *
 * Steps: 7 for `lowerBound = 1e-3`, 9 for `1e-4`, 11 for `1e-5` (tolerance 1e-8).
 *
 * @param lowerBound The smallest singular value to converge, relative to an upper bound of all
 *   of them, in (0, 1).
 *
 * @example Every singular value in [1e-3, 1] ends within 1e-8 of 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { polarSchedule } from "./polar_schedule.ts";
 *
 * const steps = polarSchedule(1e-3);
 * assert.equal(steps.length, 7);
 * for (const start of [1e-3, 0.01, 0.5, 1]) {
 *   let x = start;
 *   for (const { a, b, c } of steps) x = a * x + b * x ** 3 + c * x ** 5;
 *   assert(Math.abs(x - 1) < 1e-8);
 * }
 * ```
 */
export function polarSchedule(
  lowerBound: number,
  options: PolarScheduleOptions = {},
): readonly PolarStep[] {
  if (typeof lowerBound !== "number" || !(lowerBound > 0 && lowerBound < 1)) {
    throw new RangeError(`lowerBound must be in (0, 1): received ${lowerBound}`);
  }
  const tolerance = options.tolerance ?? 1e-8;
  if (typeof tolerance !== "number" || !(tolerance >= 1e-15 && tolerance < 0.5)) {
    throw new RangeError(`tolerance must be in [1e-15, 0.5): received ${tolerance}`);
  }
  const steps: PolarStep[] = [];
  let low = lowerBound;
  let high = 1;
  while (steps.length < 64) {
    const spread = Math.max(1 - low, high - 1);
    if (spread < FIXED_BELOW) {
      const step = { a: 15 / 8, b: -10 / 8, c: 3 / 8 };
      steps.push(step);
      const next = Math.max(1 - apply(step, 1 - spread), apply(step, 1 + spread) - 1);
      if (next < tolerance) return steps;
      low = 1 - next;
      high = 1 + next;
      continue;
    }
    const { step, error } = remezQuintic(low, high * (1 + HEADROOM));
    steps.push(step);
    if (error < tolerance) return steps;
    low = 1 - error;
    high = 1 + error;
  }
  throw new Error(`polarSchedule did not converge for lowerBound ${lowerBound}`);
}

function apply({ a, b, c }: PolarStep, x: number): number {
  return a * x + b * x ** 3 + c * x ** 5;
}

/** The odd quintic closest to 1 on [low, high] (uniform norm), by Remez exchange. */
function remezQuintic(low: number, high: number): { step: PolarStep; error: number } {
  let points = [low, low + 0.3 * (high - low), low + 0.7 * (high - low), high];
  let step: PolarStep = { a: 1, b: 0, c: 0 };
  let error = 1;
  for (let iteration = 0; iteration < 100; iteration++) {
    // p(x_k) + s_k·E = 1 with s = (+, −, +, −): below 1 at low, above at the first maximum, …
    const rows = points.map((x, k) => [x, x ** 3, x ** 5, k % 2 === 0 ? 1 : -1, 1]);
    for (let i = 0; i < 4; i++) {
      let pivot = i;
      for (let k = i + 1; k < 4; k++) {
        if (Math.abs(rows[k][i]) > Math.abs(rows[pivot][i])) pivot = k;
      }
      [rows[i], rows[pivot]] = [rows[pivot], rows[i]];
      for (let k = 0; k < 4; k++) {
        if (k === i) continue;
        const factor = rows[k][i] / rows[i][i];
        for (let j = i; j < 5; j++) rows[k][j] -= factor * rows[i][j];
      }
    }
    const [a, b, c, e] = rows.map((row, i) => row[4] / row[i]);
    step = { a, b, c };
    error = Math.abs(e);
    // The interior extrema of p: roots of p'(x) = a + 3b·x² + 5c·x⁴.
    const discriminant = 9 * b * b - 20 * a * c;
    if (!(discriminant > 0) || !(c > 0)) break;
    const root = Math.sqrt(discriminant);
    const first = Math.sqrt(Math.max((-3 * b - root) / (10 * c), 0));
    const second = Math.sqrt(Math.max((-3 * b + root) / (10 * c), 0));
    const next = [
      low,
      Math.min(Math.max(first, low), high),
      Math.min(Math.max(second, low), high),
      high,
    ];
    const moved = Math.abs(next[1] - points[1]) + Math.abs(next[2] - points[2]);
    points = next;
    if (moved <= 1e-15 * high) break;
  }
  // The true deviation on [low, high]: at the reference points (the extrema of p).
  let worst = 0;
  for (const x of points) worst = Math.max(worst, Math.abs(1 - apply(step, x)));
  return { step, error: Math.max(error, worst) };
}
