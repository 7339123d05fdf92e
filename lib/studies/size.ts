import { z } from "zod";
import { countedSeries, type Point } from "./_series.ts";
import { resolveArchitecture } from "../models/registry.ts";
import { notApplicable, trainCell } from "./_cells.ts";
import { scoreModelOn, transferCells } from "./_transfer.ts";
import { formatMetric } from "./format_metric.ts";
import { profile as profileNamed } from "./profiles.ts";
import { catalogSpec } from "../data/mod.ts";
import type { Study } from "./study.ts";

const SIZES = [16, 32, 64, 128];

// Fields new in suite 0.3.0 have defaults, so older published records still parse.
const metrics = z.object({
  /** Cells → test accuracy (32: the training size). */
  accuracyBySize: z.record(z.number().nullable()),
  /** Cells → whether the resized model predicted one winding for every sample. */
  constantBySize: z.record(z.boolean()).default({}),
  /** Cells → samples scored (non-ambiguous). */
  samplesBySize: z.record(z.number()).default({}),
  /** The model predicts a constant at some other size. */
  constantPrediction: z.boolean().default(false),
  /**
   * Mean accuracy over 16, 64 and 128 cells, a size where the model predicts a constant counting
   * 0 (it carried nothing there, whatever the class balance makes its accuracy).
   */
  meanAccuracy: z.number(),
  /** Mean accuracy over 16, 64 and 128 cells as measured (a constant predictor: about 0.5). */
  rawMeanAccuracy: z.number().nullable().default(null),
});

/**
 * The size study's score of the other sizes: the mean accuracy, a size where the model predicts
 * a constant counting 0, and the plain mean.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sizeScore } from "./size.ts";
 *
 * assert.deepEqual(sizeScore([1, 1, 1], [false, false, false]), { score: 1, raw: 1 });
 * assert.deepEqual(sizeScore([0.5, 1, 1], [true, false, false]), { score: 2 / 3, raw: 2.5 / 3 });
 * ```
 */
export function sizeScore(
  accuracies: ReadonlyArray<number | null>,
  constant: readonly boolean[],
): { score: number; raw: number | null } {
  const scored = accuracies.map((accuracy, k) => (constant[k] ? 0 : accuracy ?? 0));
  const measured = accuracies.filter((accuracy): accuracy is number => accuracy !== null);
  return {
    score: scored.reduce((a, b) => a + b, 0) / Math.max(scored.length, 1),
    raw: measured.length ? measured.reduce((a, b) => a + b, 0) / measured.length : null,
  };
}

/**
 * Study 4, generalization across size: every size-agnostic architecture, trained at 32 cells,
 * tested at 16, 64 and 128 cells (`plain-clean-N`) by resizing; fixed-size architectures are
 * "not applicable". A resized model that predicts one winding for every sample is reported as
 * predicting a constant (`constantPrediction`), and that size counts 0 in the ranking.
 */
export const size: Study<z.infer<typeof metrics>> = {
  name: "size",
  title: "Generalization across size",
  question: "Do size-agnostic networks carry what they learned at 32 cells to other sizes?",
  scoresFixedModels: true,
  ranking: {
    metric: "meanAccuracy",
    higherIsBetter: true,
    description:
      "mean test accuracy over 16, 64 and 128 cells (a size where the model predicts a constant counts 0), mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "accuracy-vs-size",
    file: "accuracy-vs-size.svg",
    title: "Accuracy vs chain size (trained at 32 cells)",
    caption:
      "Trained at 32 cells; mean over seeds with the bootstrap 95% interval (one seed: the Wilson interval of its samples). Seeds that predict a constant at a size are listed in the table.",
    x: { label: "cells", ticks: SIZES, log: true },
    y: { label: "accuracy", range: [0, 1] },
    series: countedSeries(
      records,
      (record) => SIZES.map((n) => [n, record.metrics.accuracyBySize[n] ?? null] as Point),
      (record) => SIZES.map((n) => record.metrics.samplesBySize[n]),
    ),
    annotations: [{ axis: "x", value: 32, label: "training size" }],
  }],
  tables: (records) => [{
    columns: ["architecture", "cell", ...SIZES.map((n) => `${n} cells`), "score"],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.id,
      ...SIZES.map((n) => {
        if (record.metrics.constantBySize[n]) return "predicts a constant";
        const accuracy = record.metrics.accuracyBySize[n];
        return accuracy == null ? "n/a" : formatMetric(accuracy);
      }),
      formatMetric(record.metrics.meanAccuracy),
    ]),
  }],
  cells: (profile, architectures, backend) =>
    transferCells(
      "size",
      profile,
      architectures,
      backend,
      SIZES.filter((n) => n !== 32).map((n) => `plain-clean-${n}`),
    ),
  async run(cell, { useCache }) {
    const architecture = resolveArchitecture(cell.architecture);
    if (!architecture.sizeAgnostic) {
      return notApplicable(
        `${cell.architecture} is built for one size (not size-agnostic)`,
        architecture.version,
      );
    }
    const { model, datasetHash, run } = await trainCell(cell, useCache);
    const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
    const accuracyBySize: Record<string, number | null> = {};
    const constantBySize: Record<string, boolean> = {};
    const samplesBySize: Record<string, number> = {};
    const limit = profileNamed(cell.profile).testSamples;
    try {
      for (const name of [cell.trainDataset!, ...cell.testDatasets]) {
        const cells = catalogSpec(name).cells; // a draw name too ("plain-clean-64-draw1")
        const score = await scoreModelOn(model, cell.representation, name, limit, 32);
        accuracyBySize[cells] = score.accuracy;
        constantBySize[cells] = score.constant;
        samplesBySize[cells] = score.samples;
        if (name !== cell.trainDataset) datasets.push({ name, hash: score.hash });
      }
    } finally {
      model.dispose();
    }
    const others = SIZES.filter((n) => n !== 32);
    const { score, raw } = sizeScore(
      others.map((n) => accuracyBySize[n] ?? null),
      others.map((n) => constantBySize[n] ?? false),
    );
    return {
      status: "ok",
      architectureVersion: architecture.version,
      datasets,
      metrics: {
        accuracyBySize,
        constantBySize,
        samplesBySize,
        constantPrediction: others.some((n) => constantBySize[n]),
        meanAccuracy: score,
        rawMeanAccuracy: raw,
      },
      samplesPerSecond: run.samplesPerSecond,
    };
  },
};
