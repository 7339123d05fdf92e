import { z } from "zod";
import { type DatasetFile, randomSignGauge } from "../data/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { notApplicable, trainCell } from "./_cells.ts";
import {
  accuracyBins,
  binSeries,
  binsSchema,
  open,
  sampleParameter,
  transferCells,
} from "./_transfer.ts";
import { formatMetric } from "./format_metric.ts";
import { profile as profileNamed } from "./profiles.ts";
import { predict, type Predictions, scoredAccuracy } from "./predict.ts";
import type { CellOutcome, EvaluationView, Study } from "./study.ts";

/**
 * The evaluation view of the gauge study: `amplitudes` inputs with each eigenvector's sign drawn
 * at random ({@linkcode randomSignGauge}), the same flips in the parent and in the sandbox.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RANDOM_SIGN_VIEW } from "./gauge.ts";
 *
 * const inputs = new Float32Array(2 * 3 * 6).fill(1);
 * const flipped = RANDOM_SIGN_VIEW.apply(inputs, [3, 6]);
 * assert(flipped.every((value) => Math.abs(value) === 1));
 * assert.equal(RANDOM_SIGN_VIEW.representation, "amplitudes");
 * ```
 */
export const RANDOM_SIGN_VIEW: EvaluationView = {
  name: "random-sign",
  representation: "amplitudes",
  apply: (inputs, [states, sites]) => randomSignGauge(inputs, states, sites),
};

/** The name suffix of a model's random-sign series in the figure. */
const RANDOM_SUFFIX = " (random sign)";

/** The test set of disordered chains the gauge study scores in both gauges. */
const DISORDERED = "plain-disorder-32";

/** A cell's random-gauge drop below this is too small to split into parts (share `null`). */
export const MIN_DROP_TO_SPLIT = 0.05;

const metrics = z.object({
  /** Random sign gauge, non-ambiguous samples of `plain-disorder-32`, label from the invariant. */
  accuracy: z.number().nullable(),
  /**
   * The same samples in the suite's fixed gauge (`site-moment/1`): in `standard` and `full` every
   * sample, so the disorder study's `accuracy`; in `quick` and `tiny` the first `testSamples`.
   */
  fixedGaugeAccuracy: z.number().nullable(),
  samples: z.number(),
  /** The clean test split of the training set, fixed gauge. */
  cleanAccuracy: z.number().nullable(),
  /** The clean test split, random sign gauge. */
  cleanRandomGaugeAccuracy: z.number().nullable(),
  /** Share of the predicted `plain-disorder-32` samples whose winding changes with the gauge. */
  changedShare: z.number().nullable(),
  /**
   * (fixed − random) / (clean − random) on the disordered chains: of the drop from the clean
   * chains (fixed gauge, as trained) to the disordered ones in a random gauge, the share the gauge
   * alone accounts for; not bounded to [0, 1] (negative where random signs score higher than the
   * fixed gauge); `null` where that drop is below {@linkcode MIN_DROP_TO_SPLIT}.
   */
  gaugeShareOfDrop: z.number().nullable(),
  /** Bins of W1 (W2 = W1/2) over every v, random sign gauge. */
  bins: binsSchema,
  /** The same bins, fixed gauge. */
  fixedGaugeBins: binsSchema,
});
type Metrics = z.infer<typeof metrics>;

/**
 * The part of a drop that the gauge accounts for: `(fixed − random) / (clean − random)`, or
 * `null` where any value is missing or `clean − random` < {@linkcode MIN_DROP_TO_SPLIT}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gaugeShareOfDrop } from "./gauge.ts";
 *
 * assert(Math.abs(gaugeShareOfDrop(1, 0.9, 0.5)! - 0.8) < 1e-12); // most of the drop is the sign
 * assert(Math.abs(gaugeShareOfDrop(1, 0.55, 0.5)! - 0.1) < 1e-12); // most of it is not
 * assert.equal(gaugeShareOfDrop(1, 1, 0.98), null); // nothing to split
 * ```
 */
export function gaugeShareOfDrop(
  clean: number | null,
  fixed: number | null,
  random: number | null,
): number | null {
  if (clean === null || fixed === null || random === null) return null;
  const drop = clean - random;
  return drop < MIN_DROP_TO_SPLIT ? null : (fixed - random) / drop;
}

function changedShare(fixed: Predictions, random: Predictions): number | null {
  if (!fixed.indices.length) return null;
  let changed = 0;
  for (const index of fixed.indices) {
    if (fixed.winding[index] !== random.winding[index]) changed++;
  }
  return changed / fixed.indices.length;
}

async function runGauge(cell: StudyCell, useCache: boolean): Promise<CellOutcome> {
  const architecture = resolveArchitecture(cell.architecture);
  if (cell.representation !== RANDOM_SIGN_VIEW.representation) {
    return notApplicable(
      `${cell.architecture} reads ${cell.representation}, which does not depend on the signs of the eigenvectors`,
      architecture.version,
    );
  }
  const { model, datasetHash, run } = await trainCell(cell, useCache);
  const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
  // The profile's test samples of each set: standard and full 2,000, every sample of both sets
  // (as the disorder study scores them); quick 300, tiny 64.
  const limit = profileNamed(cell.profile).testSamples;
  // Opens a test set, predicts it in both gauges, measures and closes it.
  const inBothGauges = async <T>(
    name: string,
    measure: (file: DatasetFile, fixed: Predictions, random: Predictions) => T,
  ): Promise<T> => {
    const file = await open(name);
    try {
      const fixed = await predict(model, file, "test", cell.representation, limit);
      const random = await predict(
        model,
        file,
        "test",
        cell.representation,
        limit,
        RANDOM_SIGN_VIEW.apply,
      );
      return measure(file, fixed, random);
    } finally {
      file.close();
    }
  };
  try {
    const clean = await inBothGauges(cell.trainDataset!, (file, fixed, random) => ({
      fixed: scoredAccuracy(file, "test", fixed).accuracy,
      random: scoredAccuracy(file, "test", random).accuracy,
    }));
    const measured = await inBothGauges(DISORDERED, (file, fixed, random): Metrics => {
      const { accuracy, samples } = scoredAccuracy(file, "test", random);
      const fixedGaugeAccuracy = scoredAccuracy(file, "test", fixed).accuracy;
      const w1 = sampleParameter(file, "intracellDisorder");
      datasets.push({ name: file.spec.name, hash: file.hash });
      return {
        accuracy,
        fixedGaugeAccuracy,
        samples,
        cleanAccuracy: clean.fixed,
        cleanRandomGaugeAccuracy: clean.random,
        changedShare: changedShare(fixed, random),
        gaugeShareOfDrop: gaugeShareOfDrop(clean.fixed, fixedGaugeAccuracy, accuracy),
        bins: accuracyBins(file, random, w1, 0, 8, 8),
        fixedGaugeBins: accuracyBins(file, fixed, w1, 0, 8, 8),
      };
    });
    return {
      status: "ok",
      architectureVersion: architecture.version,
      datasets,
      metrics: measured,
      samplesPerSecond: run.samplesPerSecond,
    };
  } finally {
    model.dispose();
  }
}

const show = (value: number | null) => value === null ? "n/a" : formatMetric(value);

/**
 * The gauge study: how much of what a network loses under disorder is the sign convention of its
 * eigenvector inputs rather than the physics. The models trained on clean chains (fixed gauge,
 * shared with the disorder study) predict the profile's test samples of `plain-disorder-32` and
 * of their own clean test split (standard and full: all of them) twice: in the suite's fixed
 * gauge and with each eigenvector's sign drawn at random (what a solver without a convention may
 * hand out; the 0.2.0 datasets flipped 24% of the states at W1 = 1e-6). Architectures that read a gauge-invariant representation are recorded as not
 * applicable; those that read `amplitudes` but build gauge-invariant quantities (Q_AB) should
 * not move.
 */
export const gauge: Study<Metrics> = {
  name: "gauge",
  title: "Sign gauge: the disorder drop with each eigenvector's sign drawn at random",
  question:
    "How much of the accuracy that generic networks lose under disorder is the eigenvectors' sign convention rather than the physics?",
  scoresFixedModels: true,
  evaluationViews: [RANDOM_SIGN_VIEW],
  ranking: {
    metric: "accuracy",
    higherIsBetter: true,
    description:
      "accuracy on plain-disorder-32 (non-ambiguous samples, label from the invariant) with each eigenvector's sign drawn at random, mean over seeds",
    tieBreak: {
      metric: "changedShare",
      higherIsBetter: false,
      description: "fewer predictions that change with the gauge",
    },
  },
  metrics,
  figures: (all) => {
    // Only the models some of whose predictions change with the gauge: the others' two curves
    // are one (the table lists them).
    const moved = new Set(
      all.filter((record) => (record.metrics.changedShare ?? 0) > 0).map((record) =>
        record.cell.architecture
      ),
    );
    const records = all.filter((record) => moved.has(record.cell.architecture));
    const fixed = binSeries(records, (record) => record.metrics.fixedGaugeBins);
    const random = binSeries(
      records,
      (record) => record.metrics.bins,
      "accuracy",
      undefined,
      RANDOM_SUFFIX,
    ).map((series) => ({
      ...series,
      style: "points" as const,
      colorOf: series.name.slice(0, -RANDOM_SUFFIX.length),
    }));
    return [{
      kind: "line",
      id: "accuracy-vs-disorder-by-gauge",
      file: "accuracy-vs-disorder-by-gauge.svg",
      title: "Accuracy vs disorder in the fixed gauge (lines) and with random eigenvector signs",
      caption:
        `Trained on clean chains in the suite's fixed gauge; tested on plain-disorder-32 (every v, W2 = W1/2) in that gauge (lines) and with each eigenvector's sign drawn at random (points, same colour). The gap between a network's line and its points is what the sign convention accounts for; what the line loses is not the gauge. Drawn: the models with a prediction that changes with the gauge (${
          [...moved].sort().join(", ") || "none"
        }); for the others the two coincide. 95% intervals: bootstrap over seeds, or Wilson for one seed.`,
      x: { label: "disorder W1 (W2 = W1/2)" },
      y: { label: "accuracy", range: [0, 1] },
      series: [...fixed, ...random],
    }];
  },
  tables: (records) => [{
    columns: [
      "architecture",
      "cell",
      "clean, fixed gauge",
      "clean, random sign",
      "disorder, fixed gauge",
      "disorder, random sign",
      "predictions changed",
      "gauge share of the drop",
    ],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.id,
      show(record.metrics.cleanAccuracy),
      show(record.metrics.cleanRandomGaugeAccuracy),
      show(record.metrics.fixedGaugeAccuracy),
      show(record.metrics.accuracy),
      show(record.metrics.changedShare),
      show(record.metrics.gaugeShareOfDrop),
    ]),
  }],
  cells: (profile, architectures, backend) =>
    transferCells("gauge", profile, architectures, backend, [DISORDERED]),
  run: (cell, { useCache }) => runGauge(cell, useCache),
};
