import { resolveArchitecture } from "../models/registry.ts";
import type { Badge } from "../models/architecture.ts";
import { SUITE_VERSION } from "../version.ts";
import type { RankingRule, Study } from "../studies/study.ts";
import type { StudyRecord } from "../records/schema.ts";

/** One ranked architecture. */
export interface LeaderboardEntry {
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
  /** Mean of the rule's tie-break metric over the seeds where it is a number (`null`: none). */
  readonly tieBreakMean?: number | null;
  readonly seeds: number;
  /** Every seed's value, with its record. */
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
    /** The metric that breaks ties of the mean (each entry's `tieBreakMean`), if any. */
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
 * architecture over seeds; higher (or lower) mean first, ties by the study's tie-break metric
 * where it has one, then by smaller standard deviation, then by name. Cells at exact weights in the transfer studies are listed as references.
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
  for (const record of records) {
    if (record.cell.study !== study.name || record.cell.profile !== profile) continue;
    if (record.status === "not-applicable") {
      notApplicable.set(record.cell.architecture, record.reason ?? "not applicable");
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
      );
    const mean = values.reduce((sum, entry) => sum + entry.value, 0) / Math.max(values.length, 1);
    const std = values.length < 2 ? 0 : Math.sqrt(
      values.reduce((sum, entry) => sum + (entry.value - mean) ** 2, 0) / (values.length - 1),
    );
    const tieValues = tieBreak
      ? group.map((record) => record.metrics[tieBreak.metric]).filter((value): value is number =>
        typeof value === "number"
      )
      : [];
    const tieBreakMean = tieValues.length
      ? tieValues.reduce((sum, value) => sum + value, 0) / tieValues.length
      : null;
    const known = knownArchitecture(architecture);
    const badges = badgesOf(known?.badges ?? [], group[0]);
    return {
      architecture,
      architectureVersion: group[0].architectureVersion,
      exactInvariant: known?.exactInvariant ?? false,
      sizeAgnostic: known?.sizeAgnostic ?? false,
      community: group[0].submission !== undefined,
      ...(badges.length ? { badges } : {}),
      mean,
      std,
      tieBreakMean,
      seeds: values.length,
      values,
    };
  }).sort((a, b) =>
    direction * (a.mean - b.mean) || compareTieBreak(a.tieBreakMean, b.tieBreakMean, tieBreak) ||
    a.std - b.std || a.architecture.localeCompare(b.architecture)
  )
    .map((entry, index) => ({ rank: index + 1, ...entry }));
  return {
    study: study.name,
    title: study.title,
    question: study.question,
    suiteVersion: SUITE_VERSION,
    profile,
    rankingRule: {
      metric,
      higherIsBetter: study.ranking.higherIsBetter,
      aggregation: `mean over seeds of cells from ${
        rankedInit === "exact" ? "exact weights" : "a random initialization"
      }`,
      ties: [
        ...(tieBreak ? [`${tieBreak.description} (${tieBreak.metric})`] : []),
        "smaller standard deviation",
        "architecture name",
      ].join(", then "),
      tieBreakMetric: tieBreak?.metric ?? null,
      description: study.ranking.description,
    },
    entries,
    references,
    notApplicable: [...notApplicable.entries()].map(([architecture, reason]) => ({
      architecture,
      reason,
    })),
  };
}

function knownArchitecture(
  name: string,
): { exactInvariant: boolean; sizeAgnostic: boolean; badges: readonly Badge[] } | null {
  try {
    const architecture = resolveArchitecture(name);
    return {
      exactInvariant: architecture.exactInvariant ?? false,
      sizeAgnostic: architecture.sizeAgnostic,
      badges: architecture.badges ?? [],
    };
  } catch {
    return null;
  }
}

/** The architecture's badges, and `trained-elsewhere` for an onnx-track record (it travels there). */
function badgesOf(known: readonly Badge[], record: StudyRecord): readonly Badge[] {
  const fixed = record.submission?.track === "onnx" && !known.includes("trained-elsewhere");
  return fixed ? [...known, "trained-elsewhere"] : known;
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
