// SVG figures for REPORT.md, drawn from the studies' figure specs: line charts (bands, thin
// per-seed curves beside their thick summary), strip plots (error bars), heatmaps on a regular
// grid with a labelled colour bar and boundary overlays; labelled annotation lines; linear or
// logarithmic axes with nice ticks (d3-scale); a legend that wraps under the plot.
// @ts-types="@types/d3-scale"
import { scaleLinear, scaleLog } from "d3-scale";
import type { FigureAxis, FigureSeries, FigureSpec } from "../studies/figure_spec.ts";
import { heatColour, OVERLAY_STYLES, SERIES_PALETTE, seriesColours } from "./palette.ts";

export { SERIES_PALETTE };

/** A named series of (x, y) points; `null` y values break the line. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
}

const WIDTH = 640;
const PLOT_HEIGHT = 300;
const MARGIN = { left: 64, top: 34, bottom: 46 };
const BAR_SPACE = 96;
const CHAR = 6.6;

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

function axisLabel(axis: FigureAxis): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}

function fmt(value: number): string {
  return value.toFixed(1).replace(/\.0$/, "");
}

interface Axis {
  readonly scale: (value: number) => number;
  readonly ticks: ReadonlyArray<{ value: number; text: string }>;
  readonly domain: readonly [number, number];
  readonly log: boolean;
}

/** A d3 scale onto `[from, to]` pixels, with nice ticks (or the spec's own). */
function makeAxis(
  axis: FigureAxis,
  values: readonly number[],
  [from, to]: readonly [number, number],
  fallback: readonly [number, number],
  count: number,
): Axis {
  if (axis.categories) {
    const domain: [number, number] = [-0.5, axis.categories.length - 0.5];
    const scale = scaleLinear().domain(domain).range([from, to]);
    return {
      scale,
      ticks: axis.categories.map((text, value) => ({ value, text })),
      domain,
      log: false,
    };
  }
  if (axis.log) {
    const positive = values.filter((value) => value > 0);
    const domain: [number, number] = axis.range && axis.range[0] > 0
      ? [axis.range[0], axis.range[1]]
      : positive.length
      ? [Math.min(...positive), Math.max(...positive)]
      : [1, 10];
    if (domain[0] === domain[1]) domain[1] = domain[0] * 10;
    const scale = scaleLog().domain(domain).range([from, to]);
    const format = scale.tickFormat(count, "~g");
    const ticks = (axis.ticks ?? scale.ticks(count)).map((value) => ({
      value,
      text: axis.ticks ? String(value) : format(value),
    })).filter((tick) => tick.text !== "");
    return { scale, ticks, domain, log: true };
  }
  let domain: [number, number] = axis.range
    ? [axis.range[0], axis.range[1]]
    : values.length
    ? [Math.min(fallback[0], ...values), Math.max(fallback[1], ...values)]
    : [fallback[0], fallback[1]];
  if (domain[0] === domain[1]) domain = [domain[0] - 0.5, domain[1] + 0.5];
  let scale = scaleLinear().domain(domain).range([from, to]);
  if (!axis.range) {
    scale = scale.nice(count);
    domain = scale.domain() as [number, number];
  }
  const format = scale.tickFormat(count);
  const ticks = (axis.ticks ?? scale.ticks(count)).map((value) => ({
    value,
    text: axis.ticks ? String(+value.toPrecision(6)) : format(value).replace(/,/g, ""),
  }));
  return { scale, ticks, domain, log: false };
}

interface LegendItem {
  readonly name: string;
  readonly colour: string;
  readonly dash: string;
  readonly marker: boolean;
}

/** Legend items laid out in rows that wrap at `width`; returns the SVG and its height. */
function legend(items: readonly LegendItem[], left: number, top: number, width: number): {
  svg: string[];
  height: number;
} {
  const svg: string[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const itemWidth = 30 + item.name.length * CHAR + 14;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row++;
    }
    const y = top + row * 18;
    svg.push(
      `<g class="legend-item"><line x1="${fmt(left + x)}" x2="${fmt(left + x + 22)}" y1="${
        y - 4
      }" y2="${y - 4}" stroke="${item.colour}" stroke-width="2.5"${
        item.dash ? ` stroke-dasharray="${item.dash}"` : ""
      }/>${
        item.marker
          ? `<circle cx="${fmt(left + x + 11)}" cy="${y - 4}" r="3" fill="${item.colour}"/>`
          : ""
      }<text x="${fmt(left + x + 28)}" y="${y}">${escape(item.name)}</text></g>`,
    );
    x += itemWidth;
  }
  return { svg, height: items.length ? (row + 1) * 18 + 6 : 0 };
}

/**
 * A study's figure spec as a standalone SVG, in the site's palette: every field of the spec is
 * drawn. Lines carry their 95% `intervals` as bands, points (`style: "points"`) as error bars;
 * `thin` series are drawn light and kept out of the legend, `thick` ones heavier, `colorOf`
 * series in their target's colour; `annotations` as labelled dashed lines; `x.log` as a
 * logarithmic axis (points at x ≤ 0 cannot be placed and are counted in a note); a heatmap's
 * grid as adjoining cells over `x.range × y.range` with a colour bar labelled `colorBar`, and
 * each of its `overlays` as a black line (solid, dashed, dotted) named in the legend.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { figureSvg } from "./svg_chart.ts";
 *
 * const svg = figureSvg({
 *   kind: "heatmap", id: "p", title: "Phase diagram", caption: "",
 *   x: { label: "v", range: [0, 2] }, y: { label: "W1", range: [0, 8] }, series: [],
 *   heatmap: {
 *     values: [[1, 0], [0, null]], range: [0, 1], colorBar: "fraction topological",
 *     overlays: [{ name: "analytic boundary", points: [[1, 0], [0, 4]] }],
 *   },
 * });
 * assert(svg.includes('class="colour-bar"') && svg.includes("fraction topological"));
 * assert.equal(svg.match(/class="cell"/g)?.length, 4);
 * ```
 */
export function figureSvg(spec: FigureSpec): string {
  if (spec.kind === "heatmap") {
    if (!spec.heatmap || !spec.x.range || !spec.y.range) {
      throw new TypeError(`figureSvg: heatmap "${spec.id}" needs a grid and both axis ranges`);
    }
  }
  const heat = spec.kind === "heatmap" ? spec.heatmap! : undefined;
  const right = heat ? BAR_SPACE : 20;
  const plotWidth = WIDTH - MARGIN.left - right;
  const plotLeft = MARGIN.left;
  const plotTop = MARGIN.top;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const colours = seriesColours(spec.series);
  const xValues = [
    ...spec.series.flatMap((series) => series.points.map(([x]) => x)),
    ...(heat?.overlays ?? []).flatMap((overlay) => overlay.points.map(([x]) => x)),
    ...(spec.annotations ?? []).filter((a) => a.axis === "x").map((a) => a.value),
  ];
  const yValues = [
    ...spec.series.flatMap((series) =>
      series.points.flatMap(([, y], index) => {
        const interval = series.intervals?.[index];
        return [y, ...(interval ?? [])].filter((v): v is number => v !== null);
      })
    ),
    ...(spec.annotations ?? []).filter((a) => a.axis === "y").map((a) => a.value),
  ];
  const x = makeAxis(spec.x, xValues, [plotLeft, plotLeft + plotWidth], [0, 1], 7);
  const y = makeAxis(spec.y, yValues, [plotBottom, plotTop], [0, 1], 6);
  const skipped = x.log ? xValues.filter((value) => value <= 0).length : 0;
  const place = (px: number, py: number) => `${fmt(x.scale(px))},${fmt(y.scale(py))}`;
  const body: string[] = [];
  const clip = `clip-${spec.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  body.push(
    `<defs><clipPath id="${clip}"><rect x="${plotLeft}" y="${plotTop}" width="${
      fmt(plotWidth)
    }" height="${PLOT_HEIGHT}"/></clipPath></defs>`,
  );
  // Grid lines and ticks.
  for (const tick of y.ticks) {
    const py = fmt(y.scale(tick.value));
    body.push(
      `<line x1="${plotLeft}" x2="${fmt(plotLeft + plotWidth)}" y1="${py}" y2="${py}" stroke="${
        heat ? "none" : "#e3e3e3"
      }"/>`,
      `<text class="tick" x="${plotLeft - 6}" y="${
        fmt(y.scale(tick.value) + 4)
      }" text-anchor="end">${escape(tick.text)}</text>`,
    );
  }
  for (const tick of x.ticks) {
    const px = fmt(x.scale(tick.value));
    body.push(
      heat
        ? ""
        : `<line x1="${px}" x2="${px}" y1="${plotTop}" y2="${plotBottom}" stroke="#f0f0f0"/>`,
      `<line x1="${px}" x2="${px}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#444"/>`,
      `<text class="tick" x="${px}" y="${plotBottom + 17}" text-anchor="middle">${
        escape(tick.text)
      }</text>`,
    );
  }
  const legendItems: LegendItem[] = [];
  if (heat) {
    const rows = heat.values.length;
    const columns = Math.max(0, ...heat.values.map((row) => row.length));
    const [x0, x1] = spec.x.range!;
    const [y0, y1] = spec.y.range!;
    heat.values.forEach((row, j) =>
      row.forEach((value, i) => {
        const left = x.scale(x0 + ((x1 - x0) * i) / columns);
        const rightEdge = x.scale(x0 + ((x1 - x0) * (i + 1)) / columns);
        const top = y.scale(y0 + ((y1 - y0) * (j + 1)) / rows);
        const bottom = y.scale(y0 + ((y1 - y0) * j) / rows);
        body.push(
          `<rect class="cell" x="${fmt(left)}" y="${fmt(top)}" width="${
            fmt(rightEdge - left + 0.4)
          }" height="${fmt(bottom - top + 0.4)}" fill="${
            value === null ? "#d9d9d9" : heatColour(value, heat.range)
          }"><title>${
            value === null ? "no samples" : String(+value.toPrecision(4))
          }</title></rect>`,
        );
      })
    );
    (heat.overlays ?? []).forEach((overlay, index) => {
      const style = OVERLAY_STYLES[index % OVERLAY_STYLES.length];
      const points = overlay.points.filter(([px]) => !x.log || px > 0);
      body.push(
        `<polyline class="overlay" clip-path="url(#${clip})" points="${
          points.map(([px, py]) => place(px, py)).join(" ")
        }" fill="none" stroke="#ffffff" stroke-width="4.5" stroke-opacity="0.7"/>`,
        `<polyline class="overlay" clip-path="url(#${clip})" points="${
          points.map(([px, py]) => place(px, py)).join(" ")
        }" fill="none" stroke="${style.colour}" stroke-width="2"${
          style.dash ? ` stroke-dasharray="${style.dash}"` : ""
        }><title>${escape(overlay.name)}</title></polyline>`,
      );
      legendItems.push({
        name: overlay.name,
        colour: style.colour,
        dash: style.dash,
        marker: false,
      });
    });
    // The colour bar.
    const barLeft = plotLeft + plotWidth + 16;
    const gradient = `grad-${spec.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const stops = Array.from({ length: 11 }, (_, k) => {
      const value = heat.range[0] + ((heat.range[1] - heat.range[0]) * k) / 10;
      return `<stop offset="${k * 10}%" stop-color="${heatColour(value, heat.range)}"/>`;
    }).join("");
    const bar = scaleLinear().domain(heat.range).range([plotBottom, plotTop]);
    body.push(
      `<g class="colour-bar"><defs><linearGradient id="${gradient}" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient></defs>`,
      `<rect x="${
        fmt(barLeft)
      }" y="${plotTop}" width="14" height="${PLOT_HEIGHT}" fill="url(#${gradient})" stroke="#444"/>`,
      ...bar.ticks(5).map((value) =>
        `<line x1="${fmt(barLeft + 14)}" x2="${fmt(barLeft + 18)}" y1="${fmt(bar(value))}" y2="${
          fmt(bar(value))
        }" stroke="#444"/><text class="tick" x="${fmt(barLeft + 21)}" y="${fmt(bar(value) + 4)}">${
          escape(bar.tickFormat(5)(value))
        }</text>`
      ),
      `<text transform="translate(${fmt(barLeft + 64)} ${
        fmt(plotTop + PLOT_HEIGHT / 2)
      }) rotate(90)" text-anchor="middle">${escape(heat.colorBar ?? "value")}</text></g>`,
    );
  }
  // Series: bands first (under the lines), then lines, error bars and markers.
  spec.series.forEach((series, index) => {
    const colour = colours[index];
    const drawable = series.points.map(([px, py], k) => ({
      px,
      py,
      interval: series.intervals?.[k] ?? null,
    })).filter(({ px }) => !x.log || px > 0);
    if (series.style !== "points" && series.intervals) {
      const runs: Array<typeof drawable> = [[]];
      for (const point of drawable) {
        if (point.interval === null || point.py === null) runs.push([]);
        else runs[runs.length - 1].push(point);
      }
      for (const run of runs.filter((r) => r.length > 1)) {
        const upper = run.map((p) => place(p.px, p.interval![1]));
        const lower = run.map((p) => place(p.px, p.interval![0])).reverse();
        body.push(
          `<polygon class="band" clip-path="url(#${clip})" points="${
            [...upper, ...lower].join(" ")
          }" fill="${colour}" fill-opacity="${
            series.weight === "thin" ? 0.08 : 0.18
          }" stroke="none"/>`,
        );
      }
    }
  });
  spec.series.forEach((series, index) => {
    const colour = colours[index];
    const thin = series.weight === "thin";
    const width = thin ? 1 : series.weight === "thick" ? 3 : 2;
    const opacity = thin ? 0.35 : 1;
    const drawable = series.points.map(([px, py], k) => ({
      px,
      py,
      interval: series.intervals?.[k] ?? null,
    })).filter(({ px }) => !x.log || px > 0);
    if (series.style !== "points") {
      const runs: string[][] = [[]];
      for (const { px, py } of drawable) {
        if (py === null) runs.push([]);
        else runs[runs.length - 1].push(place(px, py));
      }
      for (const run of runs.filter((r) => r.length > 0)) {
        body.push(
          `<polyline class="series${thin ? " thin" : ""}" clip-path="url(#${clip})" points="${
            run.join(" ")
          }" fill="none" stroke="${colour}" stroke-width="${width}" stroke-opacity="${opacity}" stroke-linejoin="round"/>`,
        );
      }
    }
    for (const { px, py, interval } of drawable) {
      if (series.style === "points" && interval) {
        const cx = fmt(x.scale(px));
        const [top, bottom] = [fmt(y.scale(interval[1])), fmt(y.scale(interval[0]))];
        body.push(
          `<path class="error-bar" d="M${cx},${top}V${bottom}M${fmt(x.scale(px) - 4)},${top}h8M${
            fmt(x.scale(px) - 4)
          },${bottom}h8" stroke="${colour}" stroke-width="1.5" fill="none"/>`,
        );
      }
      if (py !== null && !thin) {
        body.push(
          `<circle cx="${fmt(x.scale(px))}" cy="${fmt(y.scale(py))}" r="${
            series.style === "points" ? 3.5 : 2.5
          }" fill="${colour}"/>`,
        );
      }
    }
    if (!thin) {
      legendItems.push({ name: series.name, colour, dash: "", marker: true });
    }
  });
  // Annotations: labelled dashed lines.
  for (const annotation of spec.annotations ?? []) {
    if (annotation.axis === "x") {
      if (x.log && annotation.value <= 0) continue;
      const px = fmt(x.scale(annotation.value));
      body.push(
        `<g class="annotation"><line x1="${px}" x2="${px}" y1="${plotTop}" y2="${plotBottom}" stroke="#333" stroke-width="1.5" stroke-dasharray="5 3"/><text x="${
          fmt(x.scale(annotation.value) + 4)
        }" y="${plotTop + 12}" font-size="11">${escape(annotation.label)}</text></g>`,
      );
    } else {
      const py = fmt(y.scale(annotation.value));
      body.push(
        `<g class="annotation"><line x1="${plotLeft}" x2="${
          fmt(plotLeft + plotWidth)
        }" y1="${py}" y2="${py}" stroke="#333" stroke-width="1.5" stroke-dasharray="5 3"/><text x="${
          fmt(plotLeft + plotWidth - 4)
        }" y="${fmt(y.scale(annotation.value) - 4)}" font-size="11" text-anchor="end">${
          escape(annotation.label)
        }</text></g>`,
      );
    }
  }
  body.push(
    `<rect x="${plotLeft}" y="${plotTop}" width="${
      fmt(plotWidth)
    }" height="${PLOT_HEIGHT}" fill="none" stroke="#444"/>`,
    `<text x="${fmt(plotLeft + plotWidth / 2)}" y="${plotBottom + 36}" text-anchor="middle">${
      escape(axisLabel(spec.x))
    }${
      skipped ? ` — ${skipped} point${skipped > 1 ? "s" : ""} at x ≤ 0 not shown (log axis)` : ""
    }</text>`,
    `<text transform="translate(16 ${
      fmt(plotTop + PLOT_HEIGHT / 2)
    }) rotate(-90)" text-anchor="middle">${escape(axisLabel(spec.y))}</text>`,
  );
  const key = legend(legendItems, plotLeft, plotBottom + MARGIN.bottom + 10, WIDTH - plotLeft - 10);
  const height = plotBottom + MARGIN.bottom + key.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" data-kind="${spec.kind}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plotLeft}" y="20" font-weight="bold" font-size="14">${escape(spec.title)}</text>`,
    ...body.filter(Boolean),
    ...key.svg,
    "</svg>",
  ].join("\n") + "\n";
}

/**
 * A line chart with markers, axes, nice ticks and a wrapping legend (a {@linkcode figureSvg} of
 * a line figure).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./svg_chart.ts";
 *
 * const svg = lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "a", points: [[0, 1], [1, 0.5]] }] });
 * assert(svg.startsWith("<svg") && svg.includes("<polyline"));
 * ```
 */
export function lineChart(options: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly (Series | FigureSeries)[];
  yRange?: readonly [number, number];
  xTicks?: readonly number[];
}): string {
  return figureSvg({
    kind: "line",
    id: "line",
    title: options.title,
    caption: "",
    x: { label: options.xLabel, ...(options.xTicks ? { ticks: options.xTicks } : {}) },
    y: { label: options.yLabel, ...(options.yRange ? { range: options.yRange } : {}) },
    series: options.series,
  });
}

/**
 * A heatmap of a grid of values in [0, 1] (null cells grey), row 0 at the bottom, with a colour
 * bar and an optional overlay polyline in axis coordinates (a {@linkcode figureSvg} of a
 * heatmap figure).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heatmap } from "./svg_chart.ts";
 *
 * assert(heatmap({ title: "t", xLabel: "x", yLabel: "y", grid: [[0, 1], [null, 0.5]], xRange: [0, 2], yRange: [0, 8] }).includes("<rect"));
 * ```
 */
export function heatmap(options: {
  title: string;
  xLabel: string;
  yLabel: string;
  grid: ReadonlyArray<ReadonlyArray<number | null>>;
  xRange: readonly [number, number];
  yRange: readonly [number, number];
  overlay?: ReadonlyArray<readonly [number, number]>;
}): string {
  return figureSvg({
    kind: "heatmap",
    id: "heatmap",
    title: options.title,
    caption: "",
    x: { label: options.xLabel, range: options.xRange },
    y: { label: options.yLabel, range: options.yRange },
    series: [],
    heatmap: {
      values: options.grid,
      range: [0, 1],
      ...(options.overlay ? { overlays: [{ name: "boundary", points: options.overlay }] } : {}),
    },
  });
}
