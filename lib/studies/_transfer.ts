// Shared by the studies that test one model trained on clean chains elsewhere (disorder, size,
// chiral-breaking stress, interpretability, phase diagram): their cells, and binned scoring.
import { z } from "zod";
import { catalogSpec, type DatasetFile, loadDataset, PARAMETER_NAMES } from "../data/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell, profileReplicates, trainCell, withDraw } from "./_cells.ts";
import { predict, scoredAccuracy } from "./predict.ts";
import type { TrainableModel } from "../models/architecture.ts";
import type { Representation } from "../data/spec.ts";
import type { CellOutcome } from "./study.ts";
import { meanSeries, type Point } from "./_series.ts";
import { wilsonInterval } from "./confidence_interval.ts";
import type { FigureSeries } from "./figure_spec.ts";
import type { TypedRecord } from "./study.ts";
import type { TrainingRun } from "../train/train.ts";
import type { Profile } from "./profiles.ts";
import type { Predictions } from "./predict.ts";

/**
 * Cells: every architecture × replicate (seed, and dataset draw in the headline studies:
 * `profileReplicates`) from a random init, plus exact-invariant ones at exact weights (draw 0);
 * an architecture trained elsewhere gets one cell (seed 0, draw 0, no steps).
 */
export function transferCells(
  study: string,
  profile: Profile,
  architectures: readonly string[],
  backend: StudyCell["backend"],
  testDatasets: string[],
  trainDataset = "plain-clean-32",
): StudyCell[] {
  const cells: StudyCell[] = [];
  for (const name of architectures) {
    if (resolveArchitecture(name).trainedElsewhere) {
      // A fixed model (trained elsewhere): one cell; seeds and steps would change nothing.
      const fixed = makeCell(
        study,
        profile,
        name,
        0,
        { kind: "random" },
        trainDataset,
        testDatasets,
        backend,
      );
      cells.push({ ...fixed, steps: 0 });
      continue;
    }
    for (const { seed, draw } of profileReplicates(profile, study)) {
      cells.push(withDraw(
        makeCell(
          study,
          profile,
          name,
          seed,
          { kind: "random" },
          trainDataset,
          testDatasets,
          backend,
        ),
        draw,
      ));
    }
    if (resolveArchitecture(name).exactInvariant) {
      const exact = makeCell(
        study,
        profile,
        name,
        0,
        { kind: "exact" },
        trainDataset,
        testDatasets,
        backend,
      );
      cells.push({ ...exact, steps: 0 });
    }
  }
  return cells;
}

/** Opens a catalog dataset by name. */
export function open(name: string): Promise<DatasetFile> {
  return loadDataset(catalogSpec(name));
}

/** A per-sample parameter of a split (see PARAMETER_NAMES). */
export function sampleParameter(
  file: DatasetFile,
  name: (typeof PARAMETER_NAMES)[number],
): (index: number) => number {
  const { parameters } = file.labels("test");
  const column = PARAMETER_NAMES.indexOf(name);
  return (index) => parameters[index * PARAMETER_NAMES.length + column];
}

/** One bin of a binned score. */
export interface Bin {
  readonly from: number;
  readonly to: number;
  readonly samples: number;
  /** Non-ambiguous samples (those scored against the invariant). */
  readonly scored: number;
  /** Agreement of the prediction with the RSWN label over non-ambiguous samples; null if none. */
  readonly accuracy: number | null;
  /**
   * Agreement with the analytic (thermodynamic) phase over every sample of the bin, ambiguous
   * ones included: the near-boundary region scored, not dropped.
   */
  readonly analyticAccuracy: number | null;
  /** Share of ambiguous samples in the bin. */
  readonly ambiguityRate: number | null;
}

/**
 * Scores predictions in the bins `[edges[k], edges[k + 1])` of `value(index)` (values below the
 * first edge fall in the first bin, values at or above the last in the last), against the
 * invariant (non-ambiguous samples) and the analytic phase (every sample), with the ambiguity
 * rate per bin; `keep` selects the samples scored at all.
 */
export function accuracyByEdges(
  file: DatasetFile,
  predictions: Predictions,
  value: (index: number) => number,
  edges: readonly number[],
  keep: (index: number) => boolean = () => true,
): Bin[] {
  if (edges.length < 2 || edges.some((edge, k) => k > 0 && !(edge > edges[k - 1]))) {
    throw new RangeError(`bin edges must be ≥ 2 increasing numbers: received [${edges}]`);
  }
  const { winding, ambiguous, analyticPhase } = file.labels("test");
  const count = edges.length - 1;
  const bins = Array.from(
    { length: count },
    () => ({ samples: 0, scored: 0, correct: 0, ambiguous: 0, analytic: 0 }),
  );
  for (const index of predictions.indices) {
    if (!keep(index)) continue;
    const x = value(index);
    let position = 0;
    while (position < count - 1 && x >= edges[position + 1]) position++;
    const bin = bins[position];
    bin.samples++;
    if (predictions.winding[index] === analyticPhase[index]) bin.analytic++;
    if (ambiguous[index]) {
      bin.ambiguous++;
      continue;
    }
    bin.scored++;
    if (predictions.winding[index] === winding[index]) bin.correct++;
  }
  return bins.map((bin, k) => ({
    from: edges[k],
    to: edges[k + 1],
    samples: bin.samples,
    scored: bin.scored,
    accuracy: bin.scored === 0 ? null : bin.correct / bin.scored,
    analyticAccuracy: bin.samples === 0 ? null : bin.analytic / bin.samples,
    ambiguityRate: bin.samples === 0 ? null : bin.ambiguous / bin.samples,
  }));
}

/**
 * Scores predictions in `count` equal bins of `value(index)` over `[low, high]` (see
 * {@linkcode accuracyByEdges}).
 */
export function accuracyBins(
  file: DatasetFile,
  predictions: Predictions,
  value: (index: number) => number,
  low: number,
  high: number,
  count: number,
  keep?: (index: number) => boolean,
): Bin[] {
  const edges = Array.from({ length: count + 1 }, (_, k) => low + ((high - low) * k) / count);
  return accuracyByEdges(file, predictions, value, edges, keep);
}

/**
 * The common run of a transfer cell: the cell's trained model (shared through the model cache)
 * predicts the test split of `dataset`, and `measure` turns the predictions into metrics.
 */
export async function scoreTransfer(
  cell: StudyCell,
  useCache: boolean,
  dataset: string,
  measure: (
    file: DatasetFile,
    predictions: Predictions,
    run: TrainingRun,
  ) => Record<string, unknown>,
  trainWindings?: readonly number[],
): Promise<CellOutcome> {
  const { model, datasetHash, run } = await trainCell(cell, useCache, trainWindings);
  const file = await open(dataset);
  try {
    const predictions = await predict(model, file, "test", cell.representation);
    const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
    if (dataset !== cell.trainDataset) datasets.push({ name: file.spec.name, hash: file.hash });
    return {
      status: "ok",
      architectureVersion: resolveArchitecture(cell.architecture).version,
      datasets,
      metrics: measure(file, predictions, run),
      samplesPerSecond: run.samplesPerSecond,
    };
  } finally {
    model.dispose();
    file.close();
  }
}

/** The schema of a binned score (`accuracyBins`). */
export const binsSchema = z.array(z.object({
  from: z.number(),
  to: z.number(),
  samples: z.number(),
  /** Absent before suite 0.3.0 (then 0: no interval from counts). */
  scored: z.number().default(0),
  accuracy: z.number().nullable(),
  analyticAccuracy: z.number().nullable().default(null),
  ambiguityRate: z.number().nullable(),
}));

/** Binned scores as stored. */
export type Bins = z.infer<typeof binsSchema>;

/** A binned score as points: (bin centre, the bin's `which`, accuracy by default). */
export function binPoints(
  bins: Bins,
  which: "accuracy" | "analyticAccuracy" | "ambiguityRate" = "accuracy",
  centre: (bin: Bins[number]) => number = (bin) => (bin.from + bin.to) / 2,
): Point[] {
  return bins.map((bin) => [centre(bin), bin[which]]);
}

/**
 * One series per architecture (and init kind) of a binned score: the mean over seeds per bin,
 * with the bootstrap 95% interval over seeds, or, for a single seed, the Wilson 95% interval of
 * the bin's own counts.
 */
export function binSeries<M>(
  records: ReadonlyArray<TypedRecord<M>>,
  bins: (record: TypedRecord<M>) => Bins,
  which: "accuracy" | "analyticAccuracy" = "accuracy",
  centre?: (bin: Bins[number]) => number,
  suffix = "",
): FigureSeries[] {
  const series = meanSeries(records, (record) => binPoints(bins(record), which, centre));
  return series.map((entry) => {
    const own = records.filter((record) =>
      `${record.cell.architecture}${record.cell.init.kind === "exact" ? " (exact)" : ""}` ===
        entry.name
    );
    const named = suffix ? { ...entry, name: `${entry.name}${suffix}` } : entry;
    if (own.length !== 1) return named;
    const counts = bins(own[0]);
    return {
      ...named,
      intervals: counts.map((bin) => {
        const trials = which === "accuracy" ? bin.scored : bin.samples;
        const rate = bin[which];
        return rate === null ? null : wilsonInterval(Math.round(rate * trials), trials);
      }),
    };
  });
}

/**
 * Whether a model predicted one winding for every scored (non-ambiguous) sample: on a test set
 * with both classes such a model is reported as predicting a constant, not by its accuracy.
 */
export function predictsConstant(
  file: DatasetFile,
  predictions: Predictions,
  keep: (index: number) => boolean = () => true,
): boolean {
  const { ambiguous } = file.labels("test");
  let first: number | null = null;
  for (const index of predictions.indices) {
    if (ambiguous[index] || !keep(index)) continue;
    const predicted = predictions.winding[index];
    if (first === null) first = predicted;
    else if (predicted !== first) return false;
  }
  return first !== null;
}

/** A model's score on one catalog test set (see {@linkcode scoreModelOn}). */
export interface TestScore {
  readonly accuracy: number | null;
  readonly samples: number;
  /** Every scored sample got the same winding. */
  readonly constant: boolean;
  readonly hash: string;
}

/**
 * Scores `model` (trained at `trainedCells` cells) on the first `limit` test samples of the
 * catalog set `name`, resized first where the set has another number of cells.
 */
export async function scoreModelOn(
  model: TrainableModel,
  representation: Representation,
  name: string,
  limit: number,
  trainedCells: number,
): Promise<TestScore> {
  const file = await open(name);
  const cells = file.spec.cells;
  const shape = file.sampleShape(representation);
  if (cells !== trainedCells && model.resize === undefined) {
    file.close();
    throw new RangeError(
      `${name} has ${cells} cells, the model ${trainedCells}, and it cannot resize`,
    );
  }
  const target = cells === trainedCells
    ? model
    : model.resize!({ representation, cells, shape: [...shape] });
  try {
    const predictions = await predict(target, file, "test", representation, limit);
    const { accuracy, samples } = scoredAccuracy(file, "test", predictions);
    return { accuracy, samples, constant: predictsConstant(file, predictions), hash: file.hash };
  } finally {
    if (target !== model) target.dispose();
    file.close();
  }
}
