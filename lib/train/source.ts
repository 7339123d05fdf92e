import { SPLITS } from "../data/spec.ts";
import { Rng } from "../rng.ts";

/** A batch of samples: `inputs` row-major `[size, ...sampleShape]` (float32), class indices. */
export interface Batch {
  readonly inputs: Float32Array;
  /** Class index of each sample (an index into `classWindings`). */
  readonly labels: Int32Array;
  /** Samples in the batch. */
  readonly size: number;
}

/**
 * What the training loop consumes: batches of one representation. Implementations may stream
 * from disk; the loop never asks for the whole set at once.
 */
export interface TrainingSource {
  /** Shape of one sample, without the batch axis. */
  readonly sampleShape: readonly number[];
  /** The winding number of each class index, ascending. */
  readonly classWindings: readonly number[];
  /**
   * Endless training batches of exactly `batchSize` samples, reshuffled every epoch from
   * `Rng.stream(seed, "shuffle", epoch)`; a last partial batch of an epoch is dropped.
   */
  trainBatches(batchSize: number, seed: number): Iterable<Batch>;
  /** The validation split once, in order, in batches of at most `batchSize`. */
  validation(batchSize: number): Iterable<Batch>;
  /** The test split once, in order, in batches of at most `batchSize`. */
  test(batchSize: number): Iterable<Batch>;
}

/** One split held in memory. */
export interface ArraySplit {
  /** Row-major `[samples, ...sampleShape]`. */
  readonly inputs: Float32Array;
  readonly labels: Int32Array;
}

/** What {@linkcode arraySource} needs. */
export interface ArraySourceOptions {
  readonly sampleShape: readonly number[];
  readonly classWindings: readonly number[];
  readonly train: ArraySplit;
  readonly validation: ArraySplit;
  readonly test: ArraySplit;
}

/**
 * A {@linkcode TrainingSource} over splits held in memory (tests, benchmarks, small sets).
 * Throws `RangeError` where sizes disagree or a label is not a class index.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { arraySource } from "./source.ts";
 *
 * const split = { inputs: new Float32Array([0, 1, 2, 3]), labels: new Int32Array([0, 1]) };
 * const source = arraySource({
 *   sampleShape: [2], classWindings: [0, 1], train: split, validation: split, test: split,
 * });
 * const [first] = source.trainBatches(2, 1);
 * assert.equal(first.size, 2);
 * assert.deepEqual([...first.labels].sort(), [0, 1]);
 * ```
 */
export function arraySource(options: ArraySourceOptions): TrainingSource {
  const { sampleShape, classWindings } = options;
  const features = sampleShape.reduce((product, extent) => product * extent, 1);
  if (!sampleShape.every((extent) => Number.isInteger(extent) && extent > 0)) {
    throw new RangeError(`Sample shape must be positive integers: received [${sampleShape}]`);
  }
  for (const name of SPLITS) {
    checkSplit(name, options[name], features, classWindings.length);
  }
  return {
    sampleShape,
    classWindings,
    trainBatches: (batchSize, seed) => shuffled(options.train, features, batchSize, seed),
    validation: (batchSize) => ordered(options.validation, features, batchSize),
    test: (batchSize) => ordered(options.test, features, batchSize),
  };
}

function checkSplit(name: string, split: ArraySplit, features: number, classes: number): void {
  const samples = split.labels.length;
  if (split.inputs.length !== samples * features) {
    throw new RangeError(
      `Split ${name}: inputs must hold ${samples} × ${features} values: received ${split.inputs.length}`,
    );
  }
  const bad = split.labels.find((label) => label < 0 || label >= classes);
  if (bad !== undefined) {
    throw new RangeError(`Split ${name}: labels must be in [0, ${classes - 1}]: received ${bad}`);
  }
}

function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Batch size must be a positive integer: received ${batchSize}`);
  }
}

function* shuffled(
  split: ArraySplit,
  features: number,
  batchSize: number,
  seed: number,
): Generator<Batch> {
  checkBatchSize(batchSize);
  const samples = split.labels.length;
  if (samples < batchSize) {
    throw new RangeError(
      `Batch size must not exceed the ${samples} training samples: received ${batchSize}`,
    );
  }
  for (let epoch = 0;; epoch++) {
    const order = Rng.stream(seed, "shuffle", epoch).shuffle([...Array(samples).keys()]);
    for (let start = 0; start + batchSize <= samples; start += batchSize) {
      yield gather(split, features, order.slice(start, start + batchSize));
    }
  }
}

function* ordered(split: ArraySplit, features: number, batchSize: number): Generator<Batch> {
  checkBatchSize(batchSize);
  const samples = split.labels.length;
  for (let start = 0; start < samples; start += batchSize) {
    const end = Math.min(samples, start + batchSize);
    yield {
      inputs: split.inputs.subarray(start * features, end * features),
      labels: split.labels.subarray(start, end),
      size: end - start,
    };
  }
}

function gather(split: ArraySplit, features: number, indices: number[]): Batch {
  const inputs = new Float32Array(indices.length * features);
  const labels = new Int32Array(indices.length);
  indices.forEach((sample, row) => {
    inputs.set(split.inputs.subarray(sample * features, (sample + 1) * features), row * features);
    labels[row] = split.labels[sample];
  });
  return { inputs, labels, size: indices.length };
}
