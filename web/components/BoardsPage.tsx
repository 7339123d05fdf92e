import type { JSX } from "preact";
import type { SiteProfile, SiteVersion } from "../../lib/site/load.ts";
import { useHref, usePage } from "../../lib/site/context.ts";
import { BoardTable, RankingRule } from "./BoardTable.tsx";
import { Document } from "./Document.tsx";
import { paths } from "./format.ts";
import { VersionNav } from "./VersionNav.tsx";

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
          <p class="lead">
            Profile <strong>{profile.name}</strong>: {profile.records.length} records in{" "}
            {profile.boards.length}{" "}
            studies. Scores are the mean ± sample standard deviation over seeds; every seed's value
            links to its record.{" "}
            {profile.reportPath && (
              <a href={href(paths.report(version.version, profile.name))}>REPORT.md</a>
            )}
          </p>
          <nav class="toc" aria-label="Studies">
            {profile.boards.map((board) => (
              <a key={board.study} href={`#${board.study}`}>{board.leaderboard.title}</a>
            ))}
          </nav>
          {profile.boards.map((board) => (
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
