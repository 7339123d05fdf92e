// REPORT.md's SVG figures draw every field of a figure spec, in the site's palette.
import assert from "node:assert/strict";
import { figureSvg, lineChart } from "../lib/reporting/mod.ts";
import { chartSpec } from "../lib/site/figures.ts";
import { andersonBoundaryCurve } from "../lib/invariants/mod.ts";
import { SYNTHETIC } from "./_figure_specs.ts";

const [LINE, STRIP, HEAT] = SYNTHETIC;

function ticks(svg: string): string[] {
  return [...svg.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

Deno.test("svg: a heatmap is a regular grid with a labelled colour bar and every overlay", () => {
  const svg = figureSvg(HEAT);
  const cells = [...svg.matchAll(/<rect class="cell" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)];
  assert.equal(cells.length, 16 * 20);
  // Regular: 20 distinct column positions, equally spaced, cells as wide as the spacing.
  const xs = [...new Set(cells.map((m) => Number(m[1])))].sort((a, b) => a - b);
  assert.equal(xs.length, 20);
  const steps = xs.slice(1).map((x, k) => x - xs[k]);
  assert(Math.max(...steps) - Math.min(...steps) < 0.2, `column steps ${steps}`);
  assert(Number(cells[0][3]) >= steps[0], "cells leave gaps");
  assert.match(svg, /<g class="colour-bar">/);
  assert.match(svg, /fraction labelled topological<\/text><\/g>/);
  for (const overlay of HEAT.heatmap!.overlays!) {
    assert(
      svg.includes(`<title>${overlay.name}</title></polyline>`),
      overlay.name,
    );
    assert(
      svg.includes(`<text x="`) && svg.includes(overlay.name),
      `${overlay.name} in the legend`,
    );
  }
  assert.match(svg, /<g class="annotation">.*W1 = 4/s);
});

Deno.test("svg: the analytic boundary is drawn to (0, 4)", () => {
  const curve = andersonBoundaryCurve();
  const svg = figureSvg({
    ...HEAT,
    heatmap: { ...HEAT.heatmap!, overlays: [{ name: "analytic boundary", points: curve }] },
  });
  const line = /<polyline class="overlay"[^>]*points="([^"]+)"[^>]*stroke="#000000"/.exec(svg)!;
  const points = line[1].split(" ");
  assert.equal(points.length, curve.length);
  // (0, 4) in pixels: the left edge of the plot (x = 64), half way up a 0–8 axis.
  assert.equal(points.at(-1), "64,184");
});

Deno.test("svg: bands, thin curves in their median's colour, a log axis, annotations", () => {
  const svg = figureSvg(LINE);
  assert.equal(svg.match(/<polygon class="band"/g)?.length, 1);
  assert.equal(svg.match(/<polyline class="series thin"/g)?.length, 3);
  // Thin curves are left out of the legend.
  assert.equal(svg.match(/<g class="legend-item">/g)?.length, 2);
  const colours = chartSpec(LINE).series.map((series) => series.colour);
  assert.equal(colours[1], colours[0]);
  for (const colour of new Set(colours)) assert(svg.includes(`stroke="${colour}"`), colour);
  // Log axis: decades and 2, 3 labelled, nothing linear in between.
  const labels = ticks(svg);
  for (const label of ["0.01", "0.1", "1"]) assert(labels.includes(label), labels.join(" "));
  assert(!labels.includes("0.5") || labels.includes("0.05"));
  assert.equal(svg.match(/<g class="annotation">/g)?.length, 2);
  assert.match(svg, /σ = 0\.1/);
  assert.match(svg, /chance/);
});

Deno.test("svg: error bars for points; nice ticks; a long legend wraps", () => {
  const strip = figureSvg(STRIP);
  // mlp has one interval (its second point has none), cnn one.
  assert.equal(strip.match(/<path class="error-bar"/g)?.length, 2);
  assert(ticks(strip).includes("mlp") && ticks(strip).includes("cnn"));
  const chart = lineChart({
    title: "t",
    xLabel: "W1",
    yLabel: "accuracy",
    series: Array.from({ length: 9 }, (_, k) => ({
      name: `architecture-number-${k}`,
      points: [[0.5, k / 10], [7.5, k / 20]] as Array<[number, number]>,
    })),
  });
  const labels = ticks(chart);
  assert(!labels.includes("2.25") && !labels.includes("0.50"), labels.join(" "));
  assert(labels.includes("2") && labels.includes("4") && labels.includes("6"), labels.join(" "));
  const rows = new Set(
    [...chart.matchAll(/<g class="legend-item"><line[^>]* y1="([\d.]+)"/g)].map((m) => m[1]),
  );
  assert(rows.size >= 3, `${rows.size} legend rows`);
  const width = Number(/width="(\d+)"/.exec(chart)![1]);
  for (const m of chart.matchAll(/<g class="legend-item"><line x1="([\d.]+)"/g)) {
    assert(Number(m[1]) < width - 60, `legend item at ${m[1]} of ${width}`);
  }
});

Deno.test("svg: a heatmap without ranges is a TypeError naming the figure", () => {
  assert.throws(
    () => figureSvg({ ...HEAT, x: { label: "v" } }),
    (error: Error) => error instanceof TypeError && /synthetic-heatmap/.test(error.message),
  );
});
