import { join } from "node:path";
import { createHash } from "node:crypto";
import { catalogSpec, classWindingsOf, loadDataset } from "../data/mod.ts";
import { datasetSource } from "../fit/mod.ts";
import type { Head, InitScheme, TrainableModel } from "../models/architecture.ts";
import type { Representation } from "../data/spec.ts";
import { resolveArchitecture } from "../models/registry.ts";
import { tf } from "../tensor/tf.ts";
import { type TrainingRun, trainModel } from "../train/train.ts";
import { type Augmentation, augmentedSource } from "../train/augment.ts";
import { canonicalJson, readJsonFile, writeAtomic } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";

/** What defines a trained model (and so its cache key). */
export interface TrainingRecipe {
  readonly architecture: string;
  readonly architectureConfig: Record<string, unknown>;
  readonly representation: Representation;
  readonly dataset: string;
  readonly trainWindings?: readonly number[];
  readonly seed: number;
  readonly init: InitScheme;
  /** The output head (absent: the architecture's default). */
  readonly head?: Head;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly targetAccuracy?: number;
  readonly evaluateEvery: number;
  /** Training augmentation; absent: none (and absent from the cache key). */
  readonly augment?: Augmentation;
  /** The tfjs backend actually in use (weights differ across backends). */
  readonly backend: string;
}

/**
 * The run with `stepsToTarget` read off its curve: the first evaluated step whose validation
 * accuracy reached `target` (`null`: never, or no target). The run itself trained to the end of
 * its budget.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { TrainingRun } from "../train/train.ts";
 * import { withStepsToTarget } from "./trained_model.ts";
 *
 * const run = { curves: [{ step: 0, validationAccuracy: 0.5 }, { step: 10, validationAccuracy: 0.995 }, { step: 20, validationAccuracy: 0.98 }] } as unknown as TrainingRun;
 * assert.equal(withStepsToTarget(run, 0.99).stepsToTarget, 10);
 * assert.equal(withStepsToTarget(run, 0.999).stepsToTarget, null);
 * ```
 */
export function withStepsToTarget(run: TrainingRun, target: number | undefined): TrainingRun {
  const reached = target === undefined
    ? undefined
    : run.curves.find((point) => point.validationAccuracy >= target);
  return { ...run, stepsToTarget: reached?.step ?? null, targetAccuracy: target ?? null };
}

/** A trained model with the record of its training. */
export interface TrainedModel {
  readonly model: TrainableModel;
  readonly run: TrainingRun;
  readonly datasetHash: string;
}

/** Trains a recipe elsewhere (the submission sandbox); see {@linkcode setRemoteTrainer}. */
export type RemoteTrainer = (recipe: TrainingRecipe) => Promise<TrainedModel>;

const remoteTrainers = new Map<string, RemoteTrainer>();

/**
 * Routes every training of `architecture` to `trainer` (the submission sandbox: the untrusted
 * code trains in a child process and the studies score its predictions here) until the returned
 * function is called.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setRemoteTrainer, trainedModel } from "./trained_model.ts";
 *
 * const restore = setRemoteTrainer("elsewhere", () => Promise.reject(new Error("remote")));
 * await assert.rejects(trainedModel({
 *   architecture: "elsewhere", architectureConfig: {}, representation: "projector",
 *   dataset: "plain-clean-32", seed: 0, init: { kind: "random" }, steps: 1, batchSize: 1,
 *   learningRate: 1e-3, evaluateEvery: 1, backend: "cpu",
 * }), /remote/);
 * restore();
 * ```
 */
export function setRemoteTrainer(architecture: string, trainer: RemoteTrainer): () => void {
  remoteTrainers.set(architecture, trainer);
  return () => {
    if (remoteTrainers.get(architecture) === trainer) remoteTrainers.delete(architecture);
  };
}

/**
 * The model cache's key of a recipe: SHA-256 of its canonical JSON together with everything else
 * that decides the trained weights and is not in the recipe — the architecture's version, the
 * dataset's content hash, the suite version and the tfjs and Deno versions — so that a model
 * cached by other code is never read back as this code's (a record built from it would not
 * verify). `fullBudget` and `closedFormAlone` keep it apart from models of the early-stopping
 * suite versions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modelCacheKey, type TrainingRecipe } from "./trained_model.ts";
 *
 * const recipe: TrainingRecipe = {
 *   architecture: "mlp", architectureConfig: {}, representation: "amplitudes",
 *   dataset: "plain-clean-32", seed: 0, init: { kind: "random" }, steps: 10, batchSize: 32,
 *   learningRate: 1e-3, evaluateEvery: 5, backend: "cpu",
 * };
 * const key = modelCacheKey(recipe, "1.0.0", "ab12");
 * assert.match(key, /^[0-9a-f]{64}$/);
 * assert.notEqual(modelCacheKey(recipe, "1.1.0", "ab12"), key); // another architecture version
 * assert.notEqual(modelCacheKey(recipe, "1.0.0", "cd34"), key); // another dataset
 * ```
 */
export function modelCacheKey(
  recipe: TrainingRecipe,
  architectureVersion: string,
  datasetHash: string,
): string {
  return createHash("sha256").update(canonicalJson({
    ...recipe,
    fullBudget: true,
    closedFormAlone: true,
    architectureVersion,
    datasetHash,
    suiteVersion: SUITE_VERSION,
    tfjs: tf.version_core,
    deno: Deno.version.deno,
  })).digest("hex");
}

/**
 * Trains the model of a recipe for its full budget (no early stop; a model with a closed-form
 * `fit` runs the fit alone), or loads it from the model cache (`.cache/models/<key>.json`, the
 * key from {@linkcode modelCacheKey}: the variables and the run record) — training is deterministic for a recipe on
 * a backend, so several study cells share one training. `useCache: false` always trains and
 * writes nothing (verification, the submission sandbox).
 */
export async function trainedModel(
  recipe: TrainingRecipe,
  options: { useCache?: boolean; cacheDir?: string } = {},
): Promise<TrainedModel> {
  const remote = remoteTrainers.get(recipe.architecture);
  if (remote) {
    // Elsewhere too the run trains its full budget: the target is left out of what the remote
    // trainer sees (it would stop there) and steps to target are read off the curve.
    const { targetAccuracy, ...untargeted } = recipe;
    const trained = await remote(untargeted);
    return { ...trained, run: withStepsToTarget(trained.run, targetAccuracy) };
  }
  const spec = catalogSpec(recipe.dataset);
  const file = await loadDataset(spec);
  const architecture = resolveArchitecture(recipe.architecture, recipe.architectureConfig);
  const path = join(
    options.cacheDir ?? join(".cache", "models"),
    `${modelCacheKey(recipe, architecture.version, file.hash)}.json`,
  );
  try {
    const plain = datasetSource(file, recipe.representation, {
      trainWindings: recipe.trainWindings,
    });
    const source = recipe.augment === undefined
      ? plain
      : augmentedSource(plain, recipe.augment, recipe.representation);
    const model = architecture.build({
      input: {
        representation: recipe.representation,
        cells: spec.cells,
        shape: [...source.sampleShape],
      },
      classWindings: classWindingsOf(spec.model),
      seed: recipe.seed,
      init: recipe.init,
      ...(recipe.head === undefined ? {} : { head: recipe.head }),
    });
    if (options.useCache ?? true) {
      try {
        const cached = await readJsonFile(path, "trained model") as {
          variables: number[][];
          run: TrainingRun;
        };
        model.variables.forEach((variable, i) =>
          variable.assign(tf.tensor(cached.variables[i], variable.shape))
        );
        return { model, run: cached.run, datasetHash: file.hash };
      } catch { /* not cached (or unreadable): train */ }
    }
    const run = withStepsToTarget(
      await trainModel({
        model,
        source,
        optimizer: { kind: "adam", learningRate: recipe.learningRate },
        // A closed-form fit (ridge baselines) is the whole training: steps after it see a banded
        // loss that is flat at the fit and only the penalty, which Adam turns into a steady
        // shrinking of the weights (ridge-offset-sums: 0.999 → 0.015 on unseen windings after
        // 150 steps). So such a model runs its fit alone (`stepsRun` 0 in its record).
        steps: model.fit ? 0 : recipe.steps,
        batchSize: recipe.batchSize,
        seed: recipe.seed,
        evaluateEvery: recipe.evaluateEvery,
      }),
      recipe.targetAccuracy,
    );
    if (options.useCache ?? true) {
      const variables = await Promise.all(
        model.variables.map(async (variable) => Array.from(await variable.data())),
      );
      await writeAtomic(path, JSON.stringify({ recipe, variables, run }));
    }
    return { model, run, datasetHash: file.hash };
  } finally {
    file.close();
  }
}
