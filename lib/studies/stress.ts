import { resolveArchitecture } from "../models/registry.ts";
import { _trainCell } from "./_cells.ts";
import { _bins, _open, _parameter, _transferCells } from "./_transfer.ts";
import { predict, scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";

/**
 * Study 6, chiral-breaking stress: trained on clean chains, tested on `plain-onsite-32`, where
 * on-site disorder (W ∈ [0, 3]) breaks chiral symmetry and the winding is no longer protected:
 * agreement with the RSWN label and the RSWN's ambiguity rate, per on-site strength.
 */
export const stress: Study = {
  name: "stress",
  title: "Chiral-breaking stress",
  question: "How do predictions degrade when the symmetry protecting the invariant is broken?",
  ranking: {
    metric: "agreement",
    higherIsBetter: true,
    description:
      "agreement with the RSWN label on non-ambiguous plain-onsite-32 samples, mean over seeds",
  },
  cells: (profile, architectures, backend) =>
    _transferCells("stress", profile, architectures, backend, ["plain-onsite-32"]),
  async run(cell, { useCache }) {
    const { model, datasetHash, run } = await _trainCell(cell, useCache);
    const file = await _open("plain-onsite-32");
    try {
      const predictions = await predict(model, file, "test", cell.representation);
      const { accuracy, samples } = scoredAccuracy(file, "test", predictions);
      return {
        status: "ok",
        architectureVersion: resolveArchitecture(cell.architecture).version,
        datasets: [{ name: cell.trainDataset!, hash: datasetHash }, {
          name: file.spec.name,
          hash: file.hash,
        }],
        metrics: {
          agreement: accuracy,
          samples,
          bins: _bins(file, predictions, _parameter(file, "onsiteDisorder"), 0, 3, 6),
        },
        samplesPerSecond: run.samplesPerSecond,
      };
    } finally {
      model.dispose();
      file.close();
    }
  },
};
