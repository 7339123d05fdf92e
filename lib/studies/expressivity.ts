import { z } from "zod";
import { CATALOG, classWindingsOf, loadDataset } from "../data/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell } from "./_cells.ts";
import { predict, scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";
import { formatMetric } from "./format_metric.ts";

const metrics = z.object({
  accuracy: z.number(),
  samples: z.number(),
  /** max |ν_net − RSWN| over the test split. */
  maxInvariantError: z.number(),
  cells: z.number(),
});

/**
 * Study 1, expressivity: every exact-invariant architecture at its exact weights on every chiral
 * standard dataset but the phase-diagram grid's columns (other sizes by `resize`): accuracy and
 * max |ν_net − RSWN|.
 */
export const expressivity: Study<z.infer<typeof metrics>> = {
  name: "expressivity",
  title: "Expressivity: the exact-invariant network at its exact weights",
  question: "Does the hybrid tensor network express the RSWN exactly, on every standard dataset?",
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
      record.metrics.maxInvariantError.toExponential(2),
    ]),
  }],
  cells(profile, architectures, backend) {
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      const architecture = resolveArchitecture(name);
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
      // The phase-diagram grid's columns are the disorder datasets' chains at fixed v: left out
      // (plain-disorder-32 covers them) to keep the quick profile short.
      const chiral = CATALOG.filter((entry) =>
        entry.disorder?.onsite === undefined && !entry.name.startsWith("phase-grid-")
      );
      for (const spec of chiral) {
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
  async run(cell) {
    const architecture = resolveArchitecture(cell.architecture, cell.architectureConfig);
    if (!architecture.exactInvariant) {
      return {
        status: "not-applicable",
        reason: `${cell.architecture} has no exact initialization`,
        architectureVersion: architecture.version,
        datasets: [],
        metrics: {},
        samplesPerSecond: null,
      };
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
      const rswn = file.labels("test").realSpaceWinding;
      let worst = 0;
      predictions.indices.forEach((index) => {
        worst = Math.max(worst, Math.abs(predictions.invariant![index] - rswn[index]));
      });
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
