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
 * topological for `0 ≤ v` below it and trivial above. `null` when there is none in
 * `[0, vMax]` (the whole range is in one phase).
 *
 * @example The clean boundary is v = w
 * ```ts
 * import assert from "node:assert/strict";
 * import { andersonBoundary } from "./anderson_phase.ts";
 *
 * assert(Math.abs(andersonBoundary({ intercell: 1, intracellDisorder: 0, intercellDisorder: 0 })! - 1) < 1e-12);
 * assert(andersonBoundary({ intercell: 1, intracellDisorder: 2, intercellDisorder: 1 })! > 1);
 * ```
 */
export function andersonBoundary(
  parameters: Omit<AndersonParameters, "intracell">,
  vMax = 10,
): number | null {
  const target = meanLogHopping(parameters.intercell, parameters.intercellDisorder);
  const excess = (v: number) => meanLogHopping(v, parameters.intracellDisorder) - target;
  let low = 0;
  let high = vMax;
  if (excess(low) >= 0 || excess(high) <= 0) return null;
  for (let iteration = 0; iteration < 100; iteration++) {
    const middle = (low + high) / 2;
    if (excess(middle) < 0) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * The analytic phase boundary of the standard disordered plain chain (`w = 1`,
 * `W2 = W1/2`) as a polyline of `[v, W1]` points for `W1 ∈ [0, maxDisorder]` in `steps`
 * equal steps, keeping the points with `v ≤ maxIntracell`: what the phase-diagram figures draw.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { andersonBoundaryCurve } from "./anderson_phase.ts";
 *
 * const curve = andersonBoundaryCurve();
 * assert.deepEqual(curve[0], [1, 0]); // clean: v = w
 * assert(curve.every(([v]) => v <= 2));
 * ```
 */
export function andersonBoundaryCurve(
  maxDisorder = 8,
  maxIntracell = 2,
  steps = 80,
): Array<[number, number]> {
  const curve: Array<[number, number]> = [];
  for (let k = 0; k <= steps; k++) {
    const w1 = (maxDisorder * k) / steps;
    const v = andersonBoundary({ intercell: 1, intracellDisorder: w1, intercellDisorder: w1 / 2 });
    if (v !== null && v <= maxIntracell) curve.push([v, w1]);
  }
  return curve;
}
