import type { FigureAxis, FigureSpec } from "../studies/figure_spec.ts";
import { STUDIES } from "../studies/studies.ts";
import { studyRecords } from "../studies/study_records.ts";
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

function axisLabel(axis: FigureAxis): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}

/** A study's figure spec as chart-island props (a heatmap's overlay drawn as a series). */
function chartSpec(spec: FigureSpec): ChartSpec {
  const heat = spec.heatmap;
  return {
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    xLabel: axisLabel(spec.x),
    yLabel: axisLabel(spec.y),
    series: heat?.overlays ? [...spec.series, ...heat.overlays] : spec.series,
    ...(spec.y.range ? { yRange: spec.y.range } : {}),
    ...(spec.x.log ? { xLog: true } : {}),
    ...(spec.x.categories ? { categories: spec.x.categories } : {}),
    ...(heat
      ? {
        heatmap: {
          x: spec.x.range ?? [0, 1],
          y: spec.y.range ?? [0, 1],
          values: heat.values,
          range: heat.range,
        },
      }
      : {}),
  };
}

/**
 * The figures behind a study's board, as chart-island props: the study's own figure specs
 * (lib/studies), computed from its ok records, those with data only. Empty for an unknown
 * study or one without a figure; a record whose metrics break the study's schema is a
 * `TypeError` naming the study and the field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { studyFigures } from "./figures.ts";
 *
 * assert.deepEqual(studyFigures("expressivity", []), []);
 * assert.deepEqual(studyFigures("disorder", []), []);
 * ```
 */
export function studyFigures(study: string, records: readonly StudyRecord[]): ChartSpec[] {
  const declaration = STUDIES.find((entry) => entry.name === study);
  if (!declaration) return [];
  return declaration.figures(studyRecords(declaration, records))
    .filter((spec) => spec.heatmap || spec.series.some((series) => series.points.length))
    .map(chartSpec);
}
