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
  accuracy: z.number().nullable(),
  samples: z.number(),
  cleanAccuracy: z.number().nullable(),
  andersonRegionAccuracy: z.number().nullable(),
  bins: binsSchema,
});

/**
 * Study 3, generalization under disorder: trained on clean chains, tested on `plain-disorder-32`
 * (W1 ∈ [0, 8], W2 = W1/2) against the invariant's label, per disorder bin, and in the
 * topological Anderson region (clean-trivial `v > 1`, invariant 1).
 */
export const disorder: Study<z.infer<typeof metrics>> = {
  name: "disorder",
  title: "Generalization under disorder",
  question: "Does disorder erode what generic networks learned from clean chains?",
  scoresFixedModels: true,
  ranking: {
    metric: "accuracy",
    higherIsBetter: true,
    description:
      "accuracy on plain-disorder-32 (non-ambiguous samples, label from the invariant), mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "accuracy-vs-disorder",
    file: "accuracy-vs-disorder.svg",
    title: "Accuracy vs disorder (trained on clean chains)",
    caption:
      "Trained on clean chains, scored on disordered ones; mean over seeds per bin of W1 (W2 = W1/2).",
    x: { label: "disorder W1 (W2 = W1/2)" },
    y: { label: "accuracy", range: [0, 1] },
    series: meanSeries(records, (record) => binPoints(record.metrics.bins)),
  }],
  cells: (profile, architectures, backend) =>
    transferCells("disorder", profile, architectures, backend, ["plain-disorder-32"]),
  run: (cell, { useCache }) =>
    scoreTransfer(cell, useCache, "plain-disorder-32", (file, predictions, run) => {
      const v = sampleParameter(file, "t0");
      const { winding } = file.labels("test");
      return {
        ...scoredAccuracy(file, "test", predictions),
        cleanAccuracy: run.test.accuracy,
        andersonRegionAccuracy: scoredAccuracy(file, "test", predictions, (i) =>
          v(i) > 1 && winding[i] === 1).accuracy,
        bins: accuracyBins(file, predictions, sampleParameter(file, "intracellDisorder"), 0, 8, 8),
      };
    }),
};
