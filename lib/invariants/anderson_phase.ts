/** Parameters of the disordered plain chain (PHYSICS.md §2). */
export interface AndersonParameters {
  /** `v`, the mean intracell hopping. */
  readonly intracell: number;
  /** `w`, the mean intercell hopping. */
  readonly intercell: number;
  /** `W1`, the intracell disorder strength (≥ 0). */
  readonly intracellDisorder: number;
  /** `W2`, the intercell disorder strength (≥ 0). */
  readonly intercellDisorder: number;
}

/** The analytic phase of the disordered plain chain. */
export interface AndersonPhase {
  /** 1 where `⟨ln|w_n|⟩ > ⟨ln|v_n|⟩`, else 0. */
  readonly winding: 0 | 1;
  /** `|⟨ln|w_n|⟩ − ⟨ln|v_n|⟩|`, in inverse cells; 0 on the phase boundary. */
  readonly inverseLocalizationLength: number;
}

function antiderivative(x: number): number {
  return x === 0 ? 0 : x * Math.log(Math.abs(x)) - x;
}

/**
 * `⟨ln|t + W·ω|⟩` for `ω` uniform on [−1/2, 1/2]: `[F(t + W/2) − F(t − W/2)]/W` with
 * `F(x) = x·ln|x| − x`, and `ln|t|` at `W = 0`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanLogHopping } from "./anderson_phase.ts";
 *
 * assert(Math.abs(meanLogHopping(1, 0) - 0) < 1e-15);
 * assert(Math.abs(meanLogHopping(0, 2) - (Math.log(1) - 1)) < 1e-15);
 * ```
 */
export function meanLogHopping(hopping: number, disorder: number): number {
  if (!Number.isFinite(hopping)) {
    throw new RangeError(`Hopping must be finite: received ${hopping}`);
  }
  if (!Number.isFinite(disorder) || disorder < 0) {
    throw new RangeError(`Disorder strength must be a finite number ≥ 0: received ${disorder}`);
  }
  if (disorder === 0) return Math.log(Math.abs(hopping));
  const half = disorder / 2;
  return (antiderivative(hopping + half) - antiderivative(hopping - half)) / disorder;
}

/**
 * The analytic phase of the disordered plain SSH chain (Mondragon-Shem et al., PRL 113,
 * 046802, 2014): topological where `⟨ln|w_n|⟩ > ⟨ln|v_n|⟩`, with inverse localization length
 * `|⟨ln|w_n|⟩ − ⟨ln|v_n|⟩|` at zero energy.
 *
 * @example The checked values of PHYSICS.md §2
 * ```ts
 * import assert from "node:assert/strict";
 * import { andersonPhase } from "./anderson_phase.ts";
 *
 * const phase = (v: number, w1: number) =>
 *   andersonPhase({ intracell: v, intercell: 1, intracellDisorder: w1, intercellDisorder: w1 / 2 })
 *     .winding;
 * assert.deepEqual([phase(1.05, 2), phase(1.1, 2.5), phase(0.9, 6), phase(0.5, 8)], [1, 1, 0, 0]);
 * ```
 */
export function andersonPhase(parameters: AndersonParameters): AndersonPhase {
  if (parameters === null || typeof parameters !== "object") {
    throw new TypeError(
      "andersonPhase needs { intracell, intercell, intracellDisorder, intercellDisorder }",
    );
  }
  const { intracell, intercell, intracellDisorder, intercellDisorder } = parameters;
  for (const [name, value] of Object.entries({ intracell, intercell })) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(`${name} must be a finite number: received ${value}`);
    }
  }
  for (const [name, value] of Object.entries({ intracellDisorder, intercellDisorder })) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a finite number ≥ 0: received ${value}`);
    }
  }
  const intercellLog = meanLogHopping(intercell, intercellDisorder);
  const intracellLog = meanLogHopping(intracell, intracellDisorder);
  return {
    winding: intercellLog > intracellLog ? 1 : 0,
    inverseLocalizationLength: Math.abs(intercellLog - intracellLog),
  };
}

/**
 * The intracell hopping `v ≥ 0` on the analytic phase boundary of the disordered plain chain
 * (`⟨ln|v_n|⟩ = ⟨ln|w_n|⟩`) for given `w`, `W1` and `W2`, by bisection: the chain is
 * topological for `0 ≤ v` below it and trivial above. `0` where `v = 0` itself is on the
 * boundary (`W1 = 4` for `w = 1`, `W2 = W1/2`); `null` when there is none in `[0, vMax]` (the
 * whole range is in one phase).
 *
 * @example The clean boundary is v = w; the standard family's boundary meets v = 0 at W1 = 4
 * ```ts
 * import assert from "node:assert/strict";
 * import { andersonBoundary } from "./anderson_phase.ts";
 *
 * assert(Math.abs(andersonBoundary({ intercell: 1, intracellDisorder: 0, intercellDisorder: 0 })! - 1) < 1e-12);
 * assert(andersonBoundary({ intercell: 1, intracellDisorder: 2, intercellDisorder: 1 })! > 1);
 * assert.equal(andersonBoundary({ intercell: 1, intracellDisorder: 4, intercellDisorder: 2 }), 0);
 * assert.equal(andersonBoundary({ intercell: 1, intracellDisorder: 5, intercellDisorder: 2.5 }), null);
 * ```
 */
export function andersonBoundary(
  parameters: Omit<AndersonParameters, "intracell">,
  vMax = 10,
): number | null {
  if (!Number.isFinite(vMax) || vMax <= 0) {
    throw new RangeError(`vMax must be a finite number > 0: received ${vMax}`);
  }
  const target = meanLogHopping(parameters.intercell, parameters.intercellDisorder);
  const excess = (v: number) => meanLogHopping(v, parameters.intracellDisorder) - target;
  let low = 0;
  let high = vMax;
  const atZero = excess(low);
  if (Math.abs(atZero) < 1e-12) return 0;
  if (atZero > 0 || excess(high) <= 0) return null;
  for (let iteration = 0; iteration < 100; iteration++) {
    const middle = (low + high) / 2;
    if (excess(middle) < 0) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * The analytic phase boundary of the standard disordered plain chain (`w = 1`,
 * `W2 = W1/2`) as a polyline of `[v, W1]` points inside `[0, maxIntracell] × [0, maxDisorder]`,
 * ordered by `W1` (the boundary is a graph `v(W1)`, from `(1, 0)` through its widest point near
 * `(1.33, 3)` down to `(0, 4)`). It is sampled both ways, `W1` in `steps` equal steps and `v` in
 * `steps` equal steps (every root in `W1` of each), so the steep stretch down to `v = 0` is drawn
 * as densely as the rest: no segment is lost. What the phase-diagram figures draw.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { andersonBoundaryCurve } from "./anderson_phase.ts";
 *
 * const curve = andersonBoundaryCurve();
 * assert.deepEqual(curve[0], [1, 0]); // clean: v = w
 * const [v, w1] = curve[curve.length - 1];
 * assert(v < 1e-9 && Math.abs(w1 - 4) < 1e-9); // the chain at v = 0 turns trivial at W1 = 4
 * assert(curve.every(([v]) => v <= 2));
 * ```
 */
export function andersonBoundaryCurve(
  maxDisorder = 8,
  maxIntracell = 2,
  steps = 80,
): Array<[number, number]> {
  for (const [name, value] of Object.entries({ maxDisorder, maxIntracell })) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${name} must be a finite number > 0: received ${value}`);
    }
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`steps must be an integer ≥ 1: received ${steps}`);
  }
  const points: Array<[number, number]> = [];
  // W1 sweep: v(W1) by bisection in v.
  for (let k = 0; k <= steps; k++) {
    const w1 = (maxDisorder * k) / steps;
    const v = andersonBoundary({ intercell: 1, intracellDisorder: w1, intercellDisorder: w1 / 2 });
    if (v !== null && v <= maxIntracell) points.push([v, w1]);
  }
  // v sweep: every root in W1 of ⟨ln|v + W1·ω|⟩ − ⟨ln|1 + (W1/2)·ω|⟩, bracketed on a fine grid.
  const scan = 8 * steps;
  for (let k = 0; k <= steps; k++) {
    const v = (maxIntracell * k) / steps;
    const excess = (w1: number) => meanLogHopping(v, w1) - meanLogHopping(1, w1 / 2);
    let previous = excess(0);
    for (let j = 1; j <= scan; j++) {
      let high = (maxDisorder * j) / scan;
      const value = excess(high);
      if (Math.abs(value) < 1e-12) {
        points.push([v, high]);
      } else if (Number.isFinite(previous) && Math.abs(previous) >= 1e-12 && previous * value < 0) {
        let low = (maxDisorder * (j - 1)) / scan;
        const sign = Math.sign(value);
        for (let iteration = 0; iteration < 100; iteration++) {
          const middle = (low + high) / 2;
          if (Math.sign(excess(middle)) === sign) high = middle;
          else low = middle;
        }
        points.push([v, (low + high) / 2]);
      }
      previous = value;
    }
  }
  points.sort((a, b) => a[1] - b[1] || b[0] - a[0]);
  // Drop near-duplicates (both sweeps can find the same point).
  return points.filter(([v, w1], index) =>
    index === 0 ||
    Math.abs(v - points[index - 1][0]) + Math.abs(w1 - points[index - 1][1]) > 1e-9
  );
}
