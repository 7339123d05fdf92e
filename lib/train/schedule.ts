/**
 * How the learning rate moves over a run:
 * - `constant`;
 * - `cosine`: from the base rate down to `base · finalFraction` (default 0) over the run;
 * - `step`: multiplied by `factor` every `every` steps.
 */
export type LearningRateSchedule =
  | { readonly kind: "constant" }
  | { readonly kind: "cosine"; readonly finalFraction?: number }
  | { readonly kind: "step"; readonly every: number; readonly factor: number };

/**
 * The learning rate of training step `step` (1-based) of `totalSteps`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { learningRateAt } from "./schedule.ts";
 *
 * assert.equal(learningRateAt(0.1, { kind: "step", every: 10, factor: 0.5 }, 25, 100), 0.025);
 * assert.equal(learningRateAt(0.1, { kind: "cosine" }, 1, 1), 0.1);
 * ```
 */
export function learningRateAt(
  base: number,
  schedule: LearningRateSchedule,
  step: number,
  totalSteps: number,
): number {
  switch (schedule.kind) {
    case "constant":
      return base;
    case "cosine": {
      const final = schedule.finalFraction ?? 0;
      const progress = totalSteps <= 1 ? 0 : (step - 1) / (totalSteps - 1);
      return base * (final + (1 - final) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
    case "step":
      return base * schedule.factor ** Math.floor((step - 1) / schedule.every);
  }
}

/**
 * Checks a schedule; throws `RangeError` naming the bad field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSchedule } from "./schedule.ts";
 *
 * assert.throws(() => checkSchedule({ kind: "step", every: 0, factor: 0.5 }), RangeError);
 * ```
 */
export function checkSchedule(schedule: LearningRateSchedule): void {
  const kind = (schedule as { kind: string }).kind;
  if (kind === "constant") return;
  if (kind === "cosine") {
    const final = (schedule as { finalFraction?: number }).finalFraction ?? 0;
    if (!(final >= 0 && final <= 1)) {
      throw new RangeError(`Cosine finalFraction must be in [0, 1]: received ${final}`);
    }
    return;
  }
  if (kind === "step") {
    const { every, factor } = schedule as { every: number; factor: number };
    if (!Number.isInteger(every) || every < 1) {
      throw new RangeError(`Step schedule's every must be a positive integer: received ${every}`);
    }
    if (!(factor > 0 && factor <= 1)) {
      throw new RangeError(`Step schedule's factor must be in (0, 1]: received ${factor}`);
    }
    return;
  }
  throw new RangeError(`Schedule kind must be constant, cosine or step: received "${kind}"`);
}
