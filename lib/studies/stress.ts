import { z } from "zod";
import { meanSeries } from "./_series.ts";
import {
  accuracyBins,
  binPoints,
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
 * Study 6, chiral-breaking stress: trained on clean chains, tested on `plain-onsite-32`, where
 * on-site disorder (W ∈ [0, 3]) breaks chiral symmetry and the winding is no longer protected:
 * agreement with the RSWN label and the RSWN's ambiguity rate, per on-site strength.
 */
export const stress: Study<z.infer<typeof metrics>> = {
  name: "stress",
  title: "Chiral-breaking stress",
  question: "How do predictions degrade when the symmetry protecting the invariant is broken?",
  scoresFixedModels: true,
  ranking: {
    metric: "agreement",
    higherIsBetter: true,
    description:
      "agreement with the RSWN label on non-ambiguous plain-onsite-32 samples, mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "agreement-vs-onsite",
    file: "agreement-vs-onsite.svg",
    title: "Agreement with the RSWN vs on-site disorder",
    caption: "On-site disorder breaks chiral symmetry; mean over seeds per bin of W.",
    x: { label: "on-site disorder W" },
    y: { label: "agreement", range: [0, 1] },
    series: meanSeries(records, (record) => binPoints(record.metrics.bins)),
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
