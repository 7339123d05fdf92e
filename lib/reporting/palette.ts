// The colours shared by REPORT.md's SVG figures and the site's chart islands. Dependency-free,
// so the browser bundle of the islands imports it directly.
import type { FigureSeries } from "../studies/figure_spec.ts";

/**
 * The colours of chart series, in order (colour-blind-safe, distinct in grey): shared by the
 * SVG figures of REPORT.md and the site's chart islands.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SERIES_PALETTE } from "./palette.ts";
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

/** Colours and dash patterns of heatmap overlays (the boundaries), in order. */
export const OVERLAY_STYLES: ReadonlyArray<{ readonly colour: string; readonly dash: string }> = [
  { colour: "#000000", dash: "" },
  { colour: "#000000", dash: "6 4" },
  { colour: "#000000", dash: "2 3" },
  { colour: "#4d4d4d", dash: "8 3 2 3" },
];

/** The stops of the heatmap colour scale, low to high: blue (trivial) → light → orange. */
const HEAT_STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [33, 102, 172],
  [103, 169, 207],
  [247, 247, 247],
  [244, 165, 96],
  [230, 97, 1],
];

/**
 * The heatmap colour of `value` on the scale `[low, high]` (clamped): blue at `low`, near white
 * in the middle, orange at `high`, as `rgb(r,g,b)`. Non-finite values throw.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heatColour } from "./palette.ts";
 *
 * assert.equal(heatColour(0, [0, 1]), "rgb(33,102,172)");
 * assert.equal(heatColour(1, [0, 1]), "rgb(230,97,1)");
 * assert.equal(heatColour(0.5, [0, 1]), "rgb(247,247,247)");
 * ```
 */
export function heatColour(value: number, range: readonly [number, number]): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`heatColour: value must be a finite number, received ${value}`);
  }
  const [low, high] = range;
  const t = Math.max(0, Math.min(1, (value - low) / (high - low || 1)));
  const position = t * (HEAT_STOPS.length - 1);
  const k = Math.min(HEAT_STOPS.length - 2, Math.floor(position));
  const f = position - k;
  const [a, b] = [HEAT_STOPS[k], HEAT_STOPS[k + 1]];
  const mix = (i: number) => Math.round(a[i] + (b[i] - a[i]) * f);
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

/**
 * The colour of every series of a figure, aligned with `series`: each series that is not drawn
 * in another's colour (`colorOf`) takes the next palette colour in order; a `colorOf` series
 * takes its target's colour (its own next colour where no series has that name).
 *
 * @example A seed's thin curve in its median's colour
 * ```ts
 * import assert from "node:assert/strict";
 * import { SERIES_PALETTE, seriesColours } from "./palette.ts";
 *
 * const colours = seriesColours([
 *   { name: "mlp", points: [] },
 *   { name: "mlp seed 1", points: [], weight: "thin", colorOf: "mlp" },
 *   { name: "cnn", points: [] },
 * ]);
 * assert.deepEqual(colours, [SERIES_PALETTE[0], SERIES_PALETTE[0], SERIES_PALETTE[1]]);
 * ```
 */
export function seriesColours(series: readonly FigureSeries[]): string[] {
  const own = new Map<string, string>();
  let next = 0;
  const colours = series.map((entry) => {
    if (entry.colorOf !== undefined && series.some((s) => s.name === entry.colorOf && !s.colorOf)) {
      return null;
    }
    const colour = SERIES_PALETTE[next++ % SERIES_PALETTE.length];
    if (!own.has(entry.name)) own.set(entry.name, colour);
    return colour;
  });
  return colours.map((colour, index) => colour ?? own.get(series[index].colorOf!)!);
}
