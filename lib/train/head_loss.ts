import { tf } from "../tensor/tf.ts";
import { type Head, HEADS, INTEGER_HEAD_BAND } from "../models/architecture.ts";

/** The summed loss of a batch and, per sample, the predicted winding. */
export interface HeadLoss {
  /** The loss summed over the batch (a scalar). */
  readonly loss: tf.Scalar;
  /** How many samples are predicted right (a scalar). */
  readonly correct: tf.Scalar;
  /** The predicted winding of each sample, `[batch]` (int32). */
  readonly predicted: tf.Tensor1D;
}

/**
 * The winding each output row predicts: the class winding of the argmax (`class`), or
 * `round(ν̂)` (`integer`, any integer), as int32 `[batch]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { predictWindings } from "./head_loss.ts";
 *
 * const logits = tf.tensor2d([[2, 0, 1], [0, 0, 3]]);
 * assert.deepEqual(Array.from(await predictWindings("class", logits, [-1, 0, 1]).data()), [-1, 1]);
 * const estimate = tf.tensor2d([[-1.2], [2.1]]);
 * assert.deepEqual(Array.from(await predictWindings("integer", estimate, [0, 1]).data()), [-1, 2]);
 * ```
 */
export function predictWindings(
  head: Head,
  outputs: tf.Tensor2D,
  classWindings: readonly number[],
): tf.Tensor1D {
  if (!HEADS.includes(head)) {
    throw new RangeError(
      `head must be one of ${HEADS.join(", ")}: received ${JSON.stringify(head)}`,
    );
  }
  return tf.tidy(() =>
    head === "class"
      ? tf.gather(tf.tensor1d(Array.from(classWindings), "int32"), tf.argMax(outputs, 1))
      : tf.cast(tf.round(tf.reshape(outputs, [-1])), "int32")
  ) as tf.Tensor1D;
}

/**
 * The loss and predictions of a head's outputs against class-index `labels`:
 * - `class`: summed softmax cross-entropy of the logits `[batch, classes]`; the prediction is
 *   the winding of the argmax;
 * - `integer`: summed banded squared error `max(|ν̂ − w| − 1/4, 0)²` of `ν̂` (`[batch, 1]`)
 *   against the label's winding `w`; the prediction is `round(ν̂)`, any integer.
 *
 * A sample is right when the predicted winding equals the label's winding. Throws `RangeError`
 * for a head outside {@linkcode HEADS}.
 *
 * @example An integer head answers a winding outside the class set
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { headLoss } from "./head_loss.ts";
 *
 * const { loss, correct, predicted } = headLoss(
 *   "integer",
 *   tf.tensor2d([[0.1], [1.2], [1.9]]),
 *   tf.tensor1d([0, 1, 1], "int32"),
 *   [0, 1],
 * );
 * assert.deepEqual(Array.from(await predicted.data()), [0, 1, 2]);
 * assert.equal((await correct.data())[0], 2);
 * assert(Math.abs((await loss.data())[0] - 0.65 ** 2) < 1e-6);
 * ```
 */
export function headLoss(
  head: Head,
  outputs: tf.Tensor2D,
  labels: tf.Tensor1D,
  classWindings: readonly number[],
): HeadLoss {
  const predicted = predictWindings(head, outputs, classWindings);
  return tf.tidy(() => {
    const windings = tf.gather(tf.tensor1d(Array.from(classWindings), "int32"), labels);
    if (head === "class") {
      const targets = tf.oneHot(labels, classWindings.length);
      const loss = tf.losses.softmaxCrossEntropy(
        targets,
        outputs,
        undefined,
        0,
        tf.Reduction.SUM,
      ) as tf.Scalar;
      const correct = tf.sum(tf.cast(tf.equal(predicted, windings), "float32")) as tf.Scalar;
      return { loss, correct, predicted };
    }
    const estimate = tf.reshape(outputs, [-1]);
    const excess = tf.relu(
      tf.sub(tf.abs(tf.sub(estimate, tf.cast(windings, "float32"))), INTEGER_HEAD_BAND),
    );
    const loss = tf.sum(tf.square(excess)) as tf.Scalar;
    const correct = tf.sum(tf.cast(tf.equal(predicted, windings), "float32")) as tf.Scalar;
    return { loss, correct, predicted };
  });
}
