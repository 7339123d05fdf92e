import { activeBackend, type BackendInfo } from "../tensor/backend.ts";
import { type CurvePoint, type DistancePoint, type GradientNormPoint } from "./diagnostics.ts";
import { evaluateModel, type EvaluationMetrics } from "./metrics.ts";
import { createOptimizer, type OptimizerConfig } from "./optimizer.ts";
import { learningRateAt } from "./schedule.ts";
import type { Batch } from "./source.ts";
import { StepStatistics } from "./_train_step.ts";
import { checkTrainOptions, type TrainOptions } from "./train_options.ts";
import { TrainingDivergedError } from "./training_diverged_error.ts";

/** The plain-JSON record of one training run. */
export interface TrainingRun {
  readonly stepsRequested: number;
  readonly stepsRun: number;
  /** The first evaluated step whose validation accuracy reached the target; `null`: never. */
  readonly stepsToTarget: number | null;
  readonly targetAccuracy: number | null;
  readonly batchSize: number;
  readonly seed: number;
  readonly optimizer: OptimizerConfig;
  readonly curves: readonly CurvePoint[];
  /** Global gradient norm at initialization (step 0) and at every evaluation. */
  readonly gradientNorms: readonly GradientNormPoint[];
  /** Exact-invariant models only. */
  readonly distanceFromExact?: readonly DistancePoint[];
  /** `null` for an evaluation-only run on a dataset without a validation split. */
  readonly validation: EvaluationMetrics | null;
  readonly test: EvaluationMetrics;
  readonly parameters: number;
  /** Training throughput (evaluations excluded). */
  readonly samplesPerSecond: number | null;
  readonly trainSeconds: number;
  readonly wallSeconds: number;
  readonly backend: BackendInfo;
}

/** Training samples a closed-form fit (`TrainableModel.fit`) sees: the first epoch, at most. */
const FIT_SAMPLES = 8192;

/** The first batches of an endless stream, `samples` samples at most. */
function* firstBatches(
  stream: Iterable<Batch>,
  samples: number,
  batchSize: number,
): Iterable<Batch> {
  let taken = 0;
  for (const batch of stream) {
    if (taken + batchSize > samples) return;
    taken += batch.size;
    yield batch;
  }
}

/**
 * Trains `model` on `source` with its head's loss (cross-entropy on class logits; the banded
 * squared error of `ν̂` for an integer head, see {@linkcode headLoss}), evaluating every
 * `evaluateEvery` steps, and returns the run's record. Deterministic for a seed on a given
 * backend; frees every tensor it makes (the model's variables stay with the caller). Throws
 * `RangeError` for bad options and {@linkcode TrainingDivergedError} once a training or
 * validation loss read at an evaluation step is non-finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { syntheticSource } from "./synthetic_source.ts";
 * import { trainModel } from "./train.ts";
 *
 * const [weights, bias] = [tf.variable(tf.zeros([4, 2])), tf.variable(tf.zeros([2]))];
 * const model = {
 *   variables: [weights, bias],
 *   apply: (x: tf.Tensor) => tf.add(tf.matMul(x, weights), bias) as tf.Tensor2D,
 *   parameterCount: () => 10,
 *   dispose: () => tf.dispose([weights, bias]),
 * };
 * const run = await trainModel({
 *   model,
 *   source: syntheticSource({ sampleShape: [4], seed: 1, signal: 2 }),
 *   optimizer: { kind: "adam", learningRate: 0.1 },
 *   steps: 20,
 *   batchSize: 32,
 *   seed: 1,
 *   evaluateEvery: 10,
 * });
 * assert(run.test.accuracy > 0.9);
 * model.dispose();
 * ```
 */
export async function trainModel(options: TrainOptions): Promise<TrainingRun> {
  checkTrainOptions(options);
  const started = performance.now();
  const { model, source, steps, batchSize, evaluateEvery } = options;
  const shape = source.sampleShape;
  const evalBatch = options.evaluationBatchSize ?? 256;
  const optimizer = createOptimizer(options.optimizer, model.variables);
  const schedule = options.optimizer.schedule ?? { kind: "constant" as const };
  const statistics = new StepStatistics(model, shape, source.classWindings);
  const curves: CurvePoint[] = [];
  const gradientNorms: GradientNormPoint[] = [];
  const distances: DistancePoint[] = [];
  let stepsToTarget: number | null = null;
  let trainMs = 0;
  let stepsRun = 0;
  if (model.fit) {
    await model.fit(
      firstBatches(source.trainBatches(batchSize, options.seed), FIT_SAMPLES, batchSize),
    );
  }
  const batches = source.trainBatches(batchSize, options.seed)[Symbol.iterator]();
  const nextBatch = (): Batch => batches.next().value as Batch;
  try {
    let batch = nextBatch();
    for (let step = 0; step <= steps; step++) {
      const evaluate = step === 0 || step % evaluateEvery === 0 || step === steps;
      const tick = performance.now();
      const { norm } = statistics.step(
        batch,
        evaluate,
        step === 0 ? null : (gradients) =>
          optimizer.apply(
            gradients,
            learningRateAt(options.optimizer.learningRate, schedule, step, steps),
          ),
      );
      if (step > 0) {
        trainMs += performance.now() - tick;
        stepsRun = step;
        if (step < steps) batch = nextBatch();
      }
      if (!evaluate) continue;
      const [window, validation] = [
        await statistics.readWindow(),
        await evaluateModel(model, source.validation(evalBatch), shape, source.classWindings),
      ];
      gradientNorms.push({ step, norm: (await norm!.data())[0] });
      norm!.dispose();
      if (model.distanceFromExact) {
        distances.push({ step, distance: await model.distanceFromExact() });
      }
      for (const loss of [window.loss, validation.loss]) {
        if (!Number.isFinite(loss)) {
          throw new TrainingDivergedError(step, loss, options.optimizer.learningRate);
        }
      }
      const point = {
        step,
        ...window,
        validationLoss: validation.loss,
        validationAccuracy: validation.accuracy,
      };
      curves.push(point);
      options.onProgress?.(point);
      if (options.targetAccuracy !== undefined && validation.accuracy >= options.targetAccuracy) {
        stepsToTarget = step;
        break;
      }
      if (options.shouldStop?.(step)) break;
    }
    const [validation, test] = [
      await evaluateModel(model, source.validation(evalBatch), shape, source.classWindings),
      await evaluateModel(model, source.test(evalBatch), shape, source.classWindings),
    ];
    return {
      stepsRequested: steps,
      stepsRun,
      stepsToTarget,
      targetAccuracy: options.targetAccuracy ?? null,
      batchSize,
      seed: options.seed,
      optimizer: options.optimizer,
      curves,
      gradientNorms,
      ...(model.distanceFromExact ? { distanceFromExact: distances } : {}),
      validation,
      test,
      parameters: model.parameterCount(),
      samplesPerSecond: stepsRun > 0 ? (stepsRun * batchSize) / (trainMs / 1000) : null,
      trainSeconds: trainMs / 1000,
      wallSeconds: (performance.now() - started) / 1000,
      backend: activeBackend(),
    };
  } finally {
    statistics.dispose();
    optimizer.dispose();
  }
}
