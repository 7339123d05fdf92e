import type { JSX } from "preact";
import type { PageProps } from "../../lib/site/app.ts";
import { useHref } from "../../lib/site/context.ts";
import { JSON_SCHEMA_NAMES, versionBibtex } from "../../lib/site/mod.ts";
import { Document } from "../components/Document.tsx";
import { paths } from "../components/format.ts";
import { VersionNav } from "../components/VersionNav.tsx";

/** The archive: every published suite version, each at its own URL; the current one marked. */
export default function Versions({ state }: PageProps): JSX.Element {
  const href = useHref();
  const versions = state.site.versions;
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
            <th scope="col">profiles</th>
            <th scope="col" class="num">studies</th>
            <th scope="col" class="num">records</th>
            <th scope="col">datasets</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version, index) => (
            <tr data-version={version.version}>
              <td>
                <a href={href(paths.version(version.version))}>{version.version}</a>
                {index === 0 && <span class="badge current-version">current</span>}
              </td>
              <td>
                {version.profiles.map((profile, k) => (
                  <>
                    {k > 0 && ", "}
                    <a href={href(paths.profile(version.version, profile.name))}>{profile.name}</a>
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
          ))}
        </tbody>
      </table>
      <h2 id="cite">Cite a version</h2>
      <p>
        Cite the suite version whose numbers you use; each is tagged <code>v&lt;version&gt;</code>
        {" "}
        in git, and <code>CITATION.cff</code> in the repository carries the current one.
      </p>
      {versions.map((version) => (
        <pre class="bibtex" data-version={version.version}>{versionBibtex(version)}</pre>
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
