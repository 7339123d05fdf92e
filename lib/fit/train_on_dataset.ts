import {
  batches,
  catalogSpec,
  classWindingsOf,
  type DatasetFile,
  type DatasetSpec,
  loadDataset,
} from "../data/mod.ts";
import {
  type DatasetEvaluation,
  evaluateOnDataset,
  type EvaluateOnDatasetOptions,
  evaluationProblem,
} from "./evaluate_on_dataset.ts";
import { datasetSource } from "./dataset_source.ts";
import type { Head, InitScheme, TrainableModel } from "../models/architecture.ts";
import type { Representation } from "../data/spec.ts";
import { resolveArchitecture } from "../models/registry.ts";
import { SUITE_VERSION } from "../version.ts";
import type { BackendChoice } from "../tensor/backends.ts";
import { selectBackend } from "../tensor/backend.ts";
import type { CurvePoint } from "../train/diagnostics.ts";
import type { OptimizerConfig } from "../train/optimizer.ts";
import { tf } from "../tensor/tf.ts";
import { type TrainingRun, trainModel } from "../train/train.ts";
import { evaluateModel } from "../train/metrics.ts";
import type { TrainingSource } from "../train/source.ts";
import { activeBackend } from "../tensor/backend.ts";
import { type Augmentation, augmentedSource, checkAugmentation } from "../train/augment.ts";

/** One training cell: an architecture on a catalog dataset. */
export interface TrainOnDatasetOptions {
  readonly architecture: string;
  readonly architectureConfig?: Record<string, unknown>;
  readonly dataset: string;
  /** Default: amplitudes where the architecture takes them, else its first representation. */
  readonly representation?: Representation;
  readonly init?: InitScheme;
  /** Training augmentation (amplitudes only); absent: none. */
  readonly augment?: Augmentation;
  /** The output head (default: the architecture's `defaultHead`, else `class`). */
  readonly head?: Head;
  readonly steps: number;
  readonly seed: number;
  readonly backend?: BackendChoice;
  readonly batchSize?: number;
  readonly optimizer?: OptimizerConfig;
  readonly targetAccuracy?: number;
  readonly evaluateEvery?: number;
  readonly cacheDir?: string;
  readonly onProgress?: (point: CurvePoint, steps: number) => void;
  /**
   * Datasets to score the trained model on afterwards (their test splits), by spec: catalog
   * entries or spec files (`train --eval`). Names must differ.
   */
  readonly evaluate?: readonly DatasetSpec[];
}

/** The result of one cell: the headline metrics, the full run and what produced it. */
export interface TrainOnDatasetResult {
  readonly testAccuracy: number;
  readonly perClassAccuracy: Readonly<Record<string, number | null>>;
  readonly loss: number;
  readonly samplesPerSecond: number | null;
  readonly parameters: number;
  readonly backend: TrainingRun["backend"];
  /** Exact-invariant architectures: max |ν_net − RSWN| over the scored test samples. */
  readonly maxInvariantError?: number;
  /** With `evaluate`: the score on each dataset's test split, by dataset name. */
  readonly evaluations?: Readonly<Record<string, DatasetEvaluation>>;
  readonly architecture: {
    readonly name: string;
    readonly version: string;
    readonly config: Record<string, unknown>;
  };
  readonly dataset: { readonly name: string; readonly hash: string; readonly cells: number };
  readonly representation: Representation;
  readonly init: InitScheme;
  /** The augmentation trained with, where one was. */
  readonly augment?: Augmentation;
  /** The head the model was built with. */
  readonly head: Head;
  readonly suiteVersion: string;
  readonly run: TrainingRun;
}

/**
 * Trains (or with `steps: 0` only evaluates) one architecture on one catalog dataset, on the
 * chosen backend, and reports the headline metrics with the run's record and provenance.
 *
 * @example Evaluating the exact-invariant network at its exact weights
 * ```ts ignore
 * const result = await trainOnDataset({
 *   architecture: "topo", dataset: "plain-clean-32", init: { kind: "exact" }, steps: 0, seed: 1,
 * });
 * console.log(result.testAccuracy, result.maxInvariantError);
 * ```
 */
export async function trainOnDataset(
  options: TrainOnDatasetOptions,
): Promise<TrainOnDatasetResult> {
  const config = options.architectureConfig ?? {};
  const architecture = resolveArchitecture(options.architecture, config);
  const spec = catalogSpec(options.dataset);
  const representation = options.representation ??
    (architecture.representations.includes("amplitudes")
      ? "amplitudes"
      : architecture.representations[0]);
  if (!architecture.representations.includes(representation)) {
    throw new RangeError(
      `Architecture ${architecture.name} accepts ${
        architecture.representations.join(", ")
      }: received "${representation}"`,
    );
  }
  // Datasets named for evaluation are checked before any training step is spent.
  for (const evaluated of options.evaluate ?? []) {
    const problem = evaluationProblem(evaluated, {
      representation,
      classWindings: classWindingsOf(spec.model),
      cells: spec.cells,
      sizeAgnostic: architecture.sizeAgnostic,
      name: architecture.name,
    });
    if (problem) throw new RangeError(`Cannot evaluate on ${evaluated.name}: ${problem}`);
  }

  const { train, validation, test } = spec.splits;
  const evaluationOnly = train === 0 || validation === 0;
  if (evaluationOnly && options.steps > 0) {
    throw new RangeError(
      `Dataset ${spec.name} is for evaluation only (splits: train ${train}, validation ${validation}, test ${test}): it cannot be trained on; train on a dataset with train and validation splits and score this one with --eval ${spec.name}, or pass --steps 0`,
    );
  }
  const init = options.init ?? { kind: "random" };
  if (options.augment !== undefined) checkAugmentation(options.augment, representation);
  await selectBackend(options.backend ?? "auto");
  const file = await loadDataset(spec, { cacheDir: options.cacheDir });
  let model: TrainableModel | undefined;
  try {
    const plain = datasetSource(file, representation);
    const source = options.augment === undefined
      ? plain
      : augmentedSource(plain, options.augment, representation);
    model = architecture.build({
      input: { representation, cells: spec.cells, shape: [...source.sampleShape] },
      classWindings: classWindingsOf(spec.model),
      seed: options.seed,
      init,
      ...(options.head === undefined ? {} : { head: options.head }),
    });
    const run = evaluationOnly ? await evaluateOnly(model, source, options) : await trainModel({
      model,
      source,
      optimizer: options.optimizer ?? { kind: "adam", learningRate: 1e-3 },
      steps: options.steps,
      batchSize: options.batchSize ?? 128,
      seed: options.seed,
      targetAccuracy: options.targetAccuracy,
      evaluateEvery: options.evaluateEvery ?? Math.max(1, Math.min(100, options.steps)),
      onProgress: (point) => options.onProgress?.(point, options.steps),
    });
    const maxInvariantError = model.invariant
      ? await measureInvariantError(model, file, representation)
      : undefined;
    const evaluations = options.evaluate === undefined ? undefined : await evaluateEach(
      model,
      options.evaluate,
      {
        representation,
        classWindings: classWindingsOf(spec.model),
        sampleShape: source.sampleShape,
        sizeAgnostic: architecture.sizeAgnostic,
      },
      options.cacheDir,
    );
    return {
      testAccuracy: run.test.accuracy,
      perClassAccuracy: run.test.perClassAccuracy,
      loss: run.test.loss,
      samplesPerSecond: run.samplesPerSecond,
      parameters: run.parameters,
      backend: run.backend,
      ...(maxInvariantError === undefined ? {} : { maxInvariantError }),
      ...(evaluations === undefined ? {} : { evaluations }),
      architecture: { name: architecture.name, version: architecture.version, config },
      dataset: { name: spec.name, hash: file.hash, cells: spec.cells },
      representation,
      init,
      ...(options.augment === undefined ? {} : { augment: options.augment }),
      head: model.head ?? "class",
      suiteVersion: SUITE_VERSION,
      run,
    };
  } finally {
    model?.dispose();
    file.close();
  }
}

/** The run of `--steps 0` on an evaluation-only dataset: the test split scored, nothing trained. */
async function evaluateOnly(
  model: TrainableModel,
  source: TrainingSource,
  options: TrainOnDatasetOptions,
): Promise<TrainingRun> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 128;
  const test = await evaluateModel(
    model,
    source.test(batchSize),
    source.sampleShape,
    source.classWindings,
  );
  return {
    stepsRequested: 0,
    stepsRun: 0,
    stepsToTarget: null,
    targetAccuracy: null,
    batchSize,
    seed: options.seed,
    optimizer: options.optimizer ?? { kind: "adam", learningRate: 1e-3 },
    curves: [],
    gradientNorms: [],
    ...(model.distanceFromExact ? { distanceFromExact: [] } : {}),
    validation: null,
    test,
    parameters: model.parameterCount(),
    samplesPerSecond: null,
    trainSeconds: 0,
    wallSeconds: (performance.now() - started) / 1000,
    backend: activeBackend(),
  };
}

async function evaluateEach(
  model: TrainableModel,
  specs: readonly DatasetSpec[],
  options: EvaluateOnDatasetOptions,
  cacheDir: string | undefined,
): Promise<Record<string, DatasetEvaluation>> {
  const evaluations: Record<string, DatasetEvaluation> = {};
  for (const evaluated of specs) {
    if (evaluated.name in evaluations) {
      throw new RangeError(`Dataset "${evaluated.name}" is evaluated twice: give each name once`);
    }
    const file = await loadDataset(evaluated, { cacheDir });
    try {
      evaluations[evaluated.name] = await evaluateOnDataset(model, file, options);
    } finally {
      file.close();
    }
  }
  return evaluations;
}

async function measureInvariantError(
  model: TrainableModel,
  file: DatasetFile,
  representation: Representation,
): Promise<number> {
  const rswn = file.labels("test").realSpaceWinding;
  const shape = file.sampleShape(representation);
  let worst = 0;
  for (const batch of batches(file, { split: "test", representation, batchSize: 256 })) {
    const x = tf.tensor(batch.inputs, [batch.size, ...shape]);
    const nu = model.invariant!(x);
    const values = await nu.data();
    tf.dispose([x, nu]);
    batch.indices.forEach((index, k) => {
      worst = Math.max(worst, Math.abs(values[k] - rswn[index]));
    });
  }
  return worst;
}
