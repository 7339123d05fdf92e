import type { Representation } from "./spec.ts";
import { Rng } from "../rng.ts";
import type { DatasetFile } from "./dataset_file.ts";
import { classWindingsOf } from "./sample.ts";
import type { Split } from "./spec.ts";

/** One batch: inputs (float32, row-major `size × sampleShape`) and class labels. */
export interface Batch {
  readonly inputs: Float32Array;
  /** Class index of each sample (position of its winding in the class windings). */
  readonly labels: Int32Array;
  /** The samples' indices within the split. */
  readonly indices: Int32Array;
  readonly size: number;
}

/** Options of {@linkcode batches}. */
export interface BatchOptions {
  readonly split: Split;
  readonly representation: Representation;
  readonly batchSize: number;
  /** Shuffle seed; the order of epoch e draws from `Rng.stream(seed, "shuffle", split, e)`. */
  readonly seed?: number;
  /** Shuffle (default true for train, false otherwise). */
  readonly shuffle?: boolean;
  /** Keep ambiguous samples (default false: excluded from training and scoring). */
  readonly includeAmbiguous?: boolean;
  /** Number of epochs (default 1; `Infinity` for an endless stream). */
  readonly epochs?: number;
}

/**
 * The usable sample indices of a split: non-ambiguous (unless asked) and with a winding among
 * the model's classes.
 */
export function usableIndices(
  file: DatasetFile,
  split: Split,
  includeAmbiguous = false,
): Int32Array {
  const { winding, ambiguous } = file.labels(split);
  const classes = classWindingsOf(file.spec.model);
  const kept: number[] = [];
  for (let i = 0; i < winding.length; i++) {
    if ((includeAmbiguous || !ambiguous[i]) && classes.includes(winding[i])) kept.push(i);
  }
  return Int32Array.from(kept);
}

/**
 * Batches of one split, shuffled per epoch with a seeded stream, read from disk batch by batch:
 * only the labels and one batch are in memory at a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batches, buildDataset, DatasetFile, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 10, validation: 0, test: 0 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const options = { split: "train", representation: "projector", batchSize: 4, seed: 3 } as const;
 * const sizes = [...batches(file, { ...options, includeAmbiguous: true })].map((batch) => batch.size);
 * assert.deepEqual(sizes, [4, 4, 2]);
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function* batches(file: DatasetFile, options: BatchOptions): Generator<Batch> {
  const { split, representation, batchSize } = options;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer: received ${batchSize}`);
  }
  const indices = usableIndices(file, split, options.includeAmbiguous);
  const classes = classWindingsOf(file.spec.model);
  const { winding } = file.labels(split);
  const shuffle = options.shuffle ?? split === "train";
  const epochs = options.epochs ?? 1;
  for (let epoch = 0; epoch < epochs && indices.length > 0; epoch++) {
    const order = Array.from(indices);
    if (shuffle) Rng.stream(options.seed ?? 0, "shuffle", split, epoch).shuffle(order);
    for (let start = 0; start < order.length; start += batchSize) {
      const chosen = Int32Array.from(order.slice(start, start + batchSize));
      // Read in ascending order (runs merge), then restore the shuffled order.
      const sorted = Int32Array.from(chosen).sort();
      const data = file.readSamples(split, representation, sorted);
      const floats = data.length / chosen.length;
      const inputs = new Float32Array(data.length);
      const position = new Map(Array.from(sorted, (index, k) => [index, k]));
      chosen.forEach((index, k) =>
        inputs.set(
          data.subarray(position.get(index)! * floats, (position.get(index)! + 1) * floats),
          k * floats,
        )
      );
      const labels = Int32Array.from(chosen, (index) => classes.indexOf(winding[index]));
      yield { inputs, labels, indices: chosen, size: chosen.length };
    }
  }
}
