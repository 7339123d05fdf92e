import { scoreTransfer, transferCells } from "./_transfer.ts";
import { scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";

/**
 * Study 5, generalization across winding: trained on the extended chains of windings 0 and 1
 * only (`extended-clean-32`), tested on all four windings; the windings −1 and 2 were never seen.
 */
export const winding: Study = {
  name: "winding",
  title: "Generalization across winding",
  question: "Does a network trained on windings {0, 1} recognize −1 and 2?",
  ranking: {
    metric: "unseenAccuracy",
    higherIsBetter: true,
    description: "accuracy on the unseen windings −1 and 2, mean over seeds",
  },
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
