import { z } from "zod";
import {
  accuracyBins,
  binPoints,
  binSeries,
  binsSchema,
  sampleParameter,
  scoreTransfer,
  transferCells,
} from "./_transfer.ts";
import { scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";

const metrics = z.object({
  agreement: z.number().nullable(),
  samples: z.number(),
  bins: binsSchema,
});

/**
 * Study 6, chiral-breaking stress, an out-of-class probe (not a test of the invariant): trained on clean chains, tested on `plain-onsite-32`, where
 * on-site disorder (W ∈ [0, 3]) breaks chiral symmetry and the winding is no longer protected:
 * agreement with the RSWN label and the RSWN's ambiguity rate, per on-site strength.
 */
export const stress: Study<z.infer<typeof metrics>> = {
  name: "stress",
  title: "Out-of-class probe: chiral-breaking on-site disorder",
  question:
    "Out of class (on-site disorder breaks the chiral symmetry, so the winding is not protected): how do predictions degrade?",
  scoresFixedModels: true,
  ranking: {
    metric: "agreement",
    higherIsBetter: true,
    description:
      "out-of-class probe, not a test of the invariant: agreement with the RSWN label on non-ambiguous plain-onsite-32 samples (on-site disorder breaks chiral symmetry), mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "agreement-vs-onsite",
    file: "agreement-vs-onsite.svg",
    title: "Out-of-class probe: agreement with the RSWN vs on-site disorder",
    caption:
      "On-site disorder breaks chiral symmetry (class AIII → class A), so the winding is not protected and the RSWN label is only a reference; mean over seeds per bin of W, with the bootstrap 95% interval over seeds (Wilson for one seed). The RSWN's ambiguous share is drawn beside.",
    x: { label: "on-site disorder W" },
    y: { label: "agreement", range: [0, 1] },
    series: [
      ...binSeries(records, (record) => record.metrics.bins),
      ...(records.length
        ? [{
          name: "ambiguous share (labels)",
          style: "points" as const,
          points: binPoints(records[0].metrics.bins, "ambiguityRate"),
        }]
        : []),
    ],
  }],
  cells: (profile, architectures, backend) =>
    transferCells("stress", profile, architectures, backend, ["plain-onsite-32"]),
  run: (cell, { useCache }) =>
    scoreTransfer(cell, useCache, "plain-onsite-32", (file, predictions) => {
      const { accuracy, samples } = scoredAccuracy(file, "test", predictions);
      const onsite = sampleParameter(file, "onsiteDisorder");
      return {
        agreement: accuracy,
        samples,
        bins: accuracyBins(file, predictions, onsite, 0, 3, 6),
      };
    }),
};
