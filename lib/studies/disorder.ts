import { z } from "zod";
import { CATALOG, type DatasetFile } from "../data/mod.ts";
import { andersonPhase } from "../invariants/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { trainCell } from "./_cells.ts";
import {
  accuracyBins,
  accuracyByEdges,
  binSeries,
  binsSchema,
  open,
  sampleParameter,
  transferCells,
} from "./_transfer.ts";
import type { FigureSeries, FigureSpec } from "./figure_spec.ts";
import { predict, type Predictions, scoredAccuracy } from "./predict.ts";
import { wilsonInterval } from "./confidence_interval.ts";
import type { Study, TypedRecord } from "./study.ts";
import { formatMetric } from "./format_metric.ts";

/** The intracell hoppings of the fixed-v cuts (columns of the phase-diagram grid). */
export const DISORDER_CUTS: readonly number[] = [0.5, 0.9, 1.1, 1.3];

/** Edges of the N/ξ bins (the last bin holds everything above 50). */
export const CELLS_OVER_XI_EDGES: readonly number[] = [0, 2, 5, 10, 20, 50, 100];

const cutSchema = z.object({
  intracell: z.number(),
  dataset: z.string(),
  /** W1 where the analytic phase changes along the cut (w = 1, W2 = W1/2). */
  criticalDisorder: z.array(z.number()),
  bins: binsSchema,
  /** Per bin: the share of samples whose RSWN label is the analytic phase (the model aside). */
  labelAnalyticAgreement: z.array(z.number().nullable()),
});

// Fields new in suite 0.3.0 have defaults, so older published records still parse.
const metrics = z.object({
  /** Against the invariant (RSWN labels), non-ambiguous samples of `plain-disorder-32`. */
  accuracy: z.number().nullable(),
  samples: z.number(),
  /** Against the analytic phase, every sample of `plain-disorder-32` (ambiguous ones too). */
  analyticAccuracy: z.number().nullable().default(null),
  cleanAccuracy: z.number().nullable(),
  andersonRegionAccuracy: z.number().nullable(),
  /** Bins of W1 over every v (W2 = W1/2). */
  bins: binsSchema,
  /** Bins of each sample's N/ξ (`cellsOverXi`): the near-boundary region first. */
  cellsOverXiBins: binsSchema.default([]),
  /** Per N/ξ bin: the share of samples whose RSWN label is the analytic phase. */
  cellsOverXiLabelAgreement: z.array(z.number().nullable()).default([]),
  /** Bins of W1 at fixed v (the phase-diagram grid's columns). */
  cuts: z.array(cutSchema).default([]),
});
type Metrics = z.infer<typeof metrics>;

/**
 * The disorder strengths W1 ∈ [0, maxDisorder] at which the analytic phase of the disordered
 * plain chain (w = 1, W2 = W1/2) changes along a cut at fixed `v`, ascending (to 1e-6).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { criticalDisorders } from "./disorder.ts";
 *
 * const [w1] = criticalDisorders(0.5); // clean topological: disorder makes it trivial once
 * assert(w1 > 3 && w1 < 4);
 * assert.equal(criticalDisorders(1.1).length, 2); // the topological Anderson window: in, then out
 * ```
 */
export function criticalDisorders(v: number, maxDisorder = 8): number[] {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new RangeError(`v must be a finite number ≥ 0: received ${v}`);
  }
  const phase = (w1: number) =>
    andersonPhase({ intracell: v, intercell: 1, intracellDisorder: w1, intercellDisorder: w1 / 2 })
      .winding;
  const found: number[] = [];
  const steps = 800;
  for (let k = 0; k < steps; k++) {
    let low = (maxDisorder * k) / steps;
    let high = (maxDisorder * (k + 1)) / steps;
    const start = phase(low);
    if (phase(high) === start) continue;
    while (high - low > 1e-7) {
      const middle = (low + high) / 2;
      if (phase(middle) === start) low = middle;
      else high = middle;
    }
    found.push(Math.round(((low + high) / 2) * 1e6) / 1e6);
  }
  return found;
}

/** The grid column of a cut (`phase-grid-32-v…` with that intracell hopping). */
function cutDataset(v: number): string {
  const spec = CATALOG.find((entry) =>
    entry.name.startsWith("phase-grid-32-") && entry.intracell === v
  );
  if (!spec) throw new RangeError(`no phase-grid column at v = ${v}`);
  return spec.name;
}

/** The labels' agreement with the analytic phase per bin, with Wilson intervals. */
function labelSeries(
  bins: Metrics["bins"],
  agreement: ReadonlyArray<number | null>,
  centre: (bin: { from: number; to: number }) => number = (bin) => (bin.from + bin.to) / 2,
): FigureSeries {
  return {
    name: "RSWN labels vs analytic phase",
    style: "points",
    points: bins.map((bin, k) => [centre(bin), agreement[k] ?? null]),
    intervals: bins.map((bin, k) => {
      const share = agreement[k];
      return share == null ? null : wilsonInterval(Math.round(share * bin.samples), bin.samples);
    }),
  };
}

/** Per bin: the share of the bin's samples (of `indices`) whose label is the analytic phase. */
function labelAgreement(
  file: DatasetFile,
  value: (index: number) => number,
  edges: readonly number[],
  indices: Int32Array,
): Array<number | null> {
  const { winding } = file.labels("test");
  const labels: Predictions = { indices, winding: Int32Array.from(winding), invariant: null };
  return accuracyByEdges(file, labels, value, edges).map((bin) => bin.analyticAccuracy);
}

function figures(records: ReadonlyArray<TypedRecord<Metrics>>): FigureSpec[] {
  const first = records[0];
  const ambiguity = first
    ? [{
      name: "ambiguous share (labels)",
      style: "points" as const,
      points: first.metrics.cellsOverXiBins.map((bin) =>
        [Math.sqrt(Math.max(bin.from, 1) * bin.to), bin.ambiguityRate] as [number, number | null]
      ),
    }]
    : [];
  const xiCentre = (bin: { from: number; to: number }) => Math.sqrt(Math.max(bin.from, 1) * bin.to);
  const cuts: FigureSpec[] = (first?.metrics.cuts ?? []).map((cut, k) => ({
    kind: "line",
    id: `accuracy-vs-disorder-v${String(Math.round(cut.intracell * 100)).padStart(3, "0")}`,
    file: `accuracy-vs-disorder-v${String(Math.round(cut.intracell * 100)).padStart(3, "0")}.svg`,
    title: `Accuracy vs disorder at v = ${cut.intracell} (trained on clean chains)`,
    caption:
      `Cut at fixed v = ${cut.intracell}, w = 1, W2 = W1/2 (${cut.dataset}): agreement with the invariant (non-ambiguous samples) per bin of W1, and how often the N = 32 labels themselves agree with the analytic (N → ∞) phase; the analytic critical disorder is marked. 95% intervals: bootstrap over seeds, or Wilson for one seed.`,
    x: { label: "disorder W1 (W2 = W1/2)", range: [0, 8] },
    y: { label: "accuracy", range: [0, 1] },
    series: [
      ...binSeries(records, (record) => record.metrics.cuts[k].bins),
      labelSeries(cut.bins, cut.labelAnalyticAgreement),
    ],
    annotations: cut.criticalDisorder.map((w1) => ({
      axis: "x" as const,
      value: w1,
      label: `critical W1 = ${w1.toFixed(2)}`,
    })),
  }));
  return [
    ...cuts,
    {
      kind: "line",
      id: "accuracy-vs-cells-over-xi",
      file: "accuracy-vs-cells-over-xi.svg",
      title: "Accuracy vs N/ξ (distance from the Anderson boundary, plain-disorder-32)",
      caption:
        "Per bin of each sample's N/ξ (N = 32 cells over the zero-energy localization length; small: near the phase boundary): agreement with the invariant (non-ambiguous samples) and the share of ambiguous labels; the near-boundary bins are scored, not dropped. 95% intervals: bootstrap over seeds, or Wilson for one seed.",
      x: { label: "N/ξ", log: true, ticks: [1, 2, 5, 10, 20, 50, 100] },
      y: { label: "accuracy / share", range: [0, 1] },
      series: [
        ...binSeries(records, (record) => record.metrics.cellsOverXiBins, "accuracy", xiCentre),
        ...ambiguity,
      ],
      annotations: [{ axis: "x", value: 10, label: "N/ξ = 10" }],
    },
    {
      kind: "line",
      id: "analytic-agreement-vs-cells-over-xi",
      file: "analytic-agreement-vs-cells-over-xi.svg",
      title: "Agreement with the analytic phase vs N/ξ (plain-disorder-32)",
      caption:
        "Per bin of N/ξ: agreement of the prediction with the analytic (N → ∞) phase over every sample, ambiguous ones included, beside how often the N = 32 labels themselves agree with it. 95% intervals: bootstrap over seeds, or Wilson for one seed.",
      x: { label: "N/ξ", log: true, ticks: [1, 2, 5, 10, 20, 50, 100] },
      y: { label: "agreement", range: [0, 1] },
      series: [
        ...binSeries(
          records,
          (record) => record.metrics.cellsOverXiBins,
          "analyticAccuracy",
          xiCentre,
        ),
        ...(first
          ? [
            labelSeries(
              first.metrics.cellsOverXiBins,
              first.metrics.cellsOverXiLabelAgreement,
              xiCentre,
            ),
          ]
          : []),
      ],
      annotations: [{ axis: "x", value: 10, label: "N/ξ = 10" }],
    },
    {
      kind: "line",
      id: "accuracy-vs-disorder",
      file: "accuracy-vs-disorder.svg",
      title: "Accuracy vs disorder, every v ∈ [0, 2] (plain-disorder-32)",
      caption:
        "Averaged over v, so no single critical disorder applies (see the cuts at fixed v). 95% intervals: bootstrap over seeds, or Wilson for one seed.",
      x: { label: "disorder W1 (W2 = W1/2)" },
      y: { label: "accuracy", range: [0, 1] },
      series: binSeries(records, (record) => record.metrics.bins),
    },
  ];
}

/**
 * Study 3, generalization under disorder: trained on clean chains, tested on `plain-disorder-32`
 * (W1 ∈ [0, 8], W2 = W1/2) against the invariant's label and against the analytic phase: per
 * bin of each sample's N/ξ (the near-boundary region scored, with its ambiguity rate), per bin
 * of W1, and per bin of W1 in cuts at fixed v (the phase-diagram grid's columns) with the
 * analytic critical disorder of each cut.
 */
export const disorder: Study<Metrics> = {
  name: "disorder",
  title: "Generalization under disorder",
  question: "Does disorder erode what generic networks learned from clean chains?",
  scoresFixedModels: true,
  ranking: {
    metric: "accuracy",
    higherIsBetter: true,
    description:
      "accuracy on plain-disorder-32 (non-ambiguous samples, label from the invariant), mean over seeds",
    tieBreak: {
      metric: "analyticAccuracy",
      higherIsBetter: true,
      description: "higher agreement with the analytic phase over every sample",
    },
  },
  metrics,
  figures,
  tables: (records) => [{
    columns: [
      "architecture",
      "cell",
      ...CELLS_OVER_XI_EDGES.slice(0, -1).map((edge, k) =>
        `N/ξ ${edge}–${k === CELLS_OVER_XI_EDGES.length - 2 ? "∞" : CELLS_OVER_XI_EDGES[k + 1]}`
      ),
    ],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.id,
      ...record.metrics.cellsOverXiBins.map((bin) =>
        `${bin.accuracy === null ? "n/a" : formatMetric(bin.accuracy)} (ambiguous ${
          bin.ambiguityRate === null ? "n/a" : formatMetric(bin.ambiguityRate)
        })`
      ),
    ]),
  }],
  cells: (profile, architectures, backend) =>
    transferCells("disorder", profile, architectures, backend, [
      "plain-disorder-32",
      ...DISORDER_CUTS.map(cutDataset),
    ]),
  run: (cell, options) => runDisorder(cell, options.useCache),
};

async function runDisorder(cell: StudyCell, useCache: boolean) {
  const { model, datasetHash, run } = await trainCell(cell, useCache);
  const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
  try {
    const file = await open("plain-disorder-32");
    let summary: Omit<Metrics, "cuts">;
    try {
      const predictions = await predict(model, file, "test", cell.representation);
      const v = sampleParameter(file, "t0");
      const { winding, analyticPhase, cellsOverXi } = file.labels("test");
      let analytic = 0;
      for (const index of predictions.indices) {
        if (predictions.winding[index] === analyticPhase[index]) analytic++;
      }
      summary = {
        ...scoredAccuracy(file, "test", predictions),
        analyticAccuracy: predictions.indices.length ? analytic / predictions.indices.length : null,
        cleanAccuracy: run.test.accuracy,
        andersonRegionAccuracy: scoredAccuracy(file, "test", predictions, (i) =>
          v(i) > 1 && winding[i] === 1).accuracy,
        bins: accuracyBins(file, predictions, sampleParameter(file, "intracellDisorder"), 0, 8, 8),
        cellsOverXiBins: accuracyByEdges(
          file,
          predictions,
          (i) => cellsOverXi[i],
          CELLS_OVER_XI_EDGES,
        ),
        cellsOverXiLabelAgreement: labelAgreement(
          file,
          (i) => cellsOverXi[i],
          CELLS_OVER_XI_EDGES,
          predictions.indices,
        ),
      };
      datasets.push({ name: file.spec.name, hash: file.hash });
    } finally {
      file.close();
    }
    const cuts: Metrics["cuts"] = [];
    for (const v of DISORDER_CUTS) {
      const column = await open(cutDataset(v));
      try {
        const predictions = await predict(model, column, "test", cell.representation);
        const w1 = sampleParameter(column, "intracellDisorder");
        cuts.push({
          intracell: v,
          dataset: column.spec.name,
          criticalDisorder: criticalDisorders(v),
          bins: accuracyBins(column, predictions, w1, 0, 8, 8),
          labelAnalyticAgreement: labelAgreement(
            column,
            w1,
            [0, 1, 2, 3, 4, 5, 6, 7, 8],
            predictions.indices,
          ),
        });
        datasets.push({ name: column.spec.name, hash: column.hash });
      } finally {
        column.close();
      }
    }
    return {
      status: "ok" as const,
      architectureVersion: resolveArchitecture(cell.architecture).version,
      datasets,
      metrics: { ...summary, cuts },
      samplesPerSecond: run.samplesPerSecond,
    };
  } finally {
    model.dispose();
  }
}
