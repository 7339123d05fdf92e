import { z } from "zod";
import { architectureNames } from "../models/registry.ts";
import { formatMetric } from "./format_metric.ts";
import { recordBadges } from "./record_badges.ts";
import { countedSeries, type Point } from "./_series.ts";
import { predictsConstant, scoreTransfer, transferCells } from "./_transfer.ts";
import { scoredAccuracy } from "./predict.ts";
import type { Study, TypedRecord } from "./study.ts";

const WINDINGS = ["-1", "0", "1", "2"];

/**
 * The suite's own architectures (registered when this module loads): their winding cells ask
 * for the integer head. Outside submissions, registered later, keep their own head: the
 * submission contract does not yet let one declare an integer head.
 */
const SUITE_ARCHITECTURES = new Set(architectureNames());

/** The windings the winding study trains on; −1 and 2 are scored, never seen. */
export const SEEN_WINDINGS: readonly number[] = [0, 1];

// Fields new in suite 0.3.0 have defaults, so older published records still parse.
const metrics = z.object({
  /** Winding (−1, 0, 1, 2) → test accuracy; null where no sample was scored. */
  accuracyByWinding: z.record(z.number().nullable()),
  seenAccuracy: z.number().nullable(),
  unseenAccuracy: z.number().nullable(),
  /** The head the cell trained (integer: `round(ν̂)`, so −1 and 2 can be answered). */
  head: z.enum(["class", "integer"]).default("class"),
  /** The model answered one winding for every unseen sample. */
  constantOnUnseen: z.boolean().default(false),
  /** Winding → samples scored (non-ambiguous). */
  samplesByWinding: z.record(z.number()).default({}),
});
type Metrics = z.infer<typeof metrics>;

function label(record: TypedRecord<Metrics>): string {
  const badges = recordBadges(record);
  return badges.length ? ` (${badges.join(", ")})` : "";
}

/**
 * Study 5, generalization across winding: every architecture of the suite with an integer head
 * (one output `ν̂`, prediction `round(ν̂)`; outside submissions with their own head), trained on the extended chains of windings 0 and 1 only
 * (`extended-clean-32`), tested on all four windings; −1 and 2 were never seen. The ridge
 * baseline on the offset sums S(d) (`ridge-offset-sums`) is scored beside the networks: the bar
 * a network must clear.
 */
export const winding: Study<Metrics> = {
  name: "winding",
  title: "Generalization across winding (integer heads)",
  question: "Does a network trained on windings {0, 1} recognize −1 and 2?",
  scoresFixedModels: true,
  ranking: {
    metric: "unseenAccuracy",
    higherIsBetter: true,
    description:
      "accuracy on the unseen windings −1 and 2 (integer head, trained on 0 and 1), mean over seeds",
    tieBreak: {
      metric: "seenAccuracy",
      higherIsBetter: true,
      description: "higher accuracy on the seen windings 0 and 1",
    },
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "accuracy-by-winding",
    file: "accuracy-by-winding.svg",
    title: "Accuracy by winding number (integer heads, trained on ν ∈ {0, 1})",
    caption:
      "Trained on ν ∈ {0, 1}; ν = −1 and ν = 2 are unseen. Mean over seeds with the bootstrap 95% interval (one seed: the Wilson interval of its samples); the ridge baseline on S(d) beside the networks.",
    x: { label: "winding number ν", ticks: WINDINGS.map(Number) },
    y: { label: "accuracy", range: [0, 1] },
    series: countedSeries(
      records,
      (record) =>
        WINDINGS.map((w) => [Number(w), record.metrics.accuracyByWinding[w] ?? null] as Point),
      (record) => WINDINGS.map((w) => record.metrics.samplesByWinding[w]),
    ),
    annotations: [{ axis: "x", value: 1.5, label: "unseen ν = 2 →" }, {
      axis: "x",
      value: -0.5,
      label: "← unseen ν = −1",
    }],
  }],
  tables: (records) => [{
    columns: [
      "architecture",
      "cell",
      ...WINDINGS.map((w) => `ν = ${w.replace("-", "−")}`),
      "unseen",
    ],
    rows: records.map((record) => [
      `${record.cell.architecture}${label(record)}`,
      record.cell.id,
      ...WINDINGS.map((w) => {
        const accuracy = record.metrics.accuracyByWinding[w];
        return accuracy == null ? "n/a" : formatMetric(accuracy);
      }),
      record.metrics.constantOnUnseen ? "predicts a constant" : "",
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
    ).map((cell) =>
      SUITE_ARCHITECTURES.has(cell.architecture) ? { ...cell, head: "integer" as const } : cell
    ),
  run: (cell, { useCache }) =>
    scoreTransfer(cell, useCache, "extended-clean-32", (file, predictions) => {
      const { winding: labels } = file.labels("test");
      const score = (keep: (i: number) => boolean) =>
        scoredAccuracy(file, "test", predictions, keep).accuracy;
      const unseen = (i: number) => labels[i] === -1 || labels[i] === 2;
      return {
        accuracyByWinding: Object.fromEntries(
          [-1, 0, 1, 2].map((w) => [w, score((i) => labels[i] === w)]),
        ),
        seenAccuracy: score((i) => SEEN_WINDINGS.includes(labels[i])),
        unseenAccuracy: score(unseen),
        head: cell.head ?? "class",
        constantOnUnseen: predictsConstant(file, predictions, unseen),
        samplesByWinding: Object.fromEntries(
          [-1, 0, 1, 2].map((w) => [
            w,
            scoredAccuracy(file, "test", predictions, (i) => labels[i] === w).samples,
          ]),
        ),
      };
    }, SEEN_WINDINGS),
};
