// Shared by the studies that test one model trained on clean chains elsewhere (disorder, size,
// chiral-breaking stress, interpretability, phase diagram): their cells, and binned scoring.
import { z } from "zod";
import { catalogSpec, type DatasetFile, loadDataset, PARAMETER_NAMES } from "../data/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell, profileReplicates, trainCell, withDraw } from "./_cells.ts";
import { predict } from "./predict.ts";
import type { CellOutcome } from "./study.ts";
import type { Point } from "./_series.ts";
import type { TrainingRun } from "../train/train.ts";
import type { Profile } from "./profiles.ts";
import type { Predictions } from "./predict.ts";

/**
 * Cells: every architecture × replicate (seed, and dataset draw in the headline studies:
 * `profileReplicates`) from a random init, plus exact-invariant ones at exact weights (draw 0).
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
  /** Agreement of the prediction with the RSWN label over non-ambiguous samples; null if none. */
  readonly accuracy: number | null;
  /** Share of ambiguous samples in the bin. */
  readonly ambiguityRate: number | null;
}

/** Scores predictions in `count` equal bins of `value(index)` over `[low, high]`. */
export function accuracyBins(
  file: DatasetFile,
  predictions: Predictions,
  value: (index: number) => number,
  low: number,
  high: number,
  count: number,
): Bin[] {
  const { winding, ambiguous } = file.labels("test");
  const bins = Array.from(
    { length: count },
    () => ({ samples: 0, scored: 0, correct: 0, ambiguous: 0 }),
  );
  for (const index of predictions.indices) {
    const position = Math.min(
      count - 1,
      Math.max(0, Math.floor(((value(index) - low) / (high - low)) * count)),
    );
    const bin = bins[position];
    bin.samples++;
    if (ambiguous[index]) {
      bin.ambiguous++;
      continue;
    }
    bin.scored++;
    if (predictions.winding[index] === winding[index]) bin.correct++;
  }
  return bins.map((bin, k) => ({
    from: low + ((high - low) * k) / count,
    to: low + ((high - low) * (k + 1)) / count,
    samples: bin.samples,
    accuracy: bin.scored === 0 ? null : bin.correct / bin.scored,
    ambiguityRate: bin.samples === 0 ? null : bin.ambiguous / bin.samples,
  }));
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
  accuracy: z.number().nullable(),
  ambiguityRate: z.number().nullable(),
}));

/** A binned score as points: (bin centre, accuracy). */
export function binPoints(bins: z.infer<typeof binsSchema>): Point[] {
  return bins.map((bin) => [(bin.from + bin.to) / 2, bin.accuracy]);
}
