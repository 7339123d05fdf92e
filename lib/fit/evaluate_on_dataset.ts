import { batches, classWindingsOf, type DatasetFile, type DatasetSpec } from "../data/mod.ts";
import type { Representation } from "../data/spec.ts";
import type { TrainableModel } from "../models/architecture.ts";
import { evaluateModel } from "../train/metrics.ts";

/** A trained model's score on one more dataset's test split (`train --eval`). */
export interface DatasetEvaluation {
  /** Fraction of the scored samples classified correctly. */
  readonly accuracy: number;
  /** Accuracy per class winding; `null` where the test split has none of the class. */
  readonly perClassAccuracy: Readonly<Record<string, number | null>>;
  /** Samples scored (the test split without its ambiguous samples). */
  readonly samples: number;
  /** Ambiguous test samples, left out of the score. */
  readonly ambiguous: number;
}

/** What {@linkcode evaluateOnDataset} needs besides the model and the file. */
export interface EvaluateOnDatasetOptions {
  readonly representation: Representation;
  /** The class windings the model was built for. */
  readonly classWindings: readonly number[];
  /** The input shape the model was built for, without the batch axis. */
  readonly sampleShape: readonly number[];
  /** Whether the architecture applies to chains of any size. */
  readonly sizeAgnostic: boolean;
  readonly batchSize?: number;
}

/**
 * Why a model of `options` cannot be scored on a dataset of `spec`, or `null` where it can: other
 * class windings, a representation the dataset does not store, or another size for an
 * architecture that is not size-agnostic. Checked before training (`train --eval`) and again by
 * {@linkcode evaluateOnDataset}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec } from "../data/mod.ts";
 * import { evaluationProblem } from "./evaluate_on_dataset.ts";
 *
 * const options = {
 *   representation: "amplitudes", classWindings: [0, 1], cells: 32, sizeAgnostic: false,
 * } as const;
 * assert.equal(evaluationProblem(catalogSpec("plain-disorder-32"), options), null);
 * assert.match(evaluationProblem(catalogSpec("plain-clean-64"), options)!, /64 cells and the model is built for one size/);
 * ```
 */
export function evaluationProblem(
  spec: DatasetSpec,
  model: Pick<EvaluateOnDatasetOptions, "representation" | "classWindings" | "sizeAgnostic"> & {
    /** Unit cells of the chains the model was built for. */
    readonly cells: number;
    /** The architecture's name, for the message. */
    readonly name?: string;
  },
): string | null {
  const classes = classWindingsOf(spec.model);
  if (classes.join() !== model.classWindings.join()) {
    return `its classes [${classes}] differ from the model's [${model.classWindings}]`;
  }
  if (!spec.representations.includes(model.representation)) {
    return `it stores ${spec.representations.join(", ")}, not "${model.representation}"`;
  }
  if (spec.cells !== model.cells && !model.sizeAgnostic) {
    return `it has ${spec.cells} cells and ${
      model.name ?? "the model"
    } is built for one size (${model.cells})`;
  }
  return null;
}

/**
 * Scores a built model on the test split of `file` (ambiguous samples left out and counted).
 * Throws `RangeError` where the dataset cannot be scored by this model: other classes, a
 * representation it does not store, another sample shape for a size-bound architecture (a
 * size-agnostic one is applied through `resize`, the same weights), or no
 * scorable test sample.
 *
 * @example The exact network, built at 16 cells, scores a 32-cell set through `resize`
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec } from "../data/mod.ts";
 * import { topo } from "../models/topo.ts";
 * import { evaluateOnDataset } from "./evaluate_on_dataset.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 32, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 0, validation: 0, test: 12 }, seed: 1, representations: ["amplitudes"],
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const model = topo().build({
 *   input: { representation: "amplitudes", cells: 16, shape: [16, 32] },
 *   classWindings: [0, 1], seed: 1, init: { kind: "exact" },
 * });
 * const scores = await evaluateOnDataset(model, file, {
 *   representation: "amplitudes", classWindings: [0, 1], sampleShape: [16, 32], sizeAgnostic: true,
 * });
 * assert.equal(scores.accuracy, 1);
 * assert.equal(scores.samples + scores.ambiguous, 12);
 * model.dispose();
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export async function evaluateOnDataset(
  model: TrainableModel,
  file: DatasetFile,
  options: EvaluateOnDatasetOptions,
): Promise<DatasetEvaluation> {
  const { spec } = file;
  const classes = classWindingsOf(spec.model);
  const problem = evaluationProblem(spec, { ...options, cells: options.sampleShape[0] });
  if (problem) throw new RangeError(`Cannot evaluate on ${spec.name}: ${problem}`);
  const shape = file.sampleShape(options.representation);
  const sameShape = shape.join() === options.sampleShape.join();
  if (!sameShape && (!options.sizeAgnostic || !model.resize)) {
    throw new RangeError(
      `Cannot evaluate on ${spec.name}: samples of shape [${shape}] for a model built for [${options.sampleShape}] (the architecture is not size-agnostic)`,
    );
  }
  const labels = file.labels("test");
  const ambiguous = labels.ambiguous.reduce((sum, flag) => sum + (flag ? 1 : 0), 0);
  if (labels.winding.length - ambiguous === 0) {
    throw new RangeError(`Cannot evaluate on ${spec.name}: its test split has no scorable sample`);
  }
  // A size-agnostic model is applied to another size through its resized twin (same weights).
  const applied = sameShape ? model : model.resize!({
    representation: options.representation,
    cells: spec.cells,
    shape: [...shape],
  });
  let metrics;
  try {
    metrics = await evaluateModel(
      applied,
      batches(file, {
        split: "test",
        representation: options.representation,
        batchSize: options.batchSize ?? 256,
        shuffle: false,
      }),
      shape,
      classes,
    );
  } finally {
    if (applied !== model) applied.dispose();
  }
  return {
    accuracy: metrics.accuracy,
    perClassAccuracy: metrics.perClassAccuracy,
    samples: metrics.samples,
    ambiguous,
  };
}
