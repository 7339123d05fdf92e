// What the parent hands the sandboxed child, in a folder it creates: the submission's code under
// a fixed name, the training and validation inputs with their labels (as the recipe allows), and
// the evaluation inputs — every test split the cell scores — without labels. The labels of the
// evaluation inputs stay in the parent. A study's evaluation views (the gauge study's random
// sign) are staged as further sets of the same dataset, so the child is asked about them too.
// The onnx track trains nothing: its child gets the validation and evaluation inputs and no
// label at all.
import { join } from "node:path";
import {
  batches,
  catalogSpec,
  classWindingsOf,
  type DatasetFile,
  loadDataset,
} from "../data/mod.ts";
import type { Representation } from "../data/spec.ts";
import type { Head, InitScheme } from "../models/architecture.ts";
import type { StudyCell } from "../records/schema.ts";
import type { TrainingRecipe } from "../studies/trained_model.ts";
import { selectStudies } from "../studies/studies.ts";
import type { BackendName } from "../tensor/backends.ts";
import type { SubmissionInfo } from "./info.ts";
import type { SubmissionTrack } from "../records/submission_tracks.ts";

/** One set of evaluation inputs (a test split, ambiguous samples included). */
export interface EvaluationSet {
  readonly id: string;
  readonly dataset: string;
  readonly cells: number;
  readonly shape: readonly number[];
  readonly samples: number;
  /** The inputs' file in the staging folder (float32, row-major). */
  readonly file: string;
}

/** The job file (`job.json`) the child reads. */
export interface SandboxJob {
  readonly track: SubmissionTrack;
  readonly module: string;
  readonly info: Pick<
    SubmissionInfo,
    "name" | "representations" | "sizeAgnostic" | "exactInvariant"
  >;
  readonly parameterLimit: number;
  readonly backend: BackendName;
  readonly representation: Representation;
  readonly cells: number;
  readonly sampleShape: readonly number[];
  readonly classWindings: readonly number[];
  /** The output head the cell asks for: `integer` models send ν̂ `[batch, 1]`, not logits. */
  readonly head: Head;
  /**
   * The columns of each prediction the child sends: the classes (`classWindings`), 1 for an
   * integer head, and for the onnx track's class output its own windings' count.
   */
  readonly outputColumns: number;
  /** The onnx track's class output: the winding of each logit column (else `classWindings`). */
  readonly modelWindings: readonly number[];
  readonly seed: number;
  readonly init: InitScheme;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly evaluateEvery: number;
  readonly trainSamples: number;
  readonly validationSamples: number;
  readonly evaluations: readonly EvaluationSet[];
}

/** What the parent keeps: the validation split with labels, and each set's inputs. */
export interface StagedData {
  readonly job: SandboxJob;
  readonly datasetHash: string;
  readonly validation: { readonly inputs: Float32Array; readonly labels: Int32Array };
  readonly inputs: ReadonlyMap<string, Float32Array>;
}

/** The samples of a split as arrays (ambiguous ones and other windings as asked). */
function splitArrays(
  file: DatasetFile,
  split: "train" | "validation" | "test",
  representation: Representation,
  includeAmbiguous: boolean,
  keep?: readonly number[],
): { inputs: Float32Array; labels: Int32Array } {
  const classes = classWindingsOf(file.spec.model);
  const kept = keep?.map((winding) => classes.indexOf(winding));
  const features = file.sampleShape(representation).reduce((a, b) => a * b, 1);
  const inputs: Float32Array[] = [];
  const labels: number[] = [];
  for (
    const batch of batches(file, {
      split,
      representation,
      batchSize: 1024,
      includeAmbiguous,
      shuffle: false,
    })
  ) {
    for (let k = 0; k < batch.size; k++) {
      if (kept && !kept.includes(batch.labels[k])) continue;
      inputs.push(batch.inputs.slice(k * features, (k + 1) * features));
      labels.push(batch.labels[k]);
    }
  }
  const out = new Float32Array(inputs.length * features);
  inputs.forEach((row, i) => out.set(row, i * features));
  return { inputs: out, labels: Int32Array.from(labels) };
}

const bytes = (array: Float32Array | Int32Array) =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * Writes the data of one training recipe into `staging` (which already holds the code under
 * `code/`) and returns the job and what the parent keeps.
 */
export async function stageData(
  staging: string,
  recipe: TrainingRecipe,
  cell: StudyCell,
  info: SubmissionInfo,
  parameterLimit: number,
  module: string,
  backend: BackendName,
): Promise<StagedData> {
  const spec = catalogSpec(recipe.dataset);
  const file = await loadDataset(spec);
  const inputs = new Map<string, Float32Array>();
  const evaluations: EvaluationSet[] = [];
  let validation;
  let datasetHash;
  let trainSamples;
  let sampleShape;
  try {
    datasetHash = file.hash;
    sampleShape = [...file.sampleShape(recipe.representation)];
    validation = splitArrays(
      file,
      "validation",
      recipe.representation,
      false,
      recipe.trainWindings,
    );
    await Deno.writeFile(join(staging, "validation.f32"), bytes(validation.inputs));
    if (info.track === "onnx") trainSamples = 0; // trained elsewhere: no training data, no labels
    else {
      const train = splitArrays(file, "train", recipe.representation, false, recipe.trainWindings);
      trainSamples = train.labels.length;
      await Deno.writeFile(join(staging, "train.f32"), bytes(train.inputs));
      await Deno.writeFile(join(staging, "train.i32"), bytes(train.labels));
      await Deno.writeFile(join(staging, "validation.i32"), bytes(validation.labels));
    }
  } finally {
    file.close();
  }
  const names = [...new Set([recipe.dataset, ...cell.testDatasets])];
  const views = (selectStudies([cell.study])[0].evaluationViews ?? []).filter((view) =>
    view.representation === recipe.representation
  );
  for (const [index, name] of names.entries()) {
    const other = await loadDataset(catalogSpec(name));
    try {
      if (!other.spec.representations.includes(recipe.representation)) continue;
      if (classWindingsOf(other.spec.model).join() !== classWindingsOf(spec.model).join()) continue;
      const test = splitArrays(other, "test", recipe.representation, true);
      const shape = [...other.sampleShape(recipe.representation)];
      const sets = [
        { id: `test-${index}`, inputs: test.inputs },
        ...views.map((view) => ({
          id: `test-${index}-${view.name}`,
          inputs: view.apply(test.inputs, shape),
        })),
      ];
      for (const set of sets) {
        await Deno.writeFile(join(staging, `${set.id}.f32`), bytes(set.inputs));
        inputs.set(set.id, set.inputs);
        evaluations.push({
          id: set.id,
          dataset: name,
          cells: other.spec.cells,
          shape,
          samples: test.labels.length,
          file: `${set.id}.f32`,
        });
      }
    } finally {
      other.close();
    }
  }
  const head = recipe.head ?? "class";
  const classWindings = classWindingsOf(spec.model);
  const modelWindings = info.track === "onnx" && head === "class"
    ? info.classWindings ?? []
    : classWindings;
  const job: SandboxJob = {
    track: info.track,
    module,
    info: {
      name: info.name,
      representations: info.representations,
      sizeAgnostic: info.sizeAgnostic,
      exactInvariant: info.exactInvariant,
    },
    parameterLimit,
    backend,
    representation: recipe.representation,
    cells: spec.cells,
    sampleShape,
    classWindings,
    head,
    outputColumns: head === "integer" ? 1 : modelWindings.length,
    modelWindings,
    seed: recipe.seed,
    init: recipe.init,
    steps: recipe.steps,
    batchSize: recipe.batchSize,
    learningRate: recipe.learningRate,
    evaluateEvery: recipe.evaluateEvery,
    trainSamples,
    validationSamples: validation.labels.length,
    evaluations,
  };
  await Deno.writeTextFile(join(staging, "job.json"), JSON.stringify(job));
  return { job, datasetHash, validation, inputs };
}
