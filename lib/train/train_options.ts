import type { TrainableModel } from "../models/architecture.ts";
import type { CurvePoint } from "./diagnostics.ts";
import type { OptimizerConfig } from "./optimizer.ts";
import type { TrainingSource } from "./source.ts";

/** What {@linkcode trainModel} needs. */
export interface TrainOptions {
  readonly model: TrainableModel;
  readonly source: TrainingSource;
  readonly optimizer: OptimizerConfig;
  /** Training steps (0: evaluate only). */
  readonly steps: number;
  readonly batchSize: number;
  /** Seed of the shuffles. The model's initialization has its own seed. */
  readonly seed: number;
  /** Stop at the first evaluation whose validation accuracy reaches this (in (0, 1]). */
  readonly targetAccuracy?: number;
  /** Evaluate (validation, gradient norm, distance from exact) every this many steps. */
  readonly evaluateEvery: number;
  /** Batch size of evaluations (default 256). */
  readonly evaluationBatchSize?: number;
  /** Called after every evaluation with the newest curve point. */
  readonly onProgress?: (point: CurvePoint) => void;
  /**
   * Asked after every evaluation (after `onProgress`): `true` stops training there, as reaching
   * `targetAccuracy` does. The submission sandbox lets the trusted parent decide this.
   */
  readonly shouldStop?: (step: number) => boolean;
}

function positiveInteger(name: string, value: number, allowZero = false): void {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new RangeError(
      `${name} must be a ${allowZero ? "non-negative" : "positive"} integer: received ${value}`,
    );
  }
}

/**
 * Checks {@linkcode TrainOptions} before any work; throws `RangeError` naming the first bad option.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticSource } from "./synthetic_source.ts";
 * import { checkTrainOptions } from "./train_options.ts";
 *
 * const source = syntheticSource({ sampleShape: [4], seed: 1 });
 * const model = { variables: [], apply: () => { throw new Error(); }, parameterCount: () => 0, dispose() {} };
 * assert.throws(
 *   () => checkTrainOptions({ model, source, optimizer: { kind: "adam", learningRate: 0.1 }, steps: -1, batchSize: 8, seed: 0, evaluateEvery: 1 }),
 *   /steps must be a non-negative integer: received -1/,
 * );
 * ```
 */
export function checkTrainOptions(options: TrainOptions): void {
  positiveInteger("steps", options.steps, true);
  positiveInteger("batchSize", options.batchSize);
  positiveInteger("evaluateEvery", options.evaluateEvery);
  positiveInteger("evaluationBatchSize", options.evaluationBatchSize ?? 1);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer: received ${options.seed}`);
  }
  const target = options.targetAccuracy;
  if (target !== undefined && !(target > 0 && target <= 1)) {
    throw new RangeError(`targetAccuracy must be in (0, 1]: received ${target}`);
  }
  if (options.source.classWindings.length < 2) {
    throw new RangeError(
      `A source needs at least 2 classes: received [${options.source.classWindings}]`,
    );
  }
}
