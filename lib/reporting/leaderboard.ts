import { resolveArchitecture } from "../models/registry.ts";
import type { Badge } from "../models/architecture.ts";
import { SUITE_VERSION } from "../version.ts";
import type { RankingRule, Study } from "../studies/study.ts";
import type { StudyRecord } from "../records/schema.ts";
import { datasetDraw } from "../data/catalog.ts";
import { bootstrapInterval } from "../studies/confidence_interval.ts";
import { recordBadges } from "../studies/record_badges.ts";

/** One ranked architecture. */
export interface LeaderboardEntry {
  /**
   * The shared rank: 1 + the number of entries whose `interval` lies entirely on the better side
   * of this entry's interval ({@linkcode significanceRanks}); entries not told apart share it.
   */
  readonly rank: number;
  readonly architecture: string;
  readonly architectureVersion: string;
  readonly exactInvariant: boolean;
  readonly sizeAgnostic: boolean;
  readonly community: boolean;
  /** The architecture's badges (`baseline`, `oracle`, `trained-elsewhere`); absent where none. */
  readonly badges?: readonly Badge[];
  /** Mean of the ranking metric over seeds (cells). */
  readonly mean: number;
  /** Sample standard deviation over seeds (0 for one seed). */
  readonly std: number;
  /**
   * The bootstrap 95% confidence interval of the mean over the entry's values (every seed of
   * every dataset draw; `bootstrapInterval`, seed 0, 2000 resamples, of the values in ascending
   * order, so it depends on the values only); one value gives `[v, v]`; `null` only on boards
   * published before suite 0.3.0.
   */
  readonly interval: readonly [number, number] | null;
  /**
   * Mean of the rule's tie-break metric over the seeds where it is a number (`null`: none):
   * shown, and orders the display among equal means; it never decides a rank.
   */
  readonly tieBreakMean?: number | null;
  /** Distinct training seeds among the values. */
  readonly seeds: number;
  /** Distinct dataset draws among the values (the draw a record's training dataset names). */
  readonly draws: number;
  /** Every value (one per seed and draw), with its record. */
  readonly values: ReadonlyArray<
    { readonly cell: string; readonly value: number; readonly contentHash: string }
  >;
}

/** A study's board for one suite version and profile. */
export interface Leaderboard {
  readonly study: string;
  readonly title: string;
  readonly question: string;
  readonly suiteVersion: string;
  readonly profile: string;
  readonly rankingRule: {
    readonly metric: string;
    readonly higherIsBetter: boolean;
    readonly aggregation: string;
    readonly ties: string;
    /** The metric that orders the display among equal means (each entry's `tieBreakMean`), if any; never the rank. */
    readonly tieBreakMetric?: string | null;
    readonly description: string;
  };
  readonly entries: readonly LeaderboardEntry[];
  /** Exact-weight reference cells (not ranked): the invariant itself. */
  readonly references: ReadonlyArray<
    { readonly architecture: string; readonly cell: string; readonly value: number | null }
  >;
  readonly notApplicable: ReadonlyArray<{ readonly architecture: string; readonly reason: string }>;
}

/**
 * Ranks a study's records (one profile, one suite version): the ranking metric of every ok
 * cell from a random init (the expressivity study: from exact weights) is averaged per
 * architecture over seeds and dataset draws, with the bootstrap 95% interval of that mean.
 * Ranks are shared by significance ({@linkcode significanceRanks}: 1 + the entries whose
 * interval lies entirely on the better side); equal values always share a rank and no tie is
 * broken by a tie-break metric, the standard deviation or the name. Entries are listed by mean,
 * then the tie-break metric's mean where the study has one, then name: display order only.
 * Cells at exact weights in the transfer studies are listed as references.
 *
 * @example
 * ```ts ignore
 * const board = buildLeaderboard(disorder, records.filter((r) => r.cell.study === "disorder"));
 * ```
 */
export function buildLeaderboard(
  study: Study,
  records: readonly StudyRecord[],
  profile: string,
): Leaderboard {
  const rankedInit = study.name === "expressivity" ? "exact" : "random";
  const metric = study.ranking.metric;
  const groups = new Map<string, StudyRecord[]>();
  const references: Array<{ architecture: string; cell: string; value: number | null }> = [];
  const notApplicable = new Map<string, string>();
  const kept = study.ranking.cells ? new RegExp(study.ranking.cells.pattern) : null;
  const outside = new Set<string>();
  for (const record of records) {
    if (record.cell.study !== study.name || record.cell.profile !== profile) continue;
    if (record.status === "not-applicable") {
      notApplicable.set(record.cell.architecture, record.reason ?? "not applicable");
      continue;
    }
    if (kept && !kept.test(record.cell.id)) {
      outside.add(record.cell.architecture);
      continue;
    }
    const value = record.metrics[metric];
    // Trained elsewhere (onnx track): ranked at its own weights, whatever the study ranks.
    const fixed = record.submission?.track === "onnx";
    if (record.cell.init.kind !== rankedInit && !fixed) {
      if (record.cell.init.kind === "exact") {
        references.push({
          architecture: record.cell.architecture,
          cell: record.cell.id,
          value: typeof value === "number" ? value : null,
        });
      }
      continue;
    }
    groups.set(record.cell.architecture, [...(groups.get(record.cell.architecture) ?? []), record]);
  }
  for (const architecture of outside) {
    if (!groups.has(architecture) && !notApplicable.has(architecture)) {
      notApplicable.set(architecture, `not ranked: ${study.ranking.cells!.description}`);
    }
  }
  const direction = study.ranking.higherIsBetter ? -1 : 1;
  const tieBreak = study.ranking.tieBreak;
  for (const [architecture, group] of groups) {
    // Ok records without a number for the metric (e.g. no sample in the scored region) rank
    // nobody: the architecture is listed as not ranked, never as a mean of zero seeds.
    if (group.every((record) => typeof record.metrics[metric] !== "number")) {
      groups.delete(architecture);
      notApplicable.set(architecture, `no value of ${metric} in its records`);
    }
  }
  const entries = [...groups.entries()].map(([architecture, group]) => {
    const values = group
      .map((record) => ({
        cell: record.cell.id,
        value: record.metrics[metric],
        contentHash: record.contentHash,
      }))
      .filter((entry): entry is { cell: string; value: number; contentHash: string } =>
        typeof entry.value === "number"
      )
      .sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
    const scored = group.filter((record) => typeof record.metrics[metric] === "number");
    // Sums and the bootstrap run over the values in ascending order: the same values give the
    // same mean, std and interval whatever order the records came in.
    const sorted = values.map((entry) => entry.value).sort((a, b) => a - b);
    const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(sorted.length, 1);
    const std = sorted.length < 2 ? 0 : Math.sqrt(
      sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (sorted.length - 1),
    );
    const tieValues = tieBreak
      ? group.map((record) => record.metrics[tieBreak.metric]).filter((value): value is number =>
        typeof value === "number"
      ).sort((a, b) => a - b)
      : [];
    const tieBreakMean = tieValues.length
      ? tieValues.reduce((sum, value) => sum + value, 0) / tieValues.length
      : null;
    const known = knownArchitecture(architecture);
    const badges = recordBadges(group[0]);
    return {
      architecture,
      architectureVersion: group[0].architectureVersion,
      exactInvariant: known?.exactInvariant ?? false,
      sizeAgnostic: known?.sizeAgnostic ?? false,
      community: group[0].submission !== undefined,
      ...(badges.length ? { badges } : {}),
      mean,
      std,
      interval: bootstrapInterval(sorted, {
        seed: BOOTSTRAP_SEED,
        resamples: BOOTSTRAP_RESAMPLES,
        level: BOOTSTRAP_LEVEL,
      }),
      tieBreakMean,
      seeds: new Set(scored.map((record) => record.cell.seed)).size,
      draws: new Set(scored.map(recordDraw)).size,
      values,
    };
  }).sort((a, b) =>
    direction * (a.mean - b.mean) || compareTieBreak(a.tieBreakMean, b.tieBreakMean, tieBreak) ||
    (a.architecture < b.architecture ? -1 : a.architecture > b.architecture ? 1 : 0)
  );
  const ranks = significanceRanks(entries, study.ranking.higherIsBetter);
  const ranked = entries.map((entry, index) => ({ rank: ranks[index], ...entry }));
  return {
    study: study.name,
    title: study.title,
    question: study.question,
    suiteVersion: SUITE_VERSION,
    profile,
    rankingRule: {
      metric,
      higherIsBetter: study.ranking.higherIsBetter,
      aggregation: `${
        rankedInit === "exact"
          ? "mean over the architecture's cells at exact weights (one per dataset)"
          : "mean over every seed and every dataset draw (each draw: an independent sample of the study's datasets) of cells from a random initialization"
      }; interval: bootstrap ${
        BOOTSTRAP_LEVEL * 100
      }% confidence interval of that mean (percentile bootstrap, ${BOOTSTRAP_RESAMPLES} resamples, seed ${BOOTSTRAP_SEED}; one value gives [v, v])`,
      ties: `${RANKING_RULE_TIES}${
        tieBreak
          ? ` Listed by mean, then ${tieBreak.description} (${tieBreak.metric}), then name: display order only.`
          : " Listed by mean, then name: display order only."
      }`,
      tieBreakMetric: tieBreak?.metric ?? null,
      description: study.ranking.description,
    },
    entries: ranked,
    references,
    notApplicable: [...notApplicable.entries()].map(([architecture, reason]) => ({
      architecture,
      reason,
    })),
  };
}

const BOOTSTRAP_SEED = 0;
const BOOTSTRAP_RESAMPLES = 2000;
const BOOTSTRAP_LEVEL = 0.95;

/** The shared-rank rule of every 0.3.0 board, as `leaderboard.json` states it. */
export const RANKING_RULE_TIES =
  "Shared ranks by significance: rank = 1 + the number of entries whose 95% interval lies entirely on the better side of this entry's interval (its low end above this high end, higher-is-better; mirrored when lower is better). Entries whose intervals overlap, and entries with equal values, share a rank; no rank is broken by a tie-break metric, the standard deviation or the name.";

/**
 * The shared ranks of entries with confidence intervals: entry `i` ranks 1 + the number of
 * entries whose interval lies entirely on the better side of its own (higher-is-better: the
 * other's low end above this one's high end; mirrored otherwise). Overlapping intervals, and so
 * equal values, share a rank; a rank never depends on names or on the order of `entries`. An
 * entry without an interval (`null`: a board from before suite 0.3.0) is told apart from none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { significanceRanks } from "./leaderboard.ts";
 *
 * const entries = [
 *   { interval: [0.9, 1] as const },
 *   { interval: [0.85, 0.95] as const },
 *   { interval: [0.1, 0.2] as const },
 * ];
 * assert.deepEqual(significanceRanks(entries, true), [1, 1, 3]);
 * assert.deepEqual(significanceRanks(entries, false), [2, 2, 1]);
 * ```
 */
export function significanceRanks(
  entries: ReadonlyArray<{ readonly interval: readonly [number, number] | null }>,
  higherIsBetter: boolean,
): number[] {
  const better = (a: readonly [number, number] | null, b: readonly [number, number] | null) =>
    a !== null && b !== null && (higherIsBetter ? a[0] > b[1] : a[1] < b[0]);
  return entries.map((entry) =>
    1 + entries.filter((other) => better(other.interval, entry.interval)).length
  );
}

/** The dataset draw of a record: the draw its training dataset (else first test dataset) names. */
function recordDraw(record: StudyRecord): number {
  const name = record.cell.trainDataset ?? record.cell.testDatasets[0];
  return name === undefined ? 0 : datasetDraw(name);
}

function knownArchitecture(
  name: string,
): { exactInvariant: boolean; sizeAgnostic: boolean } | null {
  try {
    const architecture = resolveArchitecture(name);
    return {
      exactInvariant: architecture.exactInvariant ?? false,
      sizeAgnostic: architecture.sizeAgnostic,
    };
  } catch {
    return null;
  }
}

function compareTieBreak(
  a: number | null,
  b: number | null,
  tieBreak: RankingRule["tieBreak"],
): number {
  if (!tieBreak || a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (tieBreak.higherIsBetter ? -1 : 1) * (a - b);
}
