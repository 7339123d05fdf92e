import { tf } from "../tensor/tf.ts";
import type { TrainableModel } from "../models/architecture.ts";
import type { Batch } from "./source.ts";
import { headLoss } from "./head_loss.ts";

/** Classification metrics over one split. */
export interface EvaluationMetrics {
  /** Samples evaluated. */
  readonly samples: number;
  /** Mean loss of the head (cross-entropy of class logits; banded squared error of `ν̂`). */
  readonly loss: number;
  /** Fraction classified correctly. */
  readonly accuracy: number;
  /** Accuracy per class, keyed by the class's winding number; `null` where a class is absent. */
  readonly perClassAccuracy: Readonly<Record<string, number | null>>;
  /**
   * `confusion[true][predicted]` sample counts, in class-index order; an integer head's model
   * adds one last column, the samples predicted as a winding outside the class set.
   */
  readonly confusion: readonly (readonly number[])[];
}

/**
 * Metrics from a confusion matrix and a summed loss. Throws `RangeError` for an empty matrix.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarizeConfusion } from "./metrics.ts";
 *
 * const metrics = summarizeConfusion([[3, 1], [0, 4]], 4, [0, 1]);
 * assert.equal(metrics.accuracy, 7 / 8);
 * assert.deepEqual(metrics.perClassAccuracy, { "0": 0.75, "1": 1 });
 * assert.equal(metrics.loss, 0.5);
 * ```
 */
export function summarizeConfusion(
  confusion: readonly (readonly number[])[],
  lossSum: number,
  classWindings: readonly number[],
): EvaluationMetrics {
  if (confusion.some((row) => row.length < confusion.length)) {
    throw new RangeError(
      `A confusion matrix has a column per class: received rows of ${
        confusion.map((row) => row.length)
      }`,
    );
  }
  const rowTotals = confusion.map((row) => row.reduce((sum, count) => sum + count, 0));
  const samples = rowTotals.reduce((sum, count) => sum + count, 0);
  if (samples === 0) throw new RangeError("Cannot summarize an evaluation of 0 samples");
  const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
  const perClassAccuracy: Record<string, number | null> = {};
  classWindings.forEach((winding, i) => {
    perClassAccuracy[String(winding)] = rowTotals[i] > 0 ? confusion[i][i] / rowTotals[i] : null;
  });
  return {
    samples,
    loss: lossSum / samples,
    accuracy: correct / samples,
    perClassAccuracy,
    confusion: confusion.map((row) => [...row]),
  };
}

/**
 * Evaluates `model` on every batch of `batches` (async reads only, so it runs on webgpu), with
 * its head's loss and predictions ({@linkcode headLoss}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { evaluateModel } from "./metrics.ts";
 *
 * const model = {
 *   variables: [],
 *   apply: (x: tf.Tensor) => tf.concat([tf.neg(x), x], 1) as tf.Tensor2D,
 *   parameterCount: () => 0,
 *   dispose() {},
 * };
 * const batch = { inputs: new Float32Array([-1, 2]), labels: new Int32Array([0, 1]), size: 2 };
 * const metrics = await evaluateModel(model, [batch], [1], [0, 1]);
 * assert.equal(metrics.accuracy, 1);
 * ```
 */
export async function evaluateModel(
  model: TrainableModel,
  batches: Iterable<Batch>,
  sampleShape: readonly number[],
  classWindings: readonly number[],
): Promise<EvaluationMetrics> {
  const classes = classWindings.length;
  const head = model.head ?? "class";
  const columns = head === "integer" ? classes + 1 : classes;
  const confusion = classWindings.map(() => new Array<number>(columns).fill(0));
  let lossSum = 0;
  for (const batch of batches) {
    const [losses, predictions] = tf.tidy(() => {
      const inputs = tf.tensor(batch.inputs, [batch.size, ...sampleShape], "float32");
      const outputs = model.apply(inputs);
      const labels = tf.tensor1d(batch.labels, "int32");
      const { loss, predicted } = headLoss(head, outputs, labels, classWindings);
      return [loss, predicted];
    });
    const [lossValue, predicted] = await Promise.all([losses.data(), predictions.data()]);
    tf.dispose([losses, predictions]);
    lossSum += lossValue[0];
    batch.labels.forEach((label, i) => {
      const column = classWindings.indexOf(predicted[i]);
      confusion[label][column < 0 ? classes : column]++;
    });
  }
  return summarizeConfusion(confusion, lossSum, classWindings);
}
