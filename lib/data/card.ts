import { andersonBoundary } from "../invariants/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import type { DatasetFile } from "./dataset_file.ts";
import { GENERATOR_VERSION, PARAMETER_NAMES } from "./sample.ts";
import { SPLITS } from "./spec.ts";
import { summarize } from "./summary.ts";
import { labelBoundary } from "./label_boundary.ts";
import { proxyBaselines } from "./proxy_baselines.ts";

const COLOURS: Record<string, string> = {
  "-1": "#7b3294",
  "0": "#2166ac",
  "1": "#e66101",
  "2": "#1b7837",
};
const WIDTH = 560;
const HEIGHT = 400;
const MARGIN = { left: 56, right: 110, top: 20, bottom: 44 };

/** The axes of a dataset's phase-diagram picture. */
function plotAxes(file: DatasetFile): { x: string; y: string; xLabel: string; yLabel: string } {
  const spec = file.spec;
  if (spec.model === "extended") return { x: "t0", y: "t1", xLabel: "t₀", yLabel: "t₁" };
  if (spec.disorder?.onsite !== undefined) {
    return { x: "t0", y: "onsiteDisorder", xLabel: "intracell v", yLabel: "on-site disorder W" };
  }
  if (spec.disorder?.intracell !== undefined) {
    return {
      x: "t0",
      y: "intracellDisorder",
      xLabel: "intracell v",
      yLabel: "disorder W₁ (W₂ = W₁/2)",
    };
  }
  return { x: "t0", y: "bulkGap", xLabel: "intracell v", yLabel: "bulk gap" };
}

/**
 * An SVG scatter of where a dataset's samples sit in its phase diagram, coloured by winding
 * (ambiguous samples hollow grey), with the analytic boundary of the disordered plain chain
 * drawn where it applies (`w` fixed, `W2 = ratio·W1`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec, phaseDiagramSvg } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   disorder: { intracell: { min: 0, max: 4 }, intercellRatio: 0.5 },
 *   splits: { train: 0, validation: 0, test: 6 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const svg = phaseDiagramSvg(file);
 * assert(svg.startsWith("<svg") && svg.includes("<circle") && svg.includes("<polyline"));
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function phaseDiagramSvg(file: DatasetFile, maxPoints = 3000): string {
  const axes = plotAxes(file);
  const points: Array<{ x: number; y: number; winding: number; ambiguous: boolean }> = [];
  for (const split of SPLITS) {
    const labels = file.labels(split);
    const stride = PARAMETER_NAMES.length;
    const column = (name: string) =>
      PARAMETER_NAMES.indexOf(name as (typeof PARAMETER_NAMES)[number]);
    for (let i = 0; i < labels.winding.length; i++) {
      const value = (name: string) =>
        name === "bulkGap" ? labels.bulkGap[i] : labels.parameters[i * stride + column(name)];
      points.push({
        x: value(axes.x),
        y: value(axes.y),
        winding: labels.winding[i],
        ambiguous: !!labels.ambiguous[i],
      });
    }
  }
  const step = Math.max(1, Math.ceil(points.length / maxPoints));
  const shown = points.filter((_, i) => i % step === 0);
  const extent = (values: number[]) => {
    let low = Math.min(...values);
    let high = Math.max(...values);
    if (high - low < 1e-12) [low, high] = [low - 0.5, high + 0.5];
    const unit = 10 ** Math.floor(Math.log10(high - low)) / 2; // round outward to a nice unit
    return [Math.floor(low / unit) * unit, Math.ceil(high / unit) * unit];
  };
  const [x0, x1] = extent(shown.map((p) => p.x));
  const [y0, y1] = extent(shown.map((p) => p.y));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotWidth;
  const sy = (y: number) => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${file.spec.name}: samples by winding</title>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444"/>`,
  ];
  for (const p of shown) {
    const colour = COLOURS[String(p.winding)] ?? "#000";
    parts.push(
      p.ambiguous
        ? `<circle cx="${sx(p.x).toFixed(1)}" cy="${
          sy(p.y).toFixed(1)
        }" r="2.2" fill="none" stroke="#888"/>`
        : `<circle cx="${sx(p.x).toFixed(1)}" cy="${
          sy(p.y).toFixed(1)
        }" r="1.8" fill="${colour}" fill-opacity="0.7"/>`,
    );
  }
  const spec = file.spec;
  if (
    spec.model === "plain" && typeof spec.intercell === "number" && axes.y === "intracellDisorder"
  ) {
    const ratio = spec.disorder?.intercellRatio ?? 0;
    const line: string[] = [];
    for (let k = 0; k <= 400; k++) {
      const w1 = y0 + ((y1 - y0) * k) / 400;
      const v = andersonBoundary({
        intercell: spec.intercell,
        intracellDisorder: w1,
        intercellDisorder: ratio * w1,
      });
      if (v !== null && v >= x0 && v <= x1) line.push(`${sx(v).toFixed(1)},${sy(w1).toFixed(1)}`);
    }
    parts.push(
      `<polyline points="${
        line.join(" ")
      }" fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="5 3"/>`,
    );
  }
  const ticks = (low: number, high: number) =>
    Array.from({ length: 5 }, (_, k) => low + ((high - low) * k) / 4);
  for (const x of ticks(x0, x1)) {
    parts.push(
      `<text x="${sx(x).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${
        format(x)
      }</text>`,
    );
  }
  for (const y of ticks(y0, y1)) {
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end">${
        format(y)
      }</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${
      HEIGHT - 8
    }" text-anchor="middle">${axes.xLabel}</text>`,
    `<text transform="translate(14 ${
      MARGIN.top + plotHeight / 2
    }) rotate(-90)" text-anchor="middle">${axes.yLabel}</text>`,
  );
  const windings = [...new Set(shown.map((p) => p.winding))].sort((a, b) => a - b);
  windings.forEach((winding, k) => {
    const y = MARGIN.top + 14 + 18 * k;
    parts.push(
      `<circle cx="${WIDTH - MARGIN.right + 16}" cy="${y - 4}" r="4" fill="${
        COLOURS[String(winding)] ?? "#000"
      }"/>`,
      `<text x="${WIDTH - MARGIN.right + 26}" y="${y}">ν = ${winding}</text>`,
    );
  });
  const y = MARGIN.top + 14 + 18 * windings.length;
  parts.push(
    `<circle cx="${WIDTH - MARGIN.right + 16}" cy="${y - 4}" r="4" fill="none" stroke="#888"/>`,
    `<text x="${WIDTH - MARGIN.right + 26}" y="${y}">ambiguous</text>`,
  );
  if (parts.some((part) => part.startsWith("<polyline"))) {
    parts.push(
      `<line x1="${WIDTH - MARGIN.right + 10}" x2="${WIDTH - MARGIN.right + 22}" y1="${
        y + 14
      }" y2="${y + 14}" stroke="#000" stroke-dasharray="5 3"/>`,
      `<text x="${WIDTH - MARGIN.right + 26}" y="${y + 18}">analytic</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function format(value: number): string {
  return Math.abs(value) >= 100 || (Math.abs(value) < 0.01 && value !== 0)
    ? value.toExponential(1)
    : value.toFixed(2);
}

/**
 * The dataset card (Markdown): spec, content hash, class counts, ambiguity rate and the
 * phase-diagram picture (`<name>.svg`, written beside it by the CLI).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetCard, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 2 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * assert(datasetCard(file).includes(file.hash));
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function datasetCard(file: DatasetFile): string {
  const summary = summarize(file);
  const windings = [...new Set(SPLITS.flatMap((split) => Object.keys(summary.classCounts[split])))]
    .sort((a, b) => Number(a) - Number(b));
  const rows = SPLITS.map((split) =>
    `| ${split} | ${summary.splits[split]} | ${
      windings.map((winding) => summary.classCounts[split][winding] ?? 0).join(" | ")
    } | ${summary.ambiguous[split]} |`
  );
  return [
    `# Dataset \`${summary.name}\``,
    "",
    "Generated by `deno task data card`; do not edit by hand.",
    "",
    `- content hash (SHA-256): \`${summary.hash}\``,
    `- suite version ${SUITE_VERSION}, generator version ${GENERATOR_VERSION}`,
    `- model: ${summary.model}, ${summary.cells} cells`,
    `- ambiguity rate: ${
      (100 * summary.ambiguityRate).toFixed(2)
    }% (|ν − round ν| > ${file.spec.labels.ambiguityThreshold}; kept, counted, excluded from training and scoring)`,
    "",
    "## Class counts (ambiguous samples included)",
    "",
    `| split | samples | ${windings.map((winding) => `ν = ${winding}`).join(" | ")} | ambiguous |`,
    `| --- | --- | ${windings.map(() => "---").join(" | ")} | --- |`,
    ...rows,
    "",
    ...labelSection(file),
    ...proxySection(file),
    "## Where the samples sit",
    "",
    `![${summary.name} phase diagram](${summary.name}.svg)`,
    "",
    "## Spec",
    "",
    "```json",
    JSON.stringify(file.spec, null, 2),
    "```",
    "",
  ].join("\n");
}

// The finite-size label rule of plain datasets: where the clean chain's label flips at this size.
function labelSection(file: DatasetFile): string[] {
  const { spec } = file;
  const ratios = SPLITS.flatMap((split) => Array.from(file.labels(split).cellsOverXi))
    .sort((a, b) => a - b);
  const below = ratios.filter((ratio) => ratio < 5).length;
  const lines = [
    "## Finite size",
    "",
    `N/ξ from each sample's own hoppings (\`cellsOverXi\`): median ${
      ratios[ratios.length >> 1].toFixed(2)
    }; ${(100 * below / ratios.length).toFixed(1)}% of the samples have N/ξ < 5.`,
    "",
  ];
  if (spec.model !== "plain") return lines;
  const { boundary, ambiguity } = labelBoundary(spec.cells, spec.labels);
  return [
    ...lines,
    "## Finite-size label boundary",
    "",
    `At ${spec.cells} cells the clean chain's RSWN (trim ${spec.labels.trim}) crosses 1/2 at |v/w| = ${
      boundary.toFixed(4)
    } (1 in the thermodynamic limit), and labels are ambiguous (|ν − round ν| > ${spec.labels.ambiguityThreshold}) for |v/w| in (${
      ambiguity[0].toFixed(4)
    }, ${ambiguity[1].toFixed(4)}).`,
    "",
  ];
}

// What a trivial proxy scores on this dataset: the bar a network has to clear.
function proxySection(file: DatasetFile): string[] {
  const scores = proxyBaselines(file);
  return [
    "## Proxy baselines",
    "",
    "Fitted on the train split, scored on the test split (ambiguous samples left out).",
    "",
    "| proxy | badge | input | test accuracy |",
    "| --- | --- | --- | --- |",
    ...scores.map((score) =>
      `| \`${score.name}\` | ${score.badge} | ${score.input.replaceAll("|", "\\|")} | ${
        score.accuracy === null ? `n/a (${score.reason})` : score.accuracy.toFixed(3)
      } |`
    ),
    "",
  ];
}
