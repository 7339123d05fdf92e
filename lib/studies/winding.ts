import { z } from "zod";
import { formatMetric } from "./format_metric.ts";
import { meanSeries, type Point } from "./_series.ts";
import { scoreTransfer, transferCells } from "./_transfer.ts";
import { scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";

const WINDINGS = ["-1", "0", "1", "2"];

const metrics = z.object({
  /** Winding (−1, 0, 1, 2) → test accuracy; null where no sample was scored. */
  accuracyByWinding: z.record(z.number().nullable()),
  seenAccuracy: z.number().nullable(),
  unseenAccuracy: z.number().nullable(),
});

/**
 * Study 5, generalization across winding: trained on the extended chains of windings 0 and 1
 * only (`extended-clean-32`), tested on all four windings; the windings −1 and 2 were never seen.
 */
export const winding: Study<z.infer<typeof metrics>> = {
  name: "winding",
  title: "Generalization across winding",
  question: "Does a network trained on windings {0, 1} recognize −1 and 2?",
  scoresFixedModels: true,
  ranking: {
    metric: "unseenAccuracy",
    higherIsBetter: true,
    description: "accuracy on the unseen windings −1 and 2, mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "accuracy-by-winding",
    title: "Accuracy by winding number",
    caption: "Trained on ν ∈ {0, 1}; ν = −1 and ν = 2 are unseen. Mean over seeds.",
    x: { label: "winding number ν", ticks: WINDINGS.map(Number) },
    y: { label: "accuracy", range: [0, 1] },
    series: meanSeries(
      records,
      (record) =>
        WINDINGS.map((w) => [Number(w), record.metrics.accuracyByWinding[w] ?? null] as Point),
    ),
  }],
  tables: (records) => [{
    columns: ["architecture", "cell", ...WINDINGS.map((w) => `ν = ${w.replace("-", "−")}`)],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.id,
      ...WINDINGS.map((w) => {
        const accuracy = record.metrics.accuracyByWinding[w];
        return accuracy == null ? "n/a" : formatMetric(accuracy);
      }),
    ]),
  }],
  cells: (profile, architectures, backend) =>
    transferCells(
      "winding",
      profile,
      architectures,
      backend,
      ["extended-clean-32"],
      "extended-clean-32",
    ),
  run: (cell, { useCache }) =>
    scoreTransfer(cell, useCache, "extended-clean-32", (file, predictions) => {
      const { winding: labels } = file.labels("test");
      const score = (keep: (i: number) => boolean) =>
        scoredAccuracy(file, "test", predictions, keep).accuracy;
      return {
        accuracyByWinding: Object.fromEntries(
          [-1, 0, 1, 2].map((w) => [w, score((i) => labels[i] === w)]),
        ),
        seenAccuracy: score((i) => labels[i] === 0 || labels[i] === 1),
        unseenAccuracy: score((i) => labels[i] === -1 || labels[i] === 2),
      };
    }, [0, 1]),
};
