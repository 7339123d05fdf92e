import type { Representation } from "../data/spec.ts";
import type { Batch, TrainingSource } from "../train/source.ts";
import { batches } from "../data/batches.ts";
import type { DatasetFile } from "../data/dataset_file.ts";
import { classWindingsOf } from "../data/sample.ts";

/** Options of {@linkcode datasetSource}. */
export interface DatasetSourceOptions {
  /** Keep ambiguous samples in training and scoring (default false). */
  readonly includeAmbiguous?: boolean;
  /** Score on another dataset's test split (size or disorder transfer); same classes. */
  readonly test?: DatasetFile;
  /** Train and validate only on samples of these windings (the test split keeps all). */
  readonly trainWindings?: readonly number[];
}

/**
 * The training loop's view of a dataset file: endless shuffled training batches streamed from
 * disk (a last partial batch of each epoch dropped), and the validation and test splits in order.
 * Ambiguous samples are excluded unless asked for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec } from "../data/mod.ts";
 * import { datasetSource } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 12, validation: 4, test: 4 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const source = datasetSource(file, "projector");
 * assert.deepEqual(source.sampleShape, [8, 8]);
 * const [batch] = source.trainBatches(4, 1);
 * assert.equal(batch.size, 4);
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function datasetSource(
  file: DatasetFile,
  representation: Representation,
  options: DatasetSourceOptions = {},
): TrainingSource {
  if (!file.spec.representations.includes(representation)) {
    throw new RangeError(
      `Dataset ${file.spec.name} stores ${
        file.spec.representations.join(", ")
      }: received "${representation}"`,
    );
  }
  const includeAmbiguous = options.includeAmbiguous ?? false;
  const testFile = options.test ?? file;
  if (classWindingsOf(testFile.spec.model).join() !== classWindingsOf(file.spec.model).join()) {
    throw new RangeError(
      `Test dataset ${testFile.spec.name} has other classes than ${file.spec.name}`,
    );
  }
  const classes = classWindingsOf(file.spec.model);
  const keep = options.trainWindings;
  if (keep && !keep.every((winding) => classes.includes(winding))) {
    throw new RangeError(`trainWindings [${keep}] must be among the classes [${classes}]`);
  }
  const only = (stream: Iterable<Batch>): Iterable<Batch> =>
    keep ? filter(stream, keep.map((w) => classes.indexOf(w))) : stream;
  const ordered = (source: DatasetFile, split: "validation" | "test", batchSize: number) =>
    batches(source, { split, representation, batchSize, includeAmbiguous, shuffle: false });
  const source: TrainingSource = {
    sampleShape: file.sampleShape(representation),
    classWindings: classWindingsOf(file.spec.model),
    *trainBatches(batchSize: number, seed: number): Iterable<Batch> {
      const stream = batches(file, {
        split: "train",
        representation,
        batchSize,
        seed,
        includeAmbiguous,
        epochs: Infinity,
      });
      if (!keep) {
        for (const batch of stream) if (batch.size === batchSize) yield batch;
        return;
      }
      // Refill full batches from the kept samples of consecutive raw batches.
      const features = source.sampleShape.reduce((product, extent) => product * extent, 1);
      let inputs: number[][] = [];
      let labels: number[] = [];
      for (const batch of only(stream)) {
        for (let k = 0; k < batch.size; k++) {
          inputs.push(Array.from(batch.inputs.subarray(k * features, (k + 1) * features)));
          labels.push(batch.labels[k]);
          if (labels.length === batchSize) {
            yield {
              inputs: Float32Array.from(inputs.flat()),
              labels: Int32Array.from(labels),
              size: batchSize,
            };
            inputs = [];
            labels = [];
          }
        }
      }
    },
    validation: (batchSize) => only(ordered(file, "validation", batchSize)),
    test: (batchSize) => ordered(testFile, "test", batchSize),
  };
  return source;
}

function* filter(stream: Iterable<Batch>, keep: readonly number[]): Generator<Batch> {
  for (const batch of stream) {
    const chosen: number[] = [];
    for (let k = 0; k < batch.size; k++) if (keep.includes(batch.labels[k])) chosen.push(k);
    if (chosen.length === 0) continue;
    const features = batch.inputs.length / batch.size;
    const inputs = new Float32Array(chosen.length * features);
    chosen.forEach((k, n) =>
      inputs.set(batch.inputs.subarray(k * features, (k + 1) * features), n * features)
    );
    yield {
      inputs,
      labels: Int32Array.from(chosen, (k) => batch.labels[k]),
      size: chosen.length,
    };
  }
}
