import type { Split } from "../data/spec.ts";
import { Rng } from "../rng.ts";
import { arraySource, type ArraySplit, type TrainingSource } from "./source.ts";

/** What {@linkcode syntheticSource} needs. */
export interface SyntheticSourceOptions {
  /** Shape of one sample (rank 1 or more). */
  readonly sampleShape: readonly number[];
  /** Class windings, ascending (default `[0, 1]`). */
  readonly classWindings?: readonly number[];
  /** Samples per split (default 256 / 128 / 128). */
  readonly samples?: { train?: number; validation?: number; test?: number };
  /** Signal strength on the band (default 1); the noise is standard normal times `noise`. */
  readonly signal?: number;
  /** Noise scale (default 0.5). */
  readonly noise?: number;
  /** Seed of the draws (`Rng.stream(seed, "synthetic", split)`). */
  readonly seed: number;
}

/**
 * A toy, learnable task for tests and benchmarks: Gaussian noise plus, for class index `c`, the
 * value `c · signal` on the sub-diagonal band (entries whose last two indices satisfy
 * `row − column = 1`; for rank-1 shapes, the odd entries). Linear models separate it, and so do
 * models that only see per-offset squares (the band's `Q[i + 1, i]²`), like the symmetric one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticSource } from "./synthetic_source.ts";
 *
 * const source = syntheticSource({ sampleShape: [4, 4], seed: 1 });
 * const [batch] = source.validation(8);
 * assert.equal(batch.inputs.length, 8 * 16);
 * ```
 */
export function syntheticSource(options: SyntheticSourceOptions): TrainingSource {
  const classWindings = options.classWindings ?? [0, 1];
  const sizes = { train: 256, validation: 128, test: 128, ...options.samples };
  const make = (split: Split) =>
    syntheticSplit(
      options,
      classWindings.length,
      sizes[split],
      Rng.stream(options.seed, "synthetic", split),
    );
  return arraySource({
    sampleShape: options.sampleShape,
    classWindings,
    train: make("train"),
    validation: make("validation"),
    test: make("test"),
  });
}

function syntheticSplit(
  options: SyntheticSourceOptions,
  classes: number,
  samples: number,
  rng: Rng,
): ArraySplit {
  const shape = options.sampleShape;
  const features = shape.reduce((product, extent) => product * extent, 1);
  const columns = shape[shape.length - 1];
  const rows = shape.length > 1 ? shape[shape.length - 2] : 1;
  const signal = options.signal ?? 1;
  const noise = options.noise ?? 0.5;
  const inputs = new Float32Array(samples * features);
  const labels = new Int32Array(samples);
  for (let sample = 0; sample < samples; sample++) {
    const label = sample % classes;
    labels[sample] = label;
    for (let feature = 0; feature < features; feature++) {
      const column = feature % columns;
      const row = Math.floor(feature / columns) % rows;
      const onBand = shape.length > 1 ? row - column === 1 : column % 2 === 1;
      inputs[sample * features + feature] = noise * rng.normal() + (onBand ? label * signal : 0);
    }
  }
  return { inputs, labels };
}
