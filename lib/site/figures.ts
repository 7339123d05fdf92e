import { andersonBoundaryCurve } from "../invariants/anderson_phase.ts";
import type { StudyRecord } from "../records/schema.ts";

/** A named series of points; `null` y values break the line. */
export interface ChartSeries {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
  /** `points`: markers only (distributions); `line` (default): a line with markers. */
  readonly style?: "line" | "points";
}

/** A heatmap on a regular grid: `values[y][x]` over `[x0, x1] × [y0, y1]`. */
export interface ChartHeatmap {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** The colour scale's range. */
  readonly range: readonly [number, number];
}

/** Everything a chart island needs: plain, serializable data. */
export interface ChartSpec {
  /** Unique on its page (an HTML id). */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly yRange?: readonly [number, number];
  readonly xLog?: boolean;
  /** Category names for integer x positions (a strip plot). */
  readonly categories?: readonly string[];
  readonly heatmap?: ChartHeatmap;
}

type Point = [number, number | null];

function okRecords(records: readonly StudyRecord[]): StudyRecord[] {
  return records.filter((record) => record.status === "ok");
}

/** Mean over seeds of a per-record series, one series per architecture (and init kind). */
function meanSeries(
  records: readonly StudyRecord[],
  points: (record: StudyRecord) => Point[] | null,
  label: (record: StudyRecord) => string | null = (record) =>
    record.cell.init.kind === "random"
      ? record.cell.architecture
      : `${record.cell.architecture} (${record.cell.init.kind})`,
): ChartSeries[] {
  const groups = new Map<string, Map<number, number[]>>();
  for (const record of okRecords(records)) {
    const name = label(record);
    const own = name === null ? null : points(record);
    if (name === null || own === null) continue;
    const byX = groups.get(name) ?? new Map<number, number[]>();
    for (const [x, y] of own) {
      const ys = byX.get(x) ?? [];
      if (typeof y === "number" && Number.isFinite(y)) ys.push(y);
      byX.set(x, ys);
    }
    groups.set(name, byX);
  }
  return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([name, byX]) => ({
    name,
    points: [...byX.entries()].sort((a, b) => a[0] - b[0]).map(([x, ys]) =>
      [x, ys.length ? ys.reduce((s, y) => s + y, 0) / ys.length : null] as const
    ),
  }));
}

function array<T>(value: unknown): T[] | null {
  return Array.isArray(value) ? (value as T[]) : null;
}

type Bin = { from: number; to: number; accuracy: number | null };

function binPoints(record: StudyRecord): Point[] | null {
  return array<Bin>(record.metrics.bins)?.map((bin) => [(bin.from + bin.to) / 2, bin.accuracy]) ??
    null;
}

/**
 * The figures behind a study's board, computed from its records: accuracy vs disorder, success
 * rate vs init noise, steps-to-target distributions, loss and accuracy curves, pruning curves,
 * phase diagrams with the analytic boundary, accuracy by winding or size. Empty for a study
 * without a figure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { studyFigures } from "./figures.ts";
 *
 * assert.deepEqual(studyFigures("expressivity", []), []);
 * ```
 */
export function studyFigures(study: string, records: readonly StudyRecord[]): ChartSpec[] {
  const figures: ChartSpec[] = [];
  const add = (spec: ChartSpec) => {
    if (spec.series.some((series) => series.points.length) || spec.heatmap) figures.push(spec);
  };
  const random = records.filter((record) => record.cell.init.kind === "random");
  switch (study) {
    case "disorder":
      add({
        id: "accuracy-vs-disorder",
        title: "Accuracy vs disorder",
        caption:
          "Trained on clean chains, scored on disordered ones; mean over seeds per bin of W1 (W2 = W1/2).",
        xLabel: "disorder W1",
        yLabel: "accuracy",
        yRange: [0, 1],
        series: meanSeries(records, binPoints),
      });
      break;
    case "stress":
      add({
        id: "agreement-vs-onsite",
        title: "Agreement with the invariant vs on-site disorder",
        caption: "On-site disorder breaks chiral symmetry; mean over seeds per bin of W.",
        xLabel: "on-site disorder W",
        yLabel: "agreement",
        yRange: [0, 1],
        series: meanSeries(records, binPoints),
      });
      break;
    case "size":
      add({
        id: "accuracy-vs-size",
        title: "Accuracy vs chain size",
        caption: "Trained at 32 cells; mean over seeds.",
        xLabel: "cells",
        yLabel: "accuracy",
        yRange: [0, 1],
        xLog: true,
        series: meanSeries(records, (record) => {
          const bySize = record.metrics.accuracyBySize as Record<string, number | null> | undefined;
          return bySize ? Object.entries(bySize).map(([cells, a]) => [Number(cells), a]) : null;
        }),
      });
      break;
    case "winding":
      add({
        id: "accuracy-by-winding",
        title: "Accuracy by winding number",
        caption: "Trained on ν ∈ {0, 1}; ν = −1 and ν = 2 are unseen. Mean over seeds.",
        xLabel: "winding number ν",
        yLabel: "accuracy",
        yRange: [0, 1],
        series: meanSeries(records, (record) => {
          const byWinding = record.metrics.accuracyByWinding as
            | Record<string, number | null>
            | undefined;
          return byWinding ? Object.entries(byWinding).map(([w, a]) => [Number(w), a]) : null;
        }),
      });
      break;
    case "interpretability":
      add({
        id: "pruning",
        title: "Pruning curves: SVD of the first layer",
        caption: "Accuracy with the first layer cut to rank k; mean over seeds.",
        xLabel: "kept rank k",
        yLabel: "accuracy",
        yRange: [0, 1],
        xLog: true,
        series: meanSeries(
          records,
          (record) =>
            array<{ rank: number; accuracy: number | null }>(record.metrics.pruning)?.map((
              point,
            ) => [point.rank, point.accuracy]) ?? null,
        ),
      });
      break;
    case "trainability": {
      const noisy = okRecords(records).filter((record) => record.cell.init.kind !== "random");
      add({
        id: "success-vs-noise",
        title: "Success rate vs init noise",
        caption:
          "Exact-invariant architectures started at the exact weights plus relative noise σ (σ = 0 plotted at the axis's lower end); success: validation accuracy reaches the target.",
        xLabel: "relative init noise σ",
        yLabel: "success rate",
        yRange: [0, 1],
        series: meanSeries(noisy, (record) => {
          const sigma = record.cell.init.kind === "noise" ? record.cell.init.sigma : 0;
          return [[sigma, record.metrics.success as number]];
        }, (record) => record.cell.architecture),
      });
      const names = [...new Set(okRecords(random).map((record) => record.cell.architecture))]
        .sort();
      add({
        id: "steps-to-target",
        title: "Steps to target (random init)",
        caption:
          "One point per seed; runs that never reached the target are not drawn (see the table).",
        xLabel: "architecture",
        yLabel: "steps to target",
        categories: names,
        series: names.map((name, index) => {
          const own = okRecords(random).filter((record) => record.cell.architecture === name);
          return {
            name,
            style: "points" as const,
            points: own.flatMap((record, k) => {
              const steps = record.metrics.stepsToTarget;
              return typeof steps === "number"
                ? [
                  [
                    index + (own.length > 1 ? (k / (own.length - 1) - 0.5) * 0.3 : 0),
                    steps,
                  ] as const,
                ]
                : [];
            }),
          };
        }),
      });
      const curve = (column: 1 | 2) => (record: StudyRecord) =>
        array<number[]>(record.metrics.curve)?.map((row) =>
          [row[0], row[column] ?? null] as Point
        ) ??
          null;
      add({
        id: "loss-curves",
        title: "Training loss (random init)",
        caption: "Mean over seeds at each evaluation step.",
        xLabel: "step",
        yLabel: "loss",
        series: meanSeries(random, curve(1)),
      });
      add({
        id: "accuracy-curves",
        title: "Validation accuracy during training (random init)",
        caption: "Mean over seeds at each evaluation step.",
        xLabel: "step",
        yLabel: "validation accuracy",
        yRange: [0, 1],
        series: meanSeries(random, curve(2)),
      });
      break;
    }
    case "phase-diagram": {
      const boundary: Point[] = andersonBoundaryCurve();
      const line: ChartSeries = { name: "analytic boundary", points: boundary };
      const ok = okRecords(records);
      type Grid = {
        intracell?: [number, number];
        disorder?: [number, number];
        meanPrediction: (number | null)[][];
        meanInvariant: (number | null)[][];
      };
      const grids = new Map<string, Grid[]>();
      for (const record of ok) {
        const grid = record.metrics.grid as Grid | undefined;
        if (!grid) continue;
        const name = record.cell.init.kind === "random"
          ? record.cell.architecture
          : `${record.cell.architecture} (${record.cell.init.kind})`;
        grids.set(name, [...(grids.get(name) ?? []), grid]);
      }
      const mean = (list: Array<(number | null)[][]>) =>
        list[0].map((row, y) =>
          row.map((_v, x) => {
            const values = list.map((g) => g[y]?.[x]).filter((v): v is number =>
              typeof v === "number"
            );
            return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
          })
        );
      const first = [...grids.values()][0]?.[0];
      if (first) {
        add({
          id: "phase-invariant",
          title: "The invariant (RSWN labels)",
          caption:
            "Mean RSWN over the samples of each grid cell, with the analytic (Anderson) phase boundary.",
          xLabel: "intracell hopping v",
          yLabel: "disorder W1",
          series: [line],
          heatmap: {
            x: first.intracell ?? [0, 2],
            y: first.disorder ?? [0, 8],
            values: first.meanInvariant,
            range: [0, 1],
          },
        });
      }
      for (const [name, list] of [...grids.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        add({
          id: `phase-${name.replace(/[^a-z0-9-]+/g, "-").replace(/-+$/, "")}`,
          title: `Phase diagram: ${name}`,
          caption: `Mean predicted winding per grid cell over ${list.length} seed${
            list.length === 1 ? "" : "s"
          }, against the analytic boundary.`,
          xLabel: "intracell hopping v",
          yLabel: "disorder W1",
          series: [line],
          heatmap: {
            x: list[0].intracell ?? [0, 2],
            y: list[0].disorder ?? [0, 8],
            values: mean(list.map((g) => g.meanPrediction)),
            range: [0, 1],
          },
        });
      }
      break;
    }
  }
  return figures;
}
