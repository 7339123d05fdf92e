import { resolveArchitecture } from "../models/registry.ts";
import { _trainCell } from "./_cells.ts";
import { _open, _transferCells } from "./_transfer.ts";
import { predict, scoredAccuracy } from "./predict.ts";
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
    _transferCells(
      "winding",
      profile,
      architectures,
      backend,
      ["extended-clean-32"],
      "extended-clean-32",
    ),
  async run(cell, { useCache }) {
    const { model, datasetHash, run } = await _trainCell(cell, useCache, [0, 1]);
    const file = await _open("extended-clean-32");
    try {
      const predictions = await predict(model, file, "test", cell.representation);
      const { winding: labels } = file.labels("test");
      const accuracyByWinding: Record<string, number | null> = {};
      for (const w of [-1, 0, 1, 2]) {
        accuracyByWinding[w] = scoredAccuracy(file, "test", predictions, (i) =>
          labels[i] === w).accuracy;
      }
      return {
        status: "ok",
        architectureVersion: resolveArchitecture(cell.architecture).version,
        datasets: [{ name: file.spec.name, hash: datasetHash }],
        metrics: {
          accuracyByWinding,
          seenAccuracy: scoredAccuracy(file, "test", predictions, (i) =>
            labels[i] === 0 || labels[i] === 1).accuracy,
          unseenAccuracy: scoredAccuracy(file, "test", predictions, (i) =>
            labels[i] === -1 || labels[i] === 2).accuracy,
        },
        samplesPerSecond: run.samplesPerSecond,
      };
    } finally {
      model.dispose();
      file.close();
    }
  },
};
