// Small, dependency-free SVG charts for REPORT.md: line charts and heatmaps.

/** A named series of (x, y) points; `null` y values break the line. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
}

/**
 * The colours of chart series, in order (colour-blind-safe, distinct in grey): shared by the
 * SVG figures of REPORT.md and the site's chart islands.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SERIES_PALETTE } from "./svg_chart.ts";
 *
 * assert.equal(SERIES_PALETTE.length, 8);
 * ```
 */
export const SERIES_PALETTE: readonly string[] = [
  "#2166ac",
  "#e66101",
  "#1b7837",
  "#7b3294",
  "#b2182b",
  "#4d4d4d",
  "#01665e",
  "#c51b7d",
];

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A line chart with markers, axes, ticks and a legend.
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
  series: readonly Series[];
  yRange?: readonly [number, number];
  xTicks?: readonly number[];
}): string {
  const width = 620;
  const height = 360;
  const margin = { left: 56, right: 150, top: 30, bottom: 44 };
  const xs = options.series.flatMap((series) => series.points.map(([x]) => x));
  const ys = options.series.flatMap((series) =>
    series.points.map(([, y]) => y).filter((y): y is number => y !== null)
  );
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = options.yRange ??
    (ys.length ? [Math.min(0, ...ys), Math.max(1, ...ys)] : [0, 1]);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * plotWidth;
  const sy = (y: number) => margin.top + (1 - (y - y0) / (y1 - y0 || 1)) * plotHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<text x="${margin.left}" y="18" font-weight="bold">${escape(options.title)}</text>`,
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444"/>`,
  ];
  const xTicks = options.xTicks ?? Array.from({ length: 5 }, (_, k) => x0 + ((x1 - x0) * k) / 4);
  for (const x of xTicks) {
    parts.push(
      `<text x="${sx(x).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle">${
        tick(x)
      }</text>`,
    );
  }
  for (let k = 0; k <= 4; k++) {
    const y = y0 + ((y1 - y0) * k) / 4;
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${sy(y).toFixed(1)}" y2="${
        sy(y).toFixed(1)
      }" stroke="#ddd"/>`,
      `<text x="${margin.left - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end">${
        tick(y)
      }</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">${
      escape(options.xLabel)
    }</text>`,
    `<text transform="translate(14 ${
      margin.top + plotHeight / 2
    }) rotate(-90)" text-anchor="middle">${escape(options.yLabel)}</text>`,
  );
  options.series.forEach((series, index) => {
    const colour = SERIES_PALETTE[index % SERIES_PALETTE.length];
    const segments: string[][] = [[]];
    for (const [x, y] of series.points) {
      if (y === null) segments.push([]);
      else segments[segments.length - 1].push(`${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
    }
    for (const segment of segments.filter((s) => s.length > 0)) {
      parts.push(
        `<polyline points="${segment.join(" ")}" fill="none" stroke="${colour}" stroke-width="2"/>`,
      );
      for (const point of segment) {
        const [cx, cy] = point.split(",");
        parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`);
      }
    }
    const ly = margin.top + 14 + 18 * index;
    parts.push(
      `<line x1="${width - margin.right + 10}" x2="${width - margin.right + 28}" y1="${
        ly - 4
      }" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${width - margin.right + 34}" y="${ly}">${escape(series.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

/**
 * A heatmap of a grid of values in [0, 1] (null cells grey), row 0 at the bottom, with an optional
 * overlay polyline given in grid coordinates.
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
  const size = 220;
  const margin = { left: 44, top: 28, bottom: 40 };
  const rows = options.grid.length;
  const columns = options.grid[0]?.length ?? 0;
  const cellWidth = size / Math.max(columns, 1);
  const cellHeight = size / Math.max(rows, 1);
  const width = margin.left + size + 12;
  const height = margin.top + size + margin.bottom;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${margin.left}" y="16" font-weight="bold">${escape(options.title)}</text>`,
  ];
  options.grid.forEach((row, y) =>
    row.forEach((value, x) => {
      const fill = value === null ? "#ccc" : blueOrange(value);
      parts.push(
        `<rect x="${(margin.left + x * cellWidth).toFixed(1)}" y="${
          (margin.top + (rows - 1 - y) * cellHeight).toFixed(1)
        }" width="${cellWidth.toFixed(1)}" height="${cellHeight.toFixed(1)}" fill="${fill}"/>`,
      );
    })
  );
  if (options.overlay?.length) {
    const [x0, x1] = options.xRange;
    const [y0, y1] = options.yRange;
    const points = options.overlay.map(([x, y]) =>
      `${(margin.left + ((x - x0) / (x1 - x0)) * size).toFixed(1)},${
        (margin.top + (1 - (y - y0) / (y1 - y0)) * size).toFixed(1)
      }`
    );
    parts.push(
      `<polyline points="${
        points.join(" ")
      }" fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
  }
  parts.push(
    `<text x="${margin.left}" y="${margin.top + size + 14}">${tick(options.xRange[0])}</text>`,
    `<text x="${margin.left + size}" y="${margin.top + size + 14}" text-anchor="end">${
      tick(options.xRange[1])
    }</text>`,
    `<text x="${margin.left + size / 2}" y="${height - 6}" text-anchor="middle">${
      escape(options.xLabel)
    }</text>`,
    `<text x="${margin.left - 4}" y="${margin.top + size}" text-anchor="end">${
      tick(options.yRange[0])
    }</text>`,
    `<text x="${margin.left - 4}" y="${margin.top + 10}" text-anchor="end">${
      tick(options.yRange[1])
    }</text>`,
    `<text transform="translate(12 ${margin.top + size / 2}) rotate(-90)" text-anchor="middle">${
      escape(options.yLabel)
    }</text>`,
    "</svg>",
  );
  return parts.join("\n") + "\n";
}

function blueOrange(value: number): string {
  const t = Math.min(1, Math.max(0, value));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(33, 230)},${mix(102, 97)},${mix(172, 1)})`;
}

function tick(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : Math.abs(value) < 0.01 && value !== 0
    ? value.toExponential(0)
    : value.toFixed(2);
}
