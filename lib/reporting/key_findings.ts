// Key findings: a few sentences with numbers and 95% confidence intervals, and one hero figure,
// computed from the boards and the studies' figure specs (never typed in).
import { bootstrapInterval, type Interval } from "../studies/confidence_interval.ts";
import type { FigureSpec } from "../studies/figure_spec.ts";
import { formatMetric } from "../studies/format_metric.ts";
import type { StudyRecord } from "../records/schema.ts";
import type { Leaderboard, LeaderboardEntry } from "./leaderboard.ts";

/** What an entry's values are taken over: seeds, or datasets at one seed, or cells. */
export type CountedOver = "seeds" | "datasets" | "cells";

/** Badges that mark an entry as a reference (a proxy or the physics answer), not a learned model. */
export const REFERENCE_BADGES: readonly string[] = ["baseline", "oracle"];

/**
 * Whether a board entry is a baseline or an oracle (a fixed proxy or the physics answer) rather
 * than a learned model: the boards set these apart.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isReference } from "./key_findings.ts";
 *
 * assert.equal(isReference({ badges: ["baseline"] }), true);
 * assert.equal(isReference({ badges: ["trained-elsewhere"] }), false);
 * assert.equal(isReference({}), false);
 * ```
 */
export function isReference(entry: { readonly badges?: readonly string[] }): boolean {
  return (entry.badges ?? []).some((badge) => REFERENCE_BADGES.includes(badge));
}

/**
 * The 95% confidence interval of an entry's mean: its own `interval` where the board carries
 * one (suite 0.3.0 on), else the bootstrap interval over its `values`; `null` for fewer than two
 * values (one value is no interval).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entryInterval } from "./key_findings.ts";
 *
 * assert.deepEqual(entryInterval({ interval: [0.5, 0.7], values: [] }), [0.5, 0.7]);
 * const [low, high] = entryInterval({ values: [0.6, 0.7, 0.8].map((value) => ({ value })) })!;
 * assert(low > 0.59 && high < 0.81 && low < 0.7 && 0.7 < high);
 * assert.equal(entryInterval({ values: [{ value: 1 }] }), null);
 * ```
 */
export function entryInterval(
  entry: {
    readonly interval?: Interval | null;
    readonly values: ReadonlyArray<{ readonly value: number }>;
  },
): Interval | null {
  if (entry.interval !== undefined) return entry.interval;
  if (entry.values.length < 2) return null;
  return bootstrapInterval(entry.values.map((value) => value.value));
}

/**
 * What an entry's values are counted over, from the records behind them: `seeds` where each
 * value comes from its own seed, `datasets` where they share one seed and differ in the
 * dataset (the expressivity check), else `cells`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countedOver } from "./key_findings.ts";
 *
 * assert.equal(countedOver({ values: [] }, []), "seeds");
 * ```
 */
export function countedOver(
  entry: { readonly values: ReadonlyArray<{ readonly contentHash: string }> },
  records: readonly StudyRecord[],
): CountedOver {
  const byHash = new Map(records.map((record) => [record.contentHash, record]));
  const cells = entry.values.map((value) => byHash.get(value.contentHash)?.cell).filter((
    cell,
  ) => cell !== undefined);
  if (cells.length < 2) return "seeds";
  const seeds = new Set(cells.map((cell) => cell.seed));
  if (seeds.size === cells.length) return "seeds";
  const datasets = new Set(
    cells.map((cell) => JSON.stringify([cell.trainDataset, cell.testDatasets])),
  );
  if (seeds.size === 1 && datasets.size === cells.length) return "datasets";
  return "cells";
}

/** One key finding: a sentence and the numbers in it, each traceable to a board entry. */
export interface KeyFinding {
  readonly study: string;
  readonly text: string;
  /** The entries quoted, with the mean and interval shown. */
  readonly quoted: ReadonlyArray<{
    readonly architecture: string;
    readonly mean: number;
    readonly interval: Interval | null;
    readonly n: number;
  }>;
}

/** Key findings and the hero figure. */
export interface KeyFindings {
  readonly findings: readonly KeyFinding[];
  /** The figure shown beside them: a phase diagram with its boundaries, or a figure with marked lines. */
  readonly hero: { readonly study: string; readonly figure: FigureSpec } | null;
}

function quote(entry: LeaderboardEntry, over: string): {
  text: string;
  quoted: KeyFinding["quoted"][number];
} {
  const interval = entryInterval(entry);
  const n = entry.values.length;
  const ci = interval
    ? `95% CI ${formatMetric(interval[0])}–${formatMetric(interval[1])}, ${n} ${over}`
    : `${n} ${n === 1 ? over.replace(/s$/, "") : over}, no interval`;
  return {
    text: `${formatMetric(entry.mean)} (${ci})`,
    quoted: { architecture: entry.architecture, mean: entry.mean, interval, n },
  };
}

function overlaps(a: Interval | null, b: Interval | null): boolean {
  return a !== null && b !== null && a[0] <= b[1] && b[0] <= a[1];
}

/**
 * The key findings of a set of boards (one suite version and profile), generic over studies:
 * per board, the best learned model's score with its 95% CI against the best baseline or oracle
 * (or, where the board has none, against the weakest learned model), and whether their
 * intervals overlap. The boards with the largest contrast come first, at most `limit`
 * (default 4); a board whose learned models all score alike says so. The hero figure is a
 * heatmap with overlays (a phase diagram, preferring the one of the best learned model of its
 * board), else a figure with annotation lines, else the first heatmap. `figures` holds each
 * study's figure specs; `records` (optional) tell whether values count seeds or datasets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyFindings } from "./key_findings.ts";
 *
 * const entry = (architecture: string, values: number[], badges?: string[]) => ({
 *   rank: 1, architecture, architectureVersion: "1", exactInvariant: false, sizeAgnostic: false,
 *   community: false, mean: values.reduce((a, b) => a + b) / values.length, std: 0,
 *   seeds: values.length, ...(badges ? { badges } : {}),
 *   values: values.map((value, k) => ({ cell: `c${k}`, value, contentHash: "0".repeat(64) })),
 * });
 * const board = {
 *   study: "disorder", title: "Disorder", question: "?", suiteVersion: "0", profile: "quick",
 *   rankingRule: { metric: "accuracy", higherIsBetter: true, aggregation: "", ties: "", description: "" },
 *   entries: [entry("cnn", [0.9, 0.92, 0.94]), entry("edge", [0.6, 0.62, 0.64], ["baseline"])],
 *   references: [], notApplicable: [],
 * } as never;
 * const { findings } = keyFindings([board], []);
 * assert.equal(findings.length, 1);
 * assert.match(findings[0].text, /cnn.*0\.920.*95% CI.*edge.*0\.620/);
 * ```
 */
export function keyFindings(
  boards: readonly Leaderboard[],
  figures: ReadonlyArray<{ readonly study: string; readonly figures: readonly FigureSpec[] }>,
  records: readonly StudyRecord[] = [],
  limit = 4,
): KeyFindings {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`keyFindings: limit must be an integer ≥ 1, received ${limit}`);
  }
  const scored: Array<{ finding: KeyFinding; contrast: number; order: number }> = [];
  boards.forEach((board, order) => {
    const learned = board.entries.filter((entry) => !isReference(entry));
    const references = board.entries.filter(isReference);
    if (learned.length === 0) return;
    const metric = board.rankingRule.metric;
    const over = countedOver(learned[0], records);
    const best = learned[0];
    const top = quote(best, over);
    const shared = learned.filter((entry) => entry.rank === best.rank).length;
    const sharedText = shared > 1 ? ` (rank ${best.rank} shared by ${shared} models)` : "";
    if (references.length > 0) {
      const reference = references[0];
      const other = quote(reference, countedOver(reference, records));
      const relation = overlaps(top.quoted.interval, other.quoted.interval)
        ? "their intervals overlap, so the board cannot tell them apart"
        : (best.mean > reference.mean) === board.rankingRule.higherIsBetter
        ? "the learned model is ahead beyond the intervals"
        : "the proxy is ahead beyond the intervals: the learned models do not beat it";
      scored.push({
        order,
        contrast: Math.abs(best.mean - reference.mean),
        finding: {
          study: board.study,
          text:
            `${board.title}: the best learned model, ${best.architecture}${sharedText}, scores ${metric} ${top.text}; the best ${
              (reference.badges ?? []).includes("oracle") ? "oracle" : "baseline"
            }, ${reference.architecture}, ${other.text}; ${relation}.`,
          quoted: [top.quoted, other.quoted],
        },
      });
      return;
    }
    const worst = learned[learned.length - 1];
    if (learned.length === 1 || learned.every((entry) => entry.mean === best.mean)) {
      scored.push({
        order,
        contrast: 0,
        finding: {
          study: board.study,
          text: learned.length === 1
            ? `${board.title}: ${best.architecture} scores ${metric} ${top.text}.`
            : `${board.title}: all ${learned.length} learned models score ${metric} ${
              formatMetric(best.mean)
            } (${best.values.length} ${over} each): the board does not separate them.`,
          quoted: learned.map((entry) => quote(entry, over).quoted),
        },
      });
      return;
    }
    const bottom = quote(worst, over);
    scored.push({
      order,
      contrast: Math.abs(best.mean - worst.mean),
      finding: {
        study: board.study,
        text:
          `${board.title}: ${best.architecture}${sharedText} leads with ${metric} ${top.text}; the last of ${learned.length} learned models, ${worst.architecture}, scores ${bottom.text}${
            overlaps(top.quoted.interval, bottom.quoted.interval) ? "; their intervals overlap" : ""
          }.`,
        quoted: [top.quoted, bottom.quoted],
      },
    });
  });
  const findings = scored
    .sort((a, b) => b.contrast - a.contrast || a.order - b.order)
    .slice(0, limit)
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.finding);
  return { findings, hero: heroFigure(boards, figures) };
}

function heroFigure(
  boards: readonly Leaderboard[],
  figures: ReadonlyArray<{ readonly study: string; readonly figures: readonly FigureSpec[] }>,
): KeyFindings["hero"] {
  const withData = figures.map(({ study, figures }) => ({
    study,
    figures: figures.filter((spec) =>
      spec.heatmap?.values.some((row) => row.some((value) => value !== null)) ||
      spec.series.some((series) => series.points.length > 0)
    ),
  }));
  for (const { study, figures } of withData) {
    const phase = figures.filter((spec) => spec.heatmap?.overlays?.length);
    if (phase.length === 0) continue;
    const board = boards.find((entry) => entry.study === study);
    const best = board?.entries.find((entry) => !isReference(entry));
    const names = board?.entries.map((entry) => entry.architecture) ?? [];
    const ownFigures = phase.filter((spec) =>
      best !== undefined && figureArchitecture(spec.id, names) === best.architecture
    );
    const own = ownFigures.find((spec) => !/exact/.test(spec.id)) ?? ownFigures[0];
    return { study, figure: own ?? phase[0] };
  }
  for (const { study, figures } of withData) {
    const marked = figures.find((spec) => spec.annotations?.length);
    if (marked) return { study, figure: marked };
  }
  for (const { study, figures } of withData) {
    const heat = figures.find((spec) => spec.kind === "heatmap");
    if (heat) return { study, figure: heat };
  }
  return null;
}

/**
 * The architecture a figure id names: the longest of `names` that appears in it bounded by
 * non-alphanumerics, with nothing of a longer name around it (`phase-topo-random` → `topo`,
 * `phase-topo-full-random` → `topo-full`).
 */
function figureArchitecture(id: string, names: readonly string[]): string | null {
  const found = names.filter((name) => {
    const at = (` ${id.replace(/[^a-z0-9-]/g, " ")} `).replace(/-/g, " - ");
    return at.includes(` ${name.replace(/-/g, " - ")} `);
  }).sort((a, b) => b.length - a.length);
  return found[0] ?? null;
}
