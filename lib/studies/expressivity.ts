import { z } from "zod";
import type { Profile } from "./profiles.ts";
import {
  CATALOG,
  catalogSpec,
  classWindingsOf,
  type DatasetFile,
  loadDataset,
  representationShape,
} from "../data/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell, notApplicable, representationOf, trainCell } from "./_cells.ts";
import { predict, type Predictions, scoredAccuracy } from "./predict.ts";
import type { CellOutcome, Study } from "./study.ts";
import { formatMetric } from "./format_metric.ts";

const metrics = z.object({
  accuracy: z.number(),
  samples: z.number(),
  /**
   * max |ν_net − RSWN| over the test split (a model trained elsewhere: max |ν̂ − RSWN| of an
   * integer output; null for class logits, which have no ν_net).
   */
  maxInvariantError: z.number().nullable(),
  cells: z.number(),
});

/** max |ν_net − RSWN| over the predicted test samples; `null` for a model without ν_net. */
function maxInvariantError(file: DatasetFile, predictions: Predictions): number | null {
  if (!predictions.invariant) return null;
  const rswn = file.labels("test").realSpaceWinding;
  let worst = 0;
  predictions.indices.forEach((index) => {
    worst = Math.max(worst, Math.abs(predictions.invariant![index] - rswn[index]));
  });
  return worst;
}

/**
 * The accuracy of a model trained elsewhere (the ONNX track), at its own weights, on the test
 * split of the cell's dataset: the model is "trained" by the remote trainer with no steps on that
 * dataset (the sandbox only collects its predictions) and scored here.
 */
async function scoreFixedModel(cell: StudyCell, useCache: boolean): Promise<CellOutcome> {
  const [dataset] = cell.testDatasets;
  const { model } = await trainCell({ ...cell, trainDataset: dataset }, useCache);
  const file = await loadDataset(catalogSpec(dataset));
  try {
    const predictions = await predict(model, file, "test", cell.representation);
    const { accuracy, samples } = scoredAccuracy(file, "test", predictions);
    return {
      status: "ok",
      architectureVersion: resolveArchitecture(cell.architecture).version,
      datasets: [{ name: file.spec.name, hash: file.hash }],
      metrics: {
        accuracy,
        samples,
        maxInvariantError: maxInvariantError(file, predictions),
        cells: file.spec.cells,
      },
      samplesPerSecond: null,
    };
  } finally {
    model.dispose();
    file.close();
  }
}

/**
 * The chiral standard datasets the study scores on: all but the on-site (chiral-breaking) ones
 * and the phase-diagram grid's columns, which are the disorder datasets' chains at fixed v (left
 * out: plain-disorder-32 covers them). The quick profile (the 5-minute default bench) keeps the
 * 32-cell ones: the size study scores the other sizes there.
 */
function chiralDatasets(profile: Profile) {
  return CATALOG.filter((entry) =>
    entry.disorder?.onsite === undefined && !entry.name.startsWith("phase-grid-") &&
    (profile.name !== "quick" || entry.cells === 32)
  );
}

/**
 * Study 1, expressivity: every exact-invariant architecture at its exact weights on every chiral
 * standard dataset but the phase-diagram grid's columns (other sizes by `resize`): accuracy and
 * max |ν_net − RSWN|. A model trained elsewhere (the ONNX track) is scored the same way at its own
 * weights, on every chiral standard dataset it can read.
 */
export const expressivity: Study<z.infer<typeof metrics>> = {
  name: "expressivity",
  title: "Expressivity: the exact-invariant network at its exact weights",
  question: "Does the hybrid tensor network express the RSWN exactly, on every standard dataset?",
  scoresFixedModels: true,
  ranking: {
    metric: "accuracy",
    higherIsBetter: true,
    description: "test accuracy on non-ambiguous samples, mean over datasets",
    tieBreak: {
      metric: "maxInvariantError",
      higherIsBetter: false,
      description: "smaller mean max |ν_net − RSWN|",
    },
  },
  metrics,
  figures: () => [],
  tables: (records) => [{
    columns: ["architecture", "dataset", "accuracy", "max |ν_net − RSWN|"],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.testDatasets[0],
      formatMetric(record.metrics.accuracy),
      record.metrics.maxInvariantError?.toExponential(2) ?? "n/a",
    ]),
  }],
  cells(profile, architectures, backend) {
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      const architecture = resolveArchitecture(name);
      if (architecture.trainedElsewhere) {
        // A model trained elsewhere, at its own weights, on every chiral dataset it can read.
        for (const spec of chiralDatasets(profile)) {
          if (!spec.representations.includes(representationOf(name))) continue;
          const shape = representationShape(spec, representationOf(name));
          const input = { representation: representationOf(name), cells: spec.cells, shape };
          if (architecture.inputUnavailable?.(input)) continue;
          const cell = makeCell(
            "expressivity",
            profile,
            name,
            0,
            { kind: "random" },
            null,
            [spec.name],
            backend,
            spec.name,
          );
          cells.push({ ...cell, steps: 0 });
        }
        continue;
      }
      if (!architecture.exactInvariant) {
        cells.push(
          makeCell(
            "expressivity",
            profile,
            name,
            0,
            { kind: "random" },
            null,
            [],
            backend,
            "no-exact",
          ),
        );
        continue;
      }
      for (const spec of chiralDatasets(profile)) {
        if (!architecture.sizeAgnostic && spec.cells !== 32) continue;
        cells.push(
          makeCell(
            "expressivity",
            profile,
            name,
            0,
            { kind: "exact" },
            null,
            [spec.name],
            backend,
            spec.name,
          ),
        );
      }
    }
    return cells;
  },
  async run(cell, { useCache }) {
    const architecture = resolveArchitecture(cell.architecture, cell.architectureConfig);
    if (architecture.trainedElsewhere) return scoreFixedModel(cell, useCache);
    if (!architecture.exactInvariant) {
      return notApplicable(
        `${cell.architecture} has no exact initialization`,
        architecture.version,
      );
    }
    const file = await loadDataset(CATALOG.find((spec) => spec.name === cell.testDatasets[0])!);
    const cells = file.spec.cells;
    const model = architecture.build({
      input: { representation: "amplitudes", cells, shape: [cells, 2 * cells] },
      classWindings: classWindingsOf(file.spec.model),
      seed: cell.seed,
      init: cell.init,
      ...(cell.head === undefined ? {} : { head: cell.head }),
    });
    try {
      const predictions = await predict(model, file, "test", "amplitudes");
      const worst = maxInvariantError(file, predictions);
      const { accuracy, samples } = scoredAccuracy(file, "test", predictions);
      return {
        status: "ok",
        architectureVersion: architecture.version,
        datasets: [{ name: file.spec.name, hash: file.hash }],
        metrics: { accuracy, samples, maxInvariantError: worst, cells },
        samplesPerSecond: null,
      };
    } finally {
      model.dispose();
      file.close();
    }
  },
};
