import type { JSX } from "preact";
import type { SiteBoard, SiteProfile, SiteVersion } from "../../lib/site/load.ts";
import { useHref, usePage } from "../../lib/site/context.ts";
import { BoardTable, RankingRule } from "./BoardTable.tsx";
import { Document } from "./Document.tsx";
import { paths } from "./format.ts";
import { VersionNav } from "./VersionNav.tsx";
import { keyFindings } from "../../lib/reporting/key_findings.ts";
import { paperClaims, SUITE_ARCHITECTURE } from "../../lib/reporting/paper_claims.ts";
import { SUITE_VERSION } from "../../lib/version.ts";
import { chartSpec, studyFigureSpecs } from "../../lib/site/figures.ts";
import Chart from "../islands/Chart.tsx";

/**
 * The key findings of a profile: sentences with numbers and 95% CIs computed from its boards,
 * and the hero figure (a phase diagram with its boundaries, or a figure with marked lines).
 */
export function KeyFindings(props: { profile: SiteProfile; version: string }): JSX.Element | null {
  const href = useHref();
  const { profile, version } = props;
  const boards = profile.boards.map((board) => board.leaderboard);
  const figures = profile.boards.map((board) => ({
    study: board.study,
    figures: studyFigureSpecs(board.study, board.records),
  }));
  const { findings, hero } = keyFindings(boards, figures, profile.records);
  if (findings.length === 0) return null;
  // An archived version's figures are the SVGs its own code published: its hero is one of them.
  const archivedHero = hero ? null : publishedHero(profile.boards);
  return (
    <section class="key-findings" id="key-findings">
      <h2>Key findings</h2>
      <div class="findings-row">
        <ul class="findings">
          {findings.map((finding) => (
            <li data-finding={finding.study}>
              {finding.text}{" "}
              <a href={href(paths.study(version, profile.name, finding.study))}>board →</a>
            </li>
          ))}
        </ul>
        {hero && (
          <div class="hero" data-study={hero.study}>
            <Chart {...chartSpec({ ...hero.figure, id: `hero-${hero.figure.id}` })} />
          </div>
        )}
        {archivedHero && (
          <div class="hero" data-study={archivedHero.study}>
            <img
              src={href(paths.file(version, profile.name, archivedHero.study, archivedHero.file))}
              alt={`${archivedHero.study}: ${archivedHero.file} (as published)`}
            />
          </div>
        )}
      </div>
      <p class="muted">
        Computed from the boards below (never typed in): means over the values counted, with
        bootstrap 95% confidence intervals.
      </p>
      {version === SUITE_VERSION && <Claims profile={profile} />}
    </section>
  );
}

/**
 * The paper's claims (and the suite's own), each with its verdict, the numbers behind it and
 * the rule; only for this suite version's records (an archive's metrics mean other things).
 */
function Claims(props: { profile: SiteProfile }): JSX.Element {
  const { profile } = props;
  const verdicts = paperClaims(
    {
      boards: new Map(profile.boards.map((board) => [board.study, board.leaderboard])),
      records: profile.records,
    },
    SUITE_ARCHITECTURE,
  );
  return (
    <div class="claims" id="claims">
      <h3>The paper's claims, measured</h3>
      <ul>
        {verdicts.map((claim) => (
          <li data-verdict={claim.verdict}>
            <span class={`verdict verdict-${claim.verdict.replace(" ", "-")}`}>
              {claim.verdict}
            </span>{" "}
            {claim.source === "suite" ? "(this suite) " : ""}
            {claim.claim} <span class="muted">{claim.evidence}.</span>
            <details>
              <summary>rule</summary>
              {claim.rule}
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The hero of an archived version (no figure spec applies to its records): its published
 * accuracy-vs-disorder figure, else the first published phase diagram.
 */
function publishedHero(boards: readonly SiteBoard[]): { study: string; file: string } | null {
  const disorder = boards.find((board) => board.study === "disorder");
  if (disorder?.files.has("accuracy-vs-disorder.svg")) {
    return { study: "disorder", file: "accuracy-vs-disorder.svg" };
  }
  const phase = boards.find((board) => board.study === "phase-diagram");
  const file = [...(phase?.files.keys() ?? [])].find((name) => name.endsWith(".svg"));
  return phase && file ? { study: "phase-diagram", file } : null;
}

/** Boards ranked from exact weights (a check, not a finding) go after the learned ones. */
function boardOrder(boards: readonly SiteBoard[]): SiteBoard[] {
  const check = (board: SiteBoard) =>
    board.leaderboard.rankingRule.aggregation.includes("exact weights") ? 1 : 0;
  return [...boards].sort((a, b) => check(a) - check(b));
}

/** The data of a boards page: a version and one of its profiles. */
export interface BoardsData {
  readonly version: SiteVersion;
  readonly profile: SiteProfile | null;
}

/** A version's boards for one profile, one per study (the home page shows the newest). */
export function BoardsPage(props: { data: BoardsData }): JSX.Element {
  const href = useHref();
  const { state } = usePage();
  const { version, profile } = props.data;
  const current = state.site.versions[0]?.version === version.version;
  return (
    <Document title={`Leaderboards ${version.version}`} section="boards">
      <VersionNav shown={version.version} />
      <h1>
        Leaderboards, suite {version.version}
        {current && <span class="badge current-version">current</span>}
      </h1>
      {version.profiles.length > 1 && (
        <nav class="profiles" aria-label="Profile">
          Profile: {version.profiles.map((entry) => (
            <a
              href={href(paths.profile(version.version, entry.name))}
              aria-current={entry.name === profile?.name ? "page" : undefined}
            >
              {entry.name}
            </a>
          ))}
        </nav>
      )}
      {profile === null ? <p>No results are published for this version yet.</p> : (
        <>
          <KeyFindings profile={profile} version={version.version} />
          <p class="lead">
            Profile <strong>{profile.name}</strong>: {profile.records.length} records in{" "}
            {profile.boards.length}{" "}
            studies. Scores are the mean over seeds (or datasets, where a board says so) with its
            95% confidence interval; ranks marked = are shared (intervals overlap); every value
            links to its record. {profile.reportPath && (
              <>
                <a href={href(paths.reportPage(version.version, profile.name))}>the report</a>{" "}
                (<a href={href(paths.report(version.version, profile.name))}>REPORT.md</a>)
              </>
            )}
          </p>
          <nav class="toc" aria-label="Studies">
            {boardOrder(profile.boards).map((board) => (
              <a key={board.study} href={`#${board.study}`}>{board.leaderboard.title}</a>
            ))}
          </nav>
          {boardOrder(profile.boards).map((board) => (
            <section id={board.study} class="study">
              <h2>
                <a href={href(paths.study(version.version, profile.name, board.study))}>
                  {board.leaderboard.title}
                </a>
              </h2>
              <p class="question">{board.leaderboard.question}</p>
              {board.provisional && (
                <p class="notice">
                  Provisional: no <code>leaderboard.json</code>{" "}
                  is published yet; ranked here from the {board.records.length}{" "}
                  records by the study's rule.
                </p>
              )}
              <RankingRule board={board} />
              <BoardTable board={board} version={version.version} profile={profile.name} />
              <p>
                <a href={href(paths.study(version.version, profile.name, board.study))}>
                  Figures, all records and downloads →
                </a>
              </p>
            </section>
          ))}
        </>
      )}
      {version.datasets.length > 0 && (
        <p class="muted">
          <a href={href(paths.datasets(version.version))}>Dataset cards of {version.version}</a>
        </p>
      )}
    </Document>
  );
}
