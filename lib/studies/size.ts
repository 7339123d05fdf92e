import { z } from "zod";
import { meanSeries, type Point } from "./_series.ts";
import { resolveArchitecture } from "../models/registry.ts";
import { trainCell } from "./_cells.ts";
import { open, transferCells } from "./_transfer.ts";
import { catalogSpec } from "../data/mod.ts";
import { predict, scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";

const SIZES = [16, 32, 64, 128];

const metrics = z.object({
  /** Cells → test accuracy (32: the training size). */
  accuracyBySize: z.record(z.number().nullable()),
  meanAccuracy: z.number(),
});

/**
 * Study 4, generalization across size: trained at 32 cells, tested at 16, 64 and 128 cells
 * (`plain-clean-N`) by resizing; fixed-size architectures are "not applicable".
 */
export const size: Study<z.infer<typeof metrics>> = {
  name: "size",
  title: "Generalization across size",
  question: "Do size-agnostic networks carry what they learned at 32 cells to other sizes?",
  ranking: {
    metric: "meanAccuracy",
    higherIsBetter: true,
    description: "mean test accuracy over 16, 64 and 128 cells, mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "accuracy-vs-size",
    file: "accuracy-vs-size.svg",
    title: "Accuracy vs chain size (trained at 32 cells)",
    caption: "Trained at 32 cells; mean over seeds.",
    x: { label: "cells", ticks: SIZES, log: true },
    y: { label: "accuracy", range: [0, 1] },
    series: meanSeries(
      records,
      (record) =>
        Object.entries(record.metrics.accuracyBySize).map(([cells, accuracy]) =>
          [Number(cells), accuracy] as Point
        ).sort((a, b) => a[0] - b[0]),
    ),
  }],
  cells: (profile, architectures, backend) =>
    transferCells(
      "size",
      profile,
      architectures,
      backend,
      SIZES.filter((n) => n !== 32).map((n) => `plain-clean-${n}`),
    ),
  async run(cell, { useCache }) {
    const architecture = resolveArchitecture(cell.architecture);
    if (!architecture.sizeAgnostic) {
      return {
        status: "not-applicable",
        reason: `${cell.architecture} is built for one size (not size-agnostic)`,
        architectureVersion: architecture.version,
        datasets: [],
        metrics: {},
        samplesPerSecond: null,
      };
    }
    const { model, datasetHash, run } = await trainCell(cell, useCache);
    const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
    const accuracyBySize: Record<string, number | null> = { "32": run.test.accuracy };
    try {
      for (const name of cell.testDatasets) {
        const file = await open(name);
        const cells = file.spec.cells;
        const shape = file.sampleShape(cell.representation);
        const resized = model.resize!({
          representation: cell.representation,
          cells,
          shape: [...shape],
        });
        try {
          accuracyBySize[cells] =
            scoredAccuracy(file, "test", await predict(resized, file, "test", cell.representation))
              .accuracy;
          datasets.push({ name, hash: file.hash });
        } finally {
          resized.dispose();
          file.close();
        }
      }
    } finally {
      model.dispose();
    }
    const others = cell.testDatasets.map((name) => accuracyBySize[catalogSpec(name).cells] ?? 0);
    return {
      status: "ok",
      architectureVersion: architecture.version,
      datasets,
      metrics: { accuracyBySize, meanAccuracy: others.reduce((a, b) => a + b, 0) / others.length },
      samplesPerSecond: run.samplesPerSecond,
    };
  },
};
