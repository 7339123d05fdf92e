import { classWindingsOf, type DatasetFile, type Split } from "../data/mod.ts";
import type { TrainableModel } from "../models/architecture.ts";
import type { Representation } from "../data/spec.ts";
import { tf } from "../tensor/tf.ts";
import { predictWindings } from "../train/mod.ts";

/** Predictions for the first samples of a split (ambiguous ones included). */
export interface Predictions {
  /** The samples' indices in the split, ascending. */
  readonly indices: Int32Array;
  /** Predicted winding per sample. */
  readonly winding: Int32Array;
  /** Exact-invariant models: ν_net per sample. */
  readonly invariant: Float32Array | null;
}

/**
 * Predicts the winding of the first `limit` samples of a split — every sample, ambiguous ones and
 * those whose label is outside the model's classes included (a plain chain whose RSWN rounds to
 * −1 under strong disorder): studies decide what to score, and `indices[k]` is always sample
 * `k`. Reads asynchronously so it runs on every backend.
 *
 * @example
 * ```ts ignore
 * const { winding } = await predict(model, file, "test", "amplitudes", 500);
 * ```
 */
export async function predict(
  model: TrainableModel,
  file: DatasetFile,
  split: Split,
  representation: Representation,
  limit = Infinity,
): Promise<Predictions> {
  const classes = classWindingsOf(file.spec.model);
  const shape = file.sampleShape(representation);
  const count = Math.min(limit, file.labels(split).winding.length);
  const winding = new Int32Array(count);
  const invariant = model.invariant ? new Float32Array(count) : null;
  const batchSize = 250;
  for (let done = 0; done < count; done += batchSize) {
    const size = Math.min(batchSize, count - done);
    const indices = Array.from({ length: size }, (_, k) => done + k);
    const x = tf.tensor(file.readSamples(split, representation, indices), [size, ...shape]);
    const logits = model.apply(x);
    const best = predictWindings(model.head ?? "class", logits, classes);
    winding.set(await best.data(), done);
    if (invariant) {
      const nu = model.invariant!(x);
      invariant.set(await nu.data(), done);
      nu.dispose();
    }
    tf.dispose([x, logits, best]);
  }
  return { indices: Int32Array.from({ length: count }, (_, i) => i), winding, invariant };
}

/** Accuracy over the non-ambiguous samples among `predictions` that `keep` selects. */
export function scoredAccuracy(
  file: DatasetFile,
  split: Split,
  predictions: Predictions,
  keep: (index: number) => boolean = () => true,
): { accuracy: number | null; samples: number } {
  const { winding, ambiguous } = file.labels(split);
  let correct = 0;
  let samples = 0;
  for (const index of predictions.indices) {
    if (ambiguous[index] || !keep(index)) continue;
    samples++;
    if (predictions.winding[index] === winding[index]) correct++;
  }
  return { accuracy: samples === 0 ? null : correct / samples, samples };
}
