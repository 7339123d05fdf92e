import type { FigureAnnotation, FigureAxis, FigureSpec } from "../studies/figure_spec.ts";
import { STUDIES } from "../studies/studies.ts";
import { studyRecords } from "../studies/study_records.ts";
import type { StudyRecord } from "../records/schema.ts";
import { SUITE_VERSION } from "../version.ts";
import { heatColour, OVERLAY_STYLES, seriesColours } from "../reporting/palette.ts";

/** A named series of points, with its colour resolved; `null` y values break the line. */
export interface ChartSeries {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
  /** `points`: markers only (distributions); `line` (default): a line with markers. */
  readonly style?: "line" | "points";
  /** A 95% CI per point: error bars (points) or a band (line). */
  readonly intervals?: ReadonlyArray<readonly [number, number] | null>;
  /** `thin`: light, out of the legend; `thick`: a summary. */
  readonly weight?: "thin" | "thick";
  /** The colour (the palette shared with REPORT.md; a `colorOf` series in its target's). */
  readonly colour: string;
  /** A dash pattern (`"6 4"`), for a heatmap's overlays. */
  readonly dash?: readonly number[];
}

/** A heatmap on a regular grid: `values[y][x]` over `[x0, x1] × [y0, y1]`. */
export interface ChartHeatmap {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** The colour scale's range. */
  readonly range: readonly [number, number];
  /** What a cell's colour means (the colour bar's label). */
  readonly colorBar: string;
  /** The colour bar, low to high: colours at 11 equal steps of `range`. */
  readonly scale: readonly string[];
}

/** Everything a chart island needs: plain, serializable data. */
export interface ChartSpec {
  /** Unique on its page (an HTML id). */
  readonly id: string;
  readonly kind: FigureSpec["kind"];
  readonly title: string;
  readonly caption: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The series, then a heatmap's overlays (the boundaries) as series with a dash. */
  readonly series: readonly ChartSeries[];
  /** How many of the last `series` are a heatmap's overlays. */
  readonly overlays: number;
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  readonly xTicks?: readonly number[];
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  /** Category names for integer x positions (a strip plot). */
  readonly categories?: readonly string[];
  readonly heatmap?: ChartHeatmap;
  readonly annotations?: readonly FigureAnnotation[];
}

function axisLabel(axis: FigureAxis): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}

/**
 * A study's figure spec as chart-island props: every field carried over, colours resolved from
 * the palette REPORT.md's SVGs use, a heatmap's overlays appended as dashed series.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chartSpec } from "./figures.ts";
 *
 * const chart = chartSpec({
 *   kind: "heatmap", id: "p", title: "t", caption: "c",
 *   x: { label: "v", range: [0, 2] }, y: { label: "W1", range: [0, 8] }, series: [],
 *   heatmap: { values: [[0, 1]], range: [0, 1], overlays: [{ name: "analytic", points: [[1, 0]] }] },
 * });
 * assert.equal(chart.overlays, 1);
 * assert.equal(chart.series[0].name, "analytic");
 * assert.equal(chart.heatmap?.scale.length, 11);
 * ```
 */
export function chartSpec(spec: FigureSpec): ChartSpec {
  const heat = spec.heatmap;
  const colours = seriesColours(spec.series);
  const overlays = (heat?.overlays ?? []).map((overlay, index): ChartSeries => {
    const style = OVERLAY_STYLES[index % OVERLAY_STYLES.length];
    return {
      name: overlay.name,
      points: overlay.points,
      colour: style.colour,
      ...(style.dash ? { dash: style.dash.split(" ").map(Number) } : {}),
    };
  });
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    caption: spec.caption,
    xLabel: axisLabel(spec.x),
    yLabel: axisLabel(spec.y),
    series: [
      ...spec.series.map((series, index): ChartSeries => ({
        name: series.name,
        points: series.points,
        ...(series.style ? { style: series.style } : {}),
        ...(series.intervals ? { intervals: series.intervals } : {}),
        ...(series.weight ? { weight: series.weight } : {}),
        colour: colours[index],
      })),
      ...overlays,
    ],
    overlays: overlays.length,
    ...(spec.x.range ? { xRange: spec.x.range } : {}),
    ...(spec.y.range ? { yRange: spec.y.range } : {}),
    ...(spec.x.ticks ? { xTicks: spec.x.ticks } : {}),
    ...(spec.x.log ? { xLog: true } : {}),
    ...(spec.y.log ? { yLog: true } : {}),
    ...(spec.x.categories ? { categories: spec.x.categories } : {}),
    ...(spec.annotations?.length ? { annotations: spec.annotations } : {}),
    ...(heat
      ? {
        heatmap: {
          x: spec.x.range ?? [0, 1],
          y: spec.y.range ?? [0, 1],
          values: heat.values,
          range: heat.range,
          colorBar: heat.colorBar ?? "value",
          scale: Array.from(
            { length: 11 },
            (_, k) =>
              heatColour(heat.range[0] + ((heat.range[1] - heat.range[0]) * k) / 10, heat.range),
          ),
        },
      }
      : {}),
  };
}

/**
 * The figure specs of a study computed from its ok records, those with data only: what the
 * study page draws and what key findings pick their hero figure from. Empty for an unknown
 * study, and for records of another suite version: an archived version's figures are the SVGs
 * its own code published beside its boards (today's declarations read today's metrics), so the
 * site shows those instead of redrawing them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { studyFigureSpecs } from "./figures.ts";
 *
 * assert.deepEqual(studyFigureSpecs("disorder", []), []);
 * ```
 */
export function studyFigureSpecs(study: string, records: readonly StudyRecord[]): FigureSpec[] {
  const declaration = STUDIES.find((entry) => entry.name === study);
  if (!declaration) return [];
  if (records.some((record) => record.suiteVersion !== SUITE_VERSION)) return [];
  return declaration.figures(studyRecords(declaration, records))
    .filter((spec) => spec.heatmap || spec.series.some((series) => series.points.length));
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
  return studyFigureSpecs(study, records).map(chartSpec);
}
