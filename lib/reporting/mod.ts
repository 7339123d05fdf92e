/**
 * Reporting, above the studies: leaderboards with a stated ranking rule, the generated REPORT.md
 * and its SVG figures, rendered from the studies' own declarations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./mod.ts";
 *
 * const svg = lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "a", points: [[0, 1], [1, 0.5]] }] });
 * assert(svg.startsWith("<svg"));
 * ```
 *
 * @module
 */
export { buildLeaderboard, type Leaderboard, type LeaderboardEntry } from "./leaderboard.ts";
export { buildReport } from "./report.ts";
export {
  type CountedOver,
  countedOver,
  entryInterval,
  isReference,
  type KeyFinding,
  type KeyFindings,
  keyFindings,
  REFERENCE_BADGES,
} from "./key_findings.ts";
export { figureSvg, heatmap, lineChart, type Series } from "./svg_chart.ts";
export { heatColour, OVERLAY_STYLES, SERIES_PALETTE, seriesColours } from "./palette.ts";
export {
  type ClaimInputs,
  type ClaimVerdict,
  paperClaims,
  SUITE_ARCHITECTURE,
  type Verdict,
  VERDICTS,
} from "./paper_claims.ts";
