// Private: one training step (forward, gradients, update) with on-device running statistics.
import { tf } from "../tensor/tf.ts";
import type { TrainableModel } from "../models/architecture.ts";
import { gradientNorm } from "./diagnostics.ts";
import { headLoss } from "./head_loss.ts";
import type { Batch } from "./source.ts";

/** Runs steps and keeps the summed loss and correct count since the last read, on device. */
export class StepStatistics {
  #lossSum: tf.Scalar | null = null;
  #correct: tf.Scalar | null = null;
  #samples = 0;

  constructor(
    private readonly model: TrainableModel,
    private readonly shape: readonly number[],
    private readonly classWindings: readonly number[],
  ) {}

  /** Gradients of the batch; applies them via `update` (null: only measure). */
  step(
    batch: Batch,
    withNorm: boolean,
    update: ((gradients: tf.Tensor[]) => void) | null,
  ): { norm: tf.Scalar | null } {
    const { model, shape, classWindings } = this;
    const head = model.head ?? "class";
    const width = head === "integer" ? 1 : classWindings.length;
    const inputs = tf.tensor(batch.inputs, [batch.size, ...shape], "float32");
    const labels = tf.tensor1d(batch.labels, "int32");
    let outputs: tf.Tensor2D | null = null;
    let correct: tf.Scalar | null = null;
    const { value, grads } = tf.variableGrads(() => {
      outputs = tf.keep(model.apply(inputs));
      checkOutputs(outputs, batch.size, width, head);
      const { loss, correct: hits } = headLoss(head, outputs, labels, classWindings);
      correct = tf.keep(hits);
      const mean = tf.div(loss, batch.size) as tf.Scalar;
      return model.penalty ? tf.add(mean, model.penalty()) as tf.Scalar : mean;
    }, model.variables as tf.Variable[]);
    const gradients = model.variables.map((variable) => grads[variable.name]);
    const norm = withNorm ? gradientNorm(gradients) : null;
    update?.(gradients);
    const batchLoss = tf.mul(value, batch.size) as tf.Scalar;
    this.#lossSum = accumulate(this.#lossSum, batchLoss);
    this.#correct = accumulate(this.#correct, correct!);
    this.#samples += batch.size;
    tf.dispose([inputs, labels, outputs!, value, ...gradients]);
    return { norm };
  }

  /** Mean loss and accuracy since the last read; resets the window. */
  async readWindow(): Promise<{ loss: number; trainAccuracy: number }> {
    const [loss, correct] = await Promise.all([this.#lossSum!.data(), this.#correct!.data()]);
    const window = { loss: loss[0] / this.#samples, trainAccuracy: correct[0] / this.#samples };
    this.dispose();
    return window;
  }

  dispose(): void {
    tf.dispose([this.#lossSum!, this.#correct!].filter((t) => t !== null));
    this.#lossSum = this.#correct = null;
    this.#samples = 0;
  }
}

function accumulate(sum: tf.Scalar | null, term: tf.Scalar): tf.Scalar {
  if (sum === null) return term;
  const total = tf.add(sum, term) as tf.Scalar;
  tf.dispose([sum, term]);
  return total;
}

function checkOutputs(outputs: tf.Tensor, batch: number, width: number, head: string): void {
  if (outputs.rank !== 2 || outputs.shape[0] !== batch || outputs.shape[1] !== width) {
    const what = head === "integer" ? "an integer head must return ν̂" : "logits";
    throw new RangeError(`Model ${what} must be [${batch}, ${width}]: returned [${outputs.shape}]`);
  }
}
