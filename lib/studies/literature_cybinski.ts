import { createHash } from "node:crypto";
import { z } from "zod";
import {
  chainRepresentation,
  CYBINSKI_SPECS,
  cybinskiOpenChain,
  type CybinskiPart,
  cybinskiPart,
  type CybinskiSample,
  type CybinskiSpec,
  type Representation,
} from "../data/mod.ts";
import { canonicalJson } from "../io/mod.ts";
import { cybinskiCnn, type CybinskiModel } from "../models/mod.ts";
import type { TrainableModel } from "../models/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { Rng } from "../rng.ts";
import { tf } from "../tensor/tf.ts";
import { arraySource, trainModel } from "../train/mod.ts";
import {
  learningRateOf,
  notApplicable,
  profileSeeds,
  PROTOCOL_PROFILES,
  PROTOCOL_SEEDS,
  PROTOCOL_STEPS,
  protocolCell,
} from "./_cells.ts";
import { bootstrapInterval, whereTheirsFalls, wilsonInterval } from "./confidence_interval.ts";
import { formatMetric } from "./format_metric.ts";
import { predictArrays } from "./predict.ts";
import type { Profile } from "./profiles.ts";
import type { FigureSpec, TableSpec } from "./figure_spec.ts";
import type { CellOutcome, Study, TypedRecord } from "./study.ts";

/** Cybiński et al.'s published numbers (MLST 2025, 100 CNNs; notebook 06_100_cnns_analysis). */
export const CYBINSKI_PUBLISHED = {
  networks: 100,
  generalizingFraction: 0.22,
  generalizing: { idAccuracy: [0.947, 0.019], oodAccuracy: [0.860, 0.030] },
  notGeneralizing: { idAccuracy: [0.970, 0.023], oodAccuracy: [0.61, 0.10] },
  oodMean: 0.662,
  oodMedian: 0.607,
  oodRange: [0.49, 0.92],
} as const;

/** Their threshold: a network generalizes where its phase-diagram RMSE is below 0.2. */
export const RMSE_THRESHOLD = 0.2;

/** Their training recipe (parameters.txt of their 100-CNN run), epochs scaled per profile. */
export interface CybinskiRecipe {
  /** `sgd`: theirs (momentum, weight decay); `adam`: the suite's (β 0.9, 0.999; no decay), an ablation. */
  readonly optimizer: "sgd" | "adam";
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly batchSize: number;
  readonly maxEpochs: number;
  /** Early stopping: no stop before this epoch (theirs 100). */
  readonly warmup: number;
  /** Early stopping: epochs without an improvement larger than `tolerance` (theirs 10, 0.005). */
  readonly patience: number;
  readonly tolerance: number;
}

/** Their recipe per profile, with the number of their CNNs a profile trains. */
export const RECIPES: Record<Profile["name"], CybinskiRecipe & { networks: number }> = {
  tiny: { ...base(), maxEpochs: 2, warmup: 1, patience: 1, networks: 2 },
  // the default bench (≤ 5 min on 2 cores, everything else included): 2 networks, 6 epochs
  quick: { ...base(), maxEpochs: 6, warmup: 3, patience: 2, networks: 2 },
  // ~0.9 s per step of batch 64 on wasm here (2 shared cores, noisy): 4 × 15 × 24 steps ≈ 20 min
  standard: { ...base(), maxEpochs: 15, warmup: 10, patience: 5, networks: 4 },
  full: { ...base(), maxEpochs: 1000, warmup: 100, patience: 10, networks: 100 },
};

function base() {
  return {
    optimizer: "sgd" as const,
    learningRate: 1e-4,
    momentum: 0.9,
    weightDecay: 0.1,
    batchSize: 64,
    tolerance: 0.005,
  };
}

/**
 * Their warm-up in updates: 100 epochs of their 5,000 clean and 2 × 500 augmented chains in
 * batches of 64 (94 per epoch), 9,400 updates before early stopping may end a run.
 */
export const THEIR_WARMUP_UPDATES: number = (() => {
  const { sizes } = CYBINSKI_SPECS.find((spec) => spec.name === "cybinski-50-full")!;
  const perEpoch = Math.ceil((sizes.train + 2 * sizes.augmented) / RECIPES.full.batchSize);
  return RECIPES.full.warmup * perEpoch;
})();

/**
 * Their recipe with their budget in updates on a smaller training set (the cell variant
 * `budget=theirs`, an ablation not in any profile's cells: `examples/cybinski_budget_experiment.ts`):
 * no early stop before {@linkcode THEIR_WARMUP_UPDATES} updates, then their patience (10 epochs
 * without an improvement of 0.005), and at most that many epochs more: a cap of ours, not theirs
 * (their 1,000-epoch cap would be ~94,000 updates on this set), so a run that still improves
 * stops at `warmup + patience` epochs and says so in its `epochs`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { theirBudgetRecipe, THEIR_WARMUP_UPDATES } from "./literature_cybinski.ts";
 *
 * assert.equal(THEIR_WARMUP_UPDATES, 9400);
 * const recipe = theirBudgetRecipe(1500); // the standard set: 24 batches of 64 per epoch
 * assert.equal(recipe.warmup, 392);
 * assert.equal(recipe.maxEpochs, recipe.warmup + recipe.patience);
 * ```
 */
export function theirBudgetRecipe(trainSamples: number): CybinskiRecipe {
  const full = RECIPES.full;
  const warmup = Math.ceil(THEIR_WARMUP_UPDATES / Math.ceil(trainSamples / full.batchSize));
  // A cap of ours: their 1,000 epochs would be ~94,000 updates on this set, hours per network.
  return { ...full, warmup, maxEpochs: warmup + full.patience };
}

/** The dataset of a profile (tiny, quick, standard, full sizes). */
export function cybinskiSpecOf(profile: Profile["name"]): CybinskiSpec {
  return CYBINSKI_SPECS.find((spec) => spec.name === `cybinski-50-${profile}`)!;
}

/** What a phase-diagram score reports. */
export interface DiagramScore {
  /** Share of diagram samples whose prediction equals the label. */
  readonly accuracy: number;
  /** √(mean over diagram points of (mean prediction − mean label)²), over realizations. */
  readonly rmse: number;
}

/**
 * Their out-of-distribution score of one network: accuracy over every sample of the phase
 * diagram, and the RMSE between the predicted and the true phase diagrams, each diagram point
 * the mean over its disorder realizations (`point[i]` names the point of sample i).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diagramScore } from "./literature_cybinski.ts";
 *
 * const labels = [0, 0, 1, 1];
 * assert.deepEqual(diagramScore(labels, labels, [0, 0, 1, 1]), { accuracy: 1, rmse: 0 });
 * assert.deepEqual(diagramScore(labels, [0, 0, 0, 0], [0, 0, 1, 1]), { accuracy: 0.5, rmse: Math.sqrt(0.5) });
 * ```
 */
export function diagramScore(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  point: ArrayLike<number>,
): DiagramScore {
  if (
    labels.length === 0 || labels.length !== predictions.length || labels.length !== point.length
  ) {
    throw new RangeError(
      `labels, predictions and points must have one equal, non-zero length: received ${labels.length}, ${predictions.length}, ${point.length}`,
    );
  }
  const sums = new Map<number, { truth: number; predicted: number; count: number }>();
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === predictions[i]) correct++;
    const entry = sums.get(point[i]) ?? { truth: 0, predicted: 0, count: 0 };
    entry.truth += labels[i];
    entry.predicted += predictions[i];
    entry.count++;
    sums.set(point[i], entry);
  }
  let squares = 0;
  for (const { truth, predicted, count } of sums.values()) {
    squares += ((predicted - truth) / count) ** 2;
  }
  return { accuracy: correct / labels.length, rmse: Math.sqrt(squares / sums.size) };
}

/** One network's numbers, as the 100-network statistic reads them. */
export interface NetworkScore {
  readonly idAccuracy: number;
  readonly oodAccuracy: number;
  readonly rmse: number;
}

/** Mean and sample standard deviation (0 for one value), or null for none. */
function meanSd(values: readonly number[]): [number, number] | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const variance = values.length < 2
    ? 0
    : values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1);
  return [mean, Math.sqrt(variance)];
}

/** The population statistic of Cybiński et al. over trained networks. */
export interface PopulationSummary {
  readonly networks: number;
  readonly generalizingFraction: number;
  readonly oodMean: number;
  readonly oodMedian: number;
  readonly oodRange: readonly [number, number];
  /** Mean and standard deviation of each group's in- and out-of-distribution accuracy. */
  readonly generalizing: {
    readonly idAccuracy: number[] | null;
    readonly oodAccuracy: number[] | null;
  };
  readonly notGeneralizing: {
    readonly idAccuracy: number[] | null;
    readonly oodAccuracy: number[] | null;
  };
}

/**
 * Their 100-network statistic: the share of networks with RMSE below {@linkcode RMSE_THRESHOLD}
 * (they generalize), the mean, median and range of the out-of-distribution accuracy, and the
 * mean ± standard deviation of in- and out-of-distribution accuracy of each group.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { populationSummary } from "./literature_cybinski.ts";
 *
 * const summary = populationSummary([
 *   { idAccuracy: 1, oodAccuracy: 0.9, rmse: 0.1 },
 *   { idAccuracy: 1, oodAccuracy: 0.5, rmse: 0.5 },
 *   { idAccuracy: 0.9, oodAccuracy: 0.6, rmse: 0.4 },
 * ]);
 * assert.equal(summary.generalizingFraction, 1 / 3);
 * assert.equal(summary.oodMedian, 0.6);
 * assert.deepEqual(summary.oodRange, [0.5, 0.9]);
 * ```
 */
export function populationSummary(networks: readonly NetworkScore[]): PopulationSummary {
  if (networks.length === 0) throw new RangeError("populationSummary needs at least one network");
  const ood = networks.map((n) => n.oodAccuracy).sort((a, b) => a - b);
  const middle = Math.floor(ood.length / 2);
  const median = ood.length % 2 ? ood[middle] : (ood[middle - 1] + ood[middle]) / 2;
  const group = (keep: (n: NetworkScore) => boolean) => {
    const members = networks.filter(keep);
    return {
      idAccuracy: meanSd(members.map((n) => n.idAccuracy)),
      oodAccuracy: meanSd(members.map((n) => n.oodAccuracy)),
    };
  };
  return {
    networks: networks.length,
    generalizingFraction: networks.filter((n) => n.rmse < RMSE_THRESHOLD).length / networks.length,
    oodMean: ood.reduce((s, x) => s + x, 0) / ood.length,
    oodMedian: median,
    oodRange: [ood[0], ood[ood.length - 1]],
    generalizing: group((n) => n.rmse < RMSE_THRESHOLD),
    notGeneralizing: group((n) => n.rmse >= RMSE_THRESHOLD),
  };
}

/** The metrics of a Cybiński cell (both Cybiński studies). */
export const cybinskiMetrics = z.object({
  idAccuracy: z.number(),
  oodAccuracy: z.number(),
  rmse: z.number(),
  generalizes: z.boolean(),
  epochs: z.number(),
  /** The training recipe: theirs, the Adam ablation of their CNN, or the suite's. */
  recipe: z.string(),
  /** The input the architecture read: their image, or the squared positive-energy states. */
  input: z.string(),
  /** Accuracy per disorder strength W of the diagram (mean over v and realizations). */
  accuracyByDisorder: z.array(z.tuple([z.number(), z.number()])),
});

/** What a Cybiński cell records. */
export type CybinskiMetrics = z.infer<typeof cybinskiMetrics>;
type Metrics = CybinskiMetrics;
const metrics = cybinskiMetrics;

const cache = new Map<string, CybinskiSample[]>();

function part(spec: CybinskiSpec, name: CybinskiPart): CybinskiSample[] {
  const key = `${spec.name}/${name}`;
  if (!cache.has(key)) cache.set(key, cybinskiPart(spec, name));
  return cache.get(key)!;
}

function specHash(spec: CybinskiSpec): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex");
}

/**
 * The input of a sample for an architecture: their full `[2N, 2N]` image for `cybinski-cnn`, else
 * the squared positive-energy states as `[N, 2N]` rows (the `amplitudes` layout, squared as
 * theirs is, so sign-free).
 */
function inputsOf(samples: readonly CybinskiSample[], full: boolean, cells: number): Float32Array {
  const sites = 2 * cells;
  const size = full ? sites * sites : cells * sites;
  const out = new Float32Array(samples.length * size);
  samples.forEach((sample, i) => {
    if (full) out.set(sample.image, i * size);
    else {
      for (let k = 0; k < cells; k++) {
        for (let site = 0; site < sites; site++) {
          out[i * size + k * sites + site] = sample.image[site * sites + cells + k];
        }
      }
    }
  });
  return out;
}

/**
 * The samples in a suite representation of their open chains (`[cells, ·]` rows each), for
 * the architectures that read the protocol's chains as they read the suite's datasets.
 */
function ownInputsOf(
  samples: readonly CybinskiSample[],
  representation: Representation,
): Float32Array {
  const first = chainRepresentation(cybinskiOpenChain(samples[0]), representation, [0, 1]);
  const out = new Float32Array(samples.length * first.length);
  samples.forEach((sample, i) =>
    out.set(
      i === 0 ? first : chainRepresentation(cybinskiOpenChain(sample), representation, [0, 1]),
      i * first.length,
    )
  );
  return out;
}

/** The study of every architecture in its own input on this protocol (it runs these cells). */
export const CYBINSKI_OWN_INPUT_STUDY = "literature-cybinski-own-input";

/**
 * Their training: SGD with momentum and weight decay (as PyTorch applies it, `g + λ·p`), batches
 * of 64 reshuffled every epoch (the last partial batch kept), cross-entropy (their BCE on the
 * softmax of two classes is the same loss), early stopping on the validation loss, and the
 * weights of the best validation epoch restored. Returns the epochs run.
 */
export async function trainCybinski(
  model: CybinskiModel,
  train: { inputs: Float32Array; labels: Int32Array },
  validation: { inputs: Float32Array; labels: Int32Array },
  shape: number[],
  recipe: CybinskiRecipe,
  seed: number,
): Promise<number> {
  const size = shape.reduce((p, e) => p * e, 1);
  const count = train.labels.length;
  const velocity = model.variables.map((v) => tf.variable(tf.zerosLike(v), false));
  const second = model.variables.map((v) => tf.variable(tf.zerosLike(v), false));
  let updates = 0;
  const validationLoss = async () => {
    const x = tf.tensor(validation.inputs, [validation.labels.length, ...shape]);
    const loss = tf.tidy(() =>
      tf.losses.softmaxCrossEntropy(tf.oneHot(validation.labels, 2), model.apply(x))
    );
    const value = (await loss.data())[0];
    tf.dispose([x, loss]);
    return value;
  };
  let best = Infinity;
  let bestWeights = model.variables.map((v) => tf.keep(tf.clone(v)));
  let sinceBest = 0;
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= recipe.maxEpochs; epoch++) {
      const order = Rng.stream(seed, "shuffle", epoch).shuffle(
        Array.from({ length: count }, (_, i) => i),
      );
      for (let start = 0; start < count; start += recipe.batchSize) {
        const indices = order.slice(start, start + recipe.batchSize);
        const batch = new Float32Array(indices.length * size);
        indices.forEach((index, i) =>
          batch.set(train.inputs.subarray(index * size, (index + 1) * size), i * size)
        );
        const labels = Int32Array.from(indices, (index) => train.labels[index]);
        const x = tf.tensor(batch, [indices.length, ...shape]);
        const y = tf.oneHot(tf.tensor1d(labels, "int32"), 2);
        let moments: tf.Tensor[] = [];
        const { value, grads } = tf.variableGrads(() => {
          const out = model.applyTraining(
            x,
            Rng.stream(seed, "dropout", epoch, start).nextUint32(),
          );
          moments = out.moments;
          return tf.losses.softmaxCrossEntropy(y, out.logits) as tf.Scalar;
        }, [...model.variables]);
        updates++;
        tf.tidy(() =>
          model.variables.forEach((variable, i) => {
            if (recipe.optimizer === "adam") {
              const g = grads[variable.name];
              velocity[i].assign(tf.add(tf.mul(velocity[i], 0.9), tf.mul(g, 0.1)));
              second[i].assign(tf.add(tf.mul(second[i], 0.999), tf.mul(tf.square(g), 0.001)));
              const m = tf.div(velocity[i], 1 - 0.9 ** updates);
              const v = tf.div(second[i], 1 - 0.999 ** updates);
              const step = tf.div(m, tf.add(tf.sqrt(v), 1e-7));
              variable.assign(tf.sub(variable, tf.mul(step, recipe.learningRate)));
              return;
            }
            const g = tf.add(grads[variable.name], tf.mul(variable, recipe.weightDecay));
            velocity[i].assign(tf.add(tf.mul(velocity[i], recipe.momentum), g));
            variable.assign(tf.sub(variable, tf.mul(velocity[i], recipe.learningRate)));
          })
        );
        model.updateStatistics(moments);
        tf.dispose([x, y, value, ...Object.values(grads), ...moments]);
      }
      const loss = await validationLoss();
      if (!Number.isFinite(loss)) {
        throw new RangeError(`validation loss is ${loss} at epoch ${epoch}`);
      }
      if (loss < best - recipe.tolerance || best === Infinity) {
        best = loss;
        sinceBest = 0;
        tf.dispose(bestWeights);
        bestWeights = model.variables.map((v) => tf.keep(tf.clone(v)));
      } else if (loss < best) {
        best = loss;
        sinceBest++;
      } else sinceBest++;
      if (epoch >= recipe.warmup && sinceBest >= recipe.patience) break;
    }
    model.variables.forEach((v, i) => v.assign(bestWeights[i]));
    return Math.min(epoch, recipe.maxEpochs);
  } finally {
    tf.dispose([...velocity, ...second, ...bestWeights]);
  }
}

function refused(cell: StudyCell, reason: string): CellOutcome {
  return notApplicable(reason, resolveArchitecture(cell.architecture).version);
}

/**
 * One cell of a Cybiński study: their CNN on their image with their recipe (or an ablation of
 * it), or a suite architecture with the suite's Adam recipe on the squared positive-energy
 * states (`literature-cybinski`) or on its own representation of the chains
 * ({@linkcode CYBINSKI_OWN_INPUT_STUDY}).
 */
export async function runCybinski(cell: StudyCell): Promise<CellOutcome> {
  const spec = cybinskiSpecOf(cell.profile as Profile["name"]);
  const theirs = RECIPES[cell.profile as Profile["name"]];
  const adam = cell.id.includes("recipe=adam");
  const theirBudget = cell.id.includes("budget=theirs");
  if (adam && theirBudget) {
    throw new RangeError(
      `${cell.id}: recipe=adam and budget=theirs are two ablations; a cell takes one`,
    );
  }
  const trainSamples = spec.sizes.train + 2 * spec.sizes.augmented;
  const recipe: CybinskiRecipe = adam
    ? { ...theirs, optimizer: "adam", learningRate: 1e-3, weightDecay: 0 }
    : theirBudget
    ? theirBudgetRecipe(trainSamples)
    : theirs;
  const architecture = resolveArchitecture(cell.architecture, cell.architectureConfig);
  const full = cell.architecture === "cybinski-cnn";
  // The own-input study: a suite architecture reads the chains in its cell's representation.
  const own = !full && cell.study === CYBINSKI_OWN_INPUT_STUDY;
  const cells = spec.cells;
  const [train, validation, test, diagram] = (["train", "validation", "test", "diagram"] as const)
    .map((name) => part(spec, name));
  const representation = own ? cell.representation : "amplitudes";
  const shape = full ? [2 * cells, 2 * cells] : own
    ? [
      cells,
      chainRepresentation(cybinskiOpenChain(train[0]), representation, [0, 1]).length /
      cells,
    ]
    : [cells, 2 * cells];
  const input = { representation, cells, shape };
  if (own) {
    if (!architecture.representations.includes(representation)) {
      return refused(cell, `reads no ${representation} input`);
    }
  } else if (!full) {
    if (!architecture.representations.includes("amplitudes")) {
      return refused(cell, "reads no amplitudes-shaped input");
    }
    if ((architecture.badges?.length ?? 0) > 0 || architecture.exactInvariant) {
      return refused(
        cell,
        "a proxy or exact-invariant model of signed amplitudes; the protocol's input is squared",
      );
    }
  }
  if (!full) {
    const reason = architecture.inputUnavailable?.(input) ?? null;
    if (reason !== null) return refused(cell, reason);
  }
  const split = (samples: CybinskiSample[]) => ({
    inputs: own ? ownInputsOf(samples, representation) : inputsOf(samples, full, cells),
    labels: Int32Array.from(samples, (s) => s.label),
  });
  // Each part's inputs once (the own-input ones diagonalize every chain).
  const data = { train: split(train), validation: split(validation), test: split(test) };
  const began = performance.now();
  let epochs: number;
  let model: TrainableModel;
  if (full) {
    const cnn = cybinskiCnn().build({
      input,
      classWindings: [0, 1],
      seed: cell.seed,
      init: { kind: "random" },
    }) as CybinskiModel;
    epochs = await trainCybinski(cnn, data.train, data.validation, shape, recipe, cell.seed);
    model = cnn;
  } else {
    model = architecture.build({
      input,
      classWindings: [0, 1],
      seed: cell.seed,
      init: cell.init,
      head: own ? cell.head : "class",
    });
    const run = await trainModel({
      model,
      source: arraySource({
        sampleShape: shape,
        classWindings: [0, 1],
        train: data.train,
        validation: data.validation,
        test: data.test,
      }),
      optimizer: { kind: "adam", learningRate: cell.learningRate },
      steps: cell.steps,
      batchSize: cell.batchSize,
      seed: cell.seed,
      evaluateEvery: cell.evaluateEvery,
    });
    epochs = (run.stepsRun * cell.batchSize) / train.length;
  }
  try {
    const testPredictions = await predictArrays(model, data.test.inputs, shape, [0, 1]);
    const diagramPredictions = await predictArrays(model, split(diagram).inputs, shape, [0, 1]);
    const idAccuracy = test.filter((s, i) => s.label === testPredictions[i]).length / test.length;
    const points = Int32Array.from(
      diagram,
      (_, i) => Math.floor(i / spec.sizes.realizations),
    );
    const score = diagramScore(
      Int32Array.from(diagram, (s) => s.label),
      diagramPredictions,
      points,
    );
    const byDisorder = new Map<number, [number, number]>();
    diagram.forEach((s, i) => {
      const entry = byDisorder.get(s.disorder) ?? [0, 0];
      entry[0] += s.label === diagramPredictions[i] ? 1 : 0;
      entry[1]++;
      byDisorder.set(s.disorder, entry);
    });
    const metricsOut: Metrics = {
      idAccuracy,
      oodAccuracy: score.accuracy,
      rmse: score.rmse,
      generalizes: score.rmse < RMSE_THRESHOLD,
      epochs,
      recipe: full
        ? adam
          ? "adam 1e-3 (ablation)"
          : theirBudget
          ? `theirs: sgd 1e-4, their ${THEIR_WARMUP_UPDATES}-update warm-up (ablation)`
          : "theirs: sgd 1e-4"
        : "suite: adam",
      input: full
        ? "their image [50, 50]"
        : own
        ? `suite ${representation} [${shape.join(", ")}]`
        : "squared positive-energy states [25, 50]",
      accuracyByDisorder: [...byDisorder].map(([W, [c, n]]) => [W, c / n]),
    };
    const seconds = (performance.now() - began) / 1000;
    return {
      status: "ok",
      architectureVersion: architecture.version,
      datasets: [{ name: spec.name, hash: specHash(spec) }],
      metrics: metricsOut,
      samplesPerSecond: (epochs * train.length) / seconds,
    };
  } finally {
    model.dispose();
  }
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

function groupText(group: { idAccuracy: number[] | null; oodAccuracy: number[] | null }) {
  const show = (v: number[] | null) =>
    v === null ? "n/a" : `${v[0].toFixed(3)} ± ${v[1].toFixed(3)}`;
  return `in ${show(group.idAccuracy)}, out ${show(group.oodAccuracy)}`;
}

/**
 * The rows of "Against the literature" for one architecture's networks: their number, ours with
 * a 95% interval (bootstrap over networks; Wilson for the generalizing share), and the gap.
 */
export function cybinskiComparison(
  architecture: string,
  records: ReadonlyArray<TypedRecord<Metrics>>,
  recipe?: string,
): string[][] {
  const mine = records.filter((r) =>
    r.cell.architecture === architecture && (recipe === undefined || r.metrics.recipe === recipe)
  );
  if (mine.length === 0) return [];
  const summary = populationSummary(mine.map((r) => r.metrics));
  const ood = mine.map((r) => r.metrics.oodAccuracy);
  const generalizing = mine.filter((r) => r.metrics.generalizes).length;
  const interval = (values: number[]) => {
    const ci = bootstrapInterval(values);
    return ci ? `[${formatMetric(ci[0])}, ${formatMetric(ci[1])}]` : "n/a";
  };
  const wilson = wilsonInterval(generalizing, mine.length);
  const P = CYBINSKI_PUBLISHED;
  const oodCi = bootstrapInterval(ood);
  const label = `${architecture} (${mine.length} networks, ${mine[0].cell.profile}, ${
    mine[0].metrics.recipe
  }; ${mine[0].metrics.input})`;
  return [
    [
      label,
      "share generalizing (RMSE < 0.2)",
      pct(P.generalizingFraction),
      `${pct(summary.generalizingFraction)} ${
        wilson ? `[${pct(wilson[0])}, ${pct(wilson[1])}]` : ""
      }`,
      whereTheirsFalls(P.generalizingFraction, wilson),
    ],
    [
      label,
      "out-of-distribution accuracy, mean",
      formatMetric(P.oodMean),
      `${formatMetric(summary.oodMean)} ${interval(ood)}`,
      whereTheirsFalls(P.oodMean, oodCi),
    ],
    [
      label,
      "out-of-distribution accuracy, median; range",
      `${formatMetric(P.oodMedian)}; ${P.oodRange.join("–")}`,
      `${formatMetric(summary.oodMedian)}; ${summary.oodRange.map(formatMetric).join("–")}`,
      "median and range: no interval",
    ],
    [
      label,
      "generalizing group: in / out accuracy",
      `in ${P.generalizing.idAccuracy.join(" ± ")}, out ${P.generalizing.oodAccuracy.join(" ± ")}`,
      groupText(summary.generalizing),
      "mean ± sd over the group",
    ],
    [
      label,
      "non-generalizing group: in / out accuracy",
      `in ${P.notGeneralizing.idAccuracy.join(" ± ")}, out ${
        P.notGeneralizing.oodAccuracy.join(" ± ")
      }`,
      groupText(summary.notGeneralizing),
      "mean ± sd over the group",
    ],
  ];
}

/** The out-of-distribution accuracy of every network, sorted, per architecture. */
export function oodByNetworkFigure(
  records: ReadonlyArray<TypedRecord<Metrics>>,
  id: string,
): FigureSpec {
  const names = [...new Set(records.map((r) => r.cell.architecture))].sort();
  return {
    kind: "line",
    id,
    title: "Out-of-distribution accuracy of every network",
    caption: "Networks sorted by their out-of-distribution accuracy; the dashed line is " +
      "Cybiński et al.'s mean over 100 CNNs (0.662).",
    x: { label: "network (sorted)" },
    y: { label: "out-of-distribution accuracy", range: [0, 1] },
    series: names.map((name) => ({
      name,
      style: "points" as const,
      points: records.filter((r) => r.cell.architecture === name)
        .map((r) => r.metrics.oodAccuracy).sort((a, b) => a - b)
        .map((y, i) => [i, y] as const),
    })),
    annotations: [{ axis: "y", value: CYBINSKI_PUBLISHED.oodMean, label: "theirs: mean 0.662" }],
  };
}

/** Their numbers beside ours, per architecture and recipe (their CNN first). */
export function comparisonTable(records: ReadonlyArray<TypedRecord<Metrics>>): TableSpec {
  const names = [...new Set(records.map((r) => r.cell.architecture))].sort((a, b) =>
    a === "cybinski-cnn" ? -1 : b === "cybinski-cnn" ? 1 : a.localeCompare(b)
  );
  return {
    columns: ["Against the literature", "metric", "theirs", "ours [95% CI]", "where"],
    rows: names.flatMap((name) =>
      [
        ...new Set(
          records.filter((r) => r.cell.architecture === name).map((r) => r.metrics.recipe),
        ),
      ]
        .sort().reverse().flatMap((recipe) => cybinskiComparison(name, records, recipe))
    ),
  };
}

/**
 * The literature study of Cybiński et al. (MLST 2025): their CNN trained many times with their
 * recipe on their protocol (the disordered SSH chain of 50 sites, the squared open-chain
 * eigenvectors as an image, labels from the twisted-boundary winding), scored their way: the
 * share of networks whose phase-diagram RMSE is below 0.2 and the distribution of
 * out-of-distribution accuracy over v ∈ [0, 2] × W ∈ [0, 5]. `standard` trains 4 networks for
 * at most 15 epochs (early stopping from epoch 10): their recipe (SGD at 1e-4) needs at least
 * their 100 warm-up epochs, ≈ 9,400 steps, which a CPU cannot afford per network; `full` trains
 * their 100 networks with their 1000 epochs and warm-up 100 (a sharded or GPU run).
 * Every suite architecture that reads an amplitudes-shaped input runs on the same chains (their
 * squared positive-energy states, the suite's Adam recipe, at most 2 seeds × 500 steps), one cell
 * per seed; in standard and full two extra networks of their CNN train with Adam at 1e-3 (an
 * ablation of the recipe).
 */
export const literatureCybinski: Study<Metrics> = {
  name: "literature-cybinski",
  title: "Against the literature: Cybiński et al. (disordered SSH, 100 CNNs)",
  question: "Does the suite reproduce the share of CNNs that generalize out of distribution " +
    "(22% of 100) and their out-of-distribution accuracy (mean 0.662)?",
  ranking: {
    metric: "oodAccuracy",
    higherIsBetter: true,
    description:
      "out-of-distribution accuracy on the phase diagram v × W ∈ [0, 5], mean over networks",
  },
  metrics,
  figures: (records) => [oodByNetworkFigure(records, "cybinski-ood-by-network")],
  tables: (records) => [comparisonTable(records)],
  cells: (profile, architectures, backend) => {
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      if (name === "holanda-tree" || name === "holanda-forest") continue;
      const seeds = name === "cybinski-cnn"
        ? Array.from({ length: RECIPES[profile.name].networks }, (_, i) => i)
        : profileSeeds(profile).slice(0, PROTOCOL_SEEDS);
      // the Adam ablation in the published profiles only (the default bench's five minutes)
      const ablations = PROTOCOL_PROFILES.includes(profile.name)
        ? [[0, "recipe=adam"] as const, [1, "recipe=adam"] as const]
        : [];
      const variants = name === "cybinski-cnn"
        ? [...seeds.map((seed) => [seed, ""] as const), ...ablations]
        : seeds.map((seed) => [seed, ""] as const);
      for (const [seed, extra] of variants) {
        const cell = protocolCell("literature-cybinski", profile, name, seed, backend, extra);
        cells.push({
          ...cell,
          steps: name === "cybinski-cnn" ? profile.steps : Math.min(profile.steps, PROTOCOL_STEPS),
          learningRate: name === "cybinski-cnn" ? 1e-4 : learningRateOf(name),
          batchSize: name === "cybinski-cnn" ? 64 : profile.batchSize,
        });
      }
    }
    return cells;
  },
  run: (cell) => runCybinski(cell),
};
