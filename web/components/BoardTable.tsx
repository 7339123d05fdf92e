import type { JSX } from "preact";
import type { SiteBoard } from "../../lib/site/load.ts";
import { useHref } from "../../lib/site/context.ts";
import { Badges } from "./Badges.tsx";
import { formatValue, paths } from "./format.ts";
import type { LeaderboardEntry } from "../../lib/reporting/leaderboard.ts";
import { countedOver, entryInterval, isReference } from "../../lib/reporting/key_findings.ts";

/** The ranking rule of a board, in words. */
export function RankingRule(props: { board: SiteBoard }): JSX.Element {
  const rule = props.board.leaderboard.rankingRule;
  return (
    <p class="rule">
      <strong>Ranking rule:</strong> <code>{rule.metric}</code>,{" "}
      {rule.higherIsBetter ? "higher is better" : "lower is better"}; {rule.aggregation}; ties:{" "}
      {rule.ties}. <span class="muted">{rule.description}.</span>
    </p>
  );
}

/**
 * A study's board as a plain table: rank (shared ranks marked `=`), architecture with badges,
 * the mean with its 95% CI beside it, the standard deviation, the tie-break metric's mean where
 * the study has one, how many values the mean is over (seeds, or datasets at one seed), and each
 * value linking to its record. Learned models come first; baselines and oracles follow in a
 * group of their own. On a narrow screen the table scrolls sideways with the first two columns
 * held in place, so the score stays in view.
 */
export function BoardTable(
  props: { board: SiteBoard; version: string; profile: string },
): JSX.Element {
  const href = useHref();
  const { board, version, profile } = props;
  const lb = board.leaderboard;
  const tieBreak = lb.rankingRule.tieBreakMetric;
  const over = lb.entries.length ? countedOver(lb.entries[0], board.records) : "seeds";
  const learned = lb.entries.filter((entry) => !isReference(entry));
  const references = lb.entries.filter(isReference);
  const shared = new Map<number, number>();
  for (const entry of lb.entries) shared.set(entry.rank, (shared.get(entry.rank) ?? 0) + 1);
  const columns = tieBreak ? 7 : 6;
  const row = (entry: LeaderboardEntry) => {
    const interval = entryInterval(entry);
    const isShared = (shared.get(entry.rank) ?? 0) > 1;
    return (
      <tr
        data-architecture={entry.architecture}
        class={isReference(entry) ? "reference" : undefined}
      >
        <td
          class={isShared ? "rank shared" : "rank"}
          data-rank={entry.rank}
          title={isShared ? "shared rank: the 95% intervals overlap" : undefined}
        >
          {isShared ? `=${entry.rank}` : entry.rank}
        </td>
        <td class="architecture">
          <a href={href(paths.architecture(entry.architecture))}>{entry.architecture}</a>{" "}
          <span class="muted">{entry.architectureVersion}</span>{" "}
          <Badges
            exactInvariant={entry.exactInvariant}
            sizeAgnostic={entry.sizeAgnostic}
            community={entry.community}
            badges={entry.badges}
          />
        </td>
        <td
          class="num score"
          data-mean={entry.mean}
          data-low={interval?.[0]}
          data-high={interval?.[1]}
        >
          <span class="mean">{formatValue(entry.mean)}</span>{" "}
          <span class="ci" title="95% confidence interval of the mean">
            {interval ? `[${formatValue(interval[0])}, ${formatValue(interval[1])}]` : "[–]"}
          </span>
        </td>
        <td class="num std">{formatValue(entry.std)}</td>
        {tieBreak && (
          <td class="num tie-break">
            {entry.tieBreakMean == null ? "–" : formatValue(entry.tieBreakMean)}
          </td>
        )}
        <td class="num seeds">{entry.values.length}</td>
        <td class="records">
          {entry.values.map((value) => (
            <a
              href={href(paths.record(version, profile, board.study, value.cell))}
              title={`${value.cell} (content hash ${value.contentHash.slice(0, 12)})`}
            >
              {formatValue(value.value)}
            </a>
          ))}
        </td>
      </tr>
    );
  };
  return (
    <div class="table-wrap board-wrap">
      <table class="board" data-study={board.study} data-counted={over}>
        <thead>
          <tr>
            <th scope="col" class="rank">rank</th>
            <th scope="col" class="architecture">architecture</th>
            <th scope="col" class="num score">
              {lb.rankingRule.metric} <span class="muted">mean [95% CI]</span>
            </th>
            <th scope="col" class="num">std</th>
            {tieBreak && <th scope="col" class="num">{tieBreak} (mean, ties)</th>}
            <th scope="col" class="num seeds">{over}</th>
            <th scope="col">records (one per {over.replace(/s$/, "")})</th>
          </tr>
        </thead>
        <tbody class="learned">
          {learned.map(row)}
          {lb.entries.length === 0 && (
            <tr>
              <td colSpan={columns} class="muted">No ranked cells yet.</td>
            </tr>
          )}
        </tbody>
        {references.length > 0 && (
          <tbody class="references">
            <tr class="group">
              <th scope="rowgroup" colSpan={columns}>
                Baselines and oracles: fixed proxies and the physics answer, not learned models
              </th>
            </tr>
            {references.map(row)}
          </tbody>
        )}
      </table>
      {lb.references.length > 0 && (
        <p class="muted">
          References at exact weights (not ranked): {lb.references.map((reference, index) => (
            <>
              {index > 0 && ", "}
              <a href={href(paths.record(version, profile, board.study, reference.cell))}>
                {reference.architecture} {formatValue(reference.value)}
              </a>
            </>
          ))}
          .
        </p>
      )}
      {lb.notApplicable.length > 0 && (
        <p class="muted">
          Not applicable:{" "}
          {lb.notApplicable.map((entry) => `${entry.architecture} (${entry.reason})`).join("; ")}.
        </p>
      )}
    </div>
  );
}
