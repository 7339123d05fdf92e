import type { JSX } from "preact";
import type { PageProps } from "../../lib/site/app.ts";
import { useHref } from "../../lib/site/context.ts";
import {
  JSON_SCHEMA_NAMES,
  type SiteVersion,
  supersessions,
  versionBibtex,
} from "../../lib/site/mod.ts";
import { Document } from "../components/Document.tsx";
import { paths, shortHash } from "../components/format.ts";

/** The commit most of a version's records were produced at, and whether any tree was dirty. */
function versionCommit(version: SiteVersion): { commit: string | null; dirty: boolean } {
  const counts = new Map<string, number>();
  let dirty = false;
  for (const record of version.profiles.flatMap((profile) => profile.records)) {
    const commit = record.provenance.git.commit;
    if (commit) counts.set(commit, (counts.get(commit) ?? 0) + 1);
    dirty ||= record.provenance.git.dirty === true;
  }
  const commit = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { commit, dirty };
}

/** The newest record's start date (`YYYY-MM-DD`) of a version, or `null`. */
function newestRecordDate(version: SiteVersion): string | null {
  const started = version.profiles.flatMap((profile) =>
    profile.records.map((record) => record.timing.startedAt)
  ).sort();
  return started.length ? started[started.length - 1].slice(0, 10) : null;
}
import { VersionNav } from "../components/VersionNav.tsx";

/** The archive: every published suite version, each at its own URL; the current one marked. */
export default function Versions({ state }: PageProps): JSX.Element {
  const href = useHref();
  const versions = state.site.versions;
  const changelog = state.changelog ?? [];
  const marks = supersessions(versions.map((version) => version.version), changelog);
  return (
    <Document title="Versions" section="versions">
      <VersionNav shown={null} />
      <h1>Suite versions</h1>
      <p>
        Anything that can move a published number bumps the suite version; results from different
        versions never share a board, and every version stays viewable here.
      </p>
      <table class="versions-table">
        <thead>
          <tr>
            <th scope="col">version</th>
            <th scope="col">date</th>
            <th scope="col">commit</th>
            <th scope="col">what changed, and why</th>
            <th scope="col">profiles</th>
            <th scope="col" class="num">studies</th>
            <th scope="col" class="num">records</th>
            <th scope="col">datasets</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version, index) => {
            const entry = changelog.find((item) => item.version === version.version);
            const mark = marks.get(version.version);
            const { commit, dirty } = versionCommit(version);
            return (
              <tr
                data-version={version.version}
                class={mark ? "superseded-row" : undefined}
              >
                <td>
                  <a href={href(paths.version(version.version))}>{version.version}</a>
                  {index === 0 && <span class="badge current-version">current</span>}
                  {mark && (
                    <span
                      class="badge superseded"
                      title={`superseded by ${mark.by}: ${mark.reason}`}
                    >
                      superseded by {mark.by}
                    </span>
                  )}
                </td>
                <td class="date">{entry?.date ?? newestRecordDate(version) ?? "–"}</td>
                <td class="commit">
                  <code title={commit ?? undefined}>{shortHash(commit)}</code>
                  {dirty && <span class="muted">(dirty)</span>}
                </td>
                <td class="why">
                  {entry ? <p>{entry.changed}</p> : <p class="muted">No changelog entry.</p>}
                  {entry?.why && (
                    <p>
                      <strong>Why:</strong> {entry.why}
                    </p>
                  )}
                  {mark && (
                    <p class="superseded-reason">
                      <strong>Superseded by {mark.by}:</strong> {mark.reason}
                    </p>
                  )}
                </td>
                <td>
                  {version.profiles.map((profile, k) => (
                    <>
                      {k > 0 && ", "}
                      <a href={href(paths.profile(version.version, profile.name))}>
                        {profile.name}
                      </a>
                    </>
                  ))}
                </td>
                <td class="num">{Math.max(0, ...version.profiles.map((p) => p.boards.length))}</td>
                <td class="num">{version.profiles.reduce((n, p) => n + p.records.length, 0)}</td>
                <td>
                  {version.datasets.length > 0
                    ? (
                      <a href={href(paths.datasets(version.version))}>
                        {version.datasets.length} cards
                      </a>
                    )
                    : "none"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 id="cite">Cite a version</h2>
      <p>
        Cite the suite version whose numbers you use; each is tagged <code>v&lt;version&gt;</code>
        {" "}
        in git, and <code>CITATION.cff</code> in the repository carries the current one.
      </p>
      {versions.map((version) => (
        <div class="cite" id={`cite-${version.version}`}>
          <h3>Cite this version: {version.version}</h3>
          <pre class="bibtex" data-version={version.version}>{versionBibtex(version)}</pre>
        </div>
      ))}
      <h2 id="schemas">Schemas</h2>
      <p>
        JSON Schemas (draft 07) of the published files, generated from the schemas the suite
        validates with:
      </p>
      <ul class="schemas">
        {JSON_SCHEMA_NAMES.map((name) => (
          <li>
            <a href={href(`/schemas/${name}.schema.json`)}>{name}.schema.json</a>
          </li>
        ))}
      </ul>
    </Document>
  );
}
