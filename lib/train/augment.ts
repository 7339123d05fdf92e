import type { Representation } from "../data/spec.ts";
import { Rng } from "../rng.ts";
import type { Batch, TrainingSource } from "./source.ts";

/**
 * The training augmentations: `random-sign` flips each eigenvector of an `amplitudes` sample
 * with probability 1/2, fresh for every training batch, so a model cannot learn the sign gauge.
 */
export const AUGMENTATIONS = ["random-sign"] as const;

/** An augmentation of {@linkcode AUGMENTATIONS}. */
export type Augmentation = typeof AUGMENTATIONS[number];

/** The representations each augmentation applies to. */
const APPLIES_TO: Record<Augmentation, readonly Representation[]> = {
  "random-sign": ["amplitudes"],
};

/**
 * Throws unless `augment` is an augmentation that applies to `representation`: a `RangeError`
 * naming the value and what is accepted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkAugmentation } from "./augment.ts";
 *
 * checkAugmentation("random-sign", "amplitudes");
 * assert.throws(
 *   () => checkAugmentation("random-sign", "projector"),
 *   /random-sign applies to amplitudes only: received representation "projector"/,
 * );
 * assert.throws(() => checkAugmentation("mirror", "amplitudes"), /Unknown augmentation "mirror"/);
 * ```
 */
export function checkAugmentation(augment: string, representation: Representation): void {
  if (!(AUGMENTATIONS as readonly string[]).includes(augment)) {
    throw new RangeError(
      `Unknown augmentation "${augment}": expected one of ${AUGMENTATIONS.join(", ")}`,
    );
  }
  const accepted = APPLIES_TO[augment as Augmentation];
  if (!accepted.includes(representation)) {
    throw new RangeError(
      `Augmentation ${augment} applies to ${
        accepted.join(", ")
      } only: received representation "${representation}"`,
    );
  }
}

/**
 * Flips the sign of each state (row of `states × sites`) of every sample of a batch at random,
 * in place: sample `i`'s row `k` draws bit `k` from `rng` in order.
 */
function flipStates(inputs: Float32Array, size: number, states: number, sites: number, rng: Rng) {
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < states; k++) {
      if ((rng.nextUint32() & 1) === 0) continue;
      const row = inputs.subarray((i * states + k) * sites, (i * states + k + 1) * sites);
      for (let s = 0; s < sites; s++) row[s] = -row[s];
    }
  }
}

/**
 * A training source whose training batches are augmented: batch `b` of `trainBatches(size,
 * seed)` draws from `Rng.stream(seed, "augment", augment, b)`, so a run is reproducible from its
 * seed. Validation and test batches pass through unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { arraySource } from "./source.ts";
 * import { augmentedSource } from "./augment.ts";
 *
 * const inputs = new Float32Array(4 * 2 * 4).fill(1);
 * const split = { inputs, labels: new Int32Array(4) };
 * const source = arraySource({
 *   sampleShape: [2, 4], classWindings: [0, 1], train: split, validation: split, test: split,
 * });
 * const augmented = augmentedSource(source, "random-sign", "amplitudes");
 * const [batch] = augmented.trainBatches(4, 1);
 * for (let row = 0; row < 8; row++) {
 *   const values = new Set(batch.inputs.subarray(row * 4, row * 4 + 4));
 *   assert.equal(values.size, 1); // a whole state flips, or none of it
 * }
 * ```
 */
export function augmentedSource(
  source: TrainingSource,
  augment: Augmentation,
  representation: Representation,
): TrainingSource {
  checkAugmentation(augment, representation);
  const [states, sites] = source.sampleShape;
  return {
    sampleShape: source.sampleShape,
    classWindings: source.classWindings,
    *trainBatches(batchSize: number, seed: number): Iterable<Batch> {
      let b = 0;
      for (const batch of source.trainBatches(batchSize, seed)) {
        const inputs = Float32Array.from(batch.inputs);
        flipStates(inputs, batch.size, states, sites, Rng.stream(seed, "augment", augment, b++));
        yield { ...batch, inputs };
      }
    },
    validation: (batchSize) => source.validation(batchSize),
    test: (batchSize) => source.test(batchSize),
  };
}
