import type { JSX } from "preact";
import type { SiteBoard } from "../../lib/site/load.ts";
import { useHref } from "../../lib/site/context.ts";
import { Badges } from "./Badges.tsx";
import { formatValue, paths } from "./format.ts";

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
 * A study's board as a plain table: rank, architecture with badges, mean ± standard deviation
 * over seeds, the tie-break metric's mean where the study has one, the seed count, and each
 * seed's value linking to its record.
 */
export function BoardTable(
  props: { board: SiteBoard; version: string; profile: string },
): JSX.Element {
  const href = useHref();
  const { board, version, profile } = props;
  const lb = board.leaderboard;
  const tieBreak = lb.rankingRule.tieBreakMetric;
  return (
    <div class="table-wrap">
      <table class="board" data-study={board.study}>
        <thead>
          <tr>
            <th scope="col">rank</th>
            <th scope="col">architecture</th>
            <th scope="col" class="num">{lb.rankingRule.metric} (mean ± std)</th>
            {tieBreak && <th scope="col" class="num">{tieBreak} (mean, ties)</th>}
            <th scope="col" class="num">seeds</th>
            <th scope="col">records (one per seed)</th>
          </tr>
        </thead>
        <tbody>
          {lb.entries.map((entry) => (
            <tr data-architecture={entry.architecture}>
              <td class="rank">{entry.rank}</td>
              <td>
                <a href={href(paths.architecture(entry.architecture))}>{entry.architecture}</a>{" "}
                <span class="muted">{entry.architectureVersion}</span>{" "}
                <Badges
                  exactInvariant={entry.exactInvariant}
                  sizeAgnostic={entry.sizeAgnostic}
                  community={entry.community}
                  badges={entry.badges}
                />
              </td>
              <td class="num score" data-mean={entry.mean} data-std={entry.std}>
                {formatValue(entry.mean)} ± {formatValue(entry.std)}
              </td>
              {tieBreak && (
                <td class="num tie-break">
                  {entry.tieBreakMean == null ? "–" : formatValue(entry.tieBreakMean)}
                </td>
              )}
              <td class="num seeds">{entry.seeds}</td>
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
          ))}
          {lb.entries.length === 0 && (
            <tr>
              <td colSpan={tieBreak ? 6 : 5} class="muted">No ranked cells yet.</td>
            </tr>
          )}
        </tbody>
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
