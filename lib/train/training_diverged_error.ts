/**
 * Training stopped because the loss became non-finite (NaN or ±Infinity), typically a learning
 * rate far too large: no record or number is produced from such a run. Commands exit non-zero.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TrainingDivergedError } from "./training_diverged_error.ts";
 *
 * const error = new TrainingDivergedError(20, NaN, 1e3);
 * assert.equal(error.name, "TrainingDivergedError");
 * assert.match(error.message, /loss is NaN at step 20 \(learning rate 1000\)/);
 * ```
 */
export class TrainingDivergedError extends Error {
  override name = "TrainingDivergedError";
  /** The step at which the non-finite loss was seen. */
  readonly step: number;
  /** The loss seen (NaN or ±Infinity). */
  readonly loss: number;

  /** A divergence at `step` with `loss` under `learningRate`. */
  constructor(step: number, loss: number, learningRate: number) {
    super(
      `training diverged: the loss is ${loss} at step ${step} (learning rate ${learningRate}); ` +
        "try a smaller --learning-rate",
    );
    this.step = step;
    this.loss = loss;
  }
}
