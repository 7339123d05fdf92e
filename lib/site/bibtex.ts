import type { SiteVersion } from "./load.ts";

/**
 * The BibTeX entry that cites one published suite version: a `@software` entry keyed
 * `topolearn-<version>`, with the git tag `v<version>` and the year its newest record was
 * started (absent when the version has no records), plus a pointer to the paper it builds on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { versionBibtex } from "./bibtex.ts";
 *
 * const entry = versionBibtex({ version: "0.2.0", profiles: [], datasets: [] });
 * assert.match(entry, /^@software\{topolearn-0\.2\.0,/);
 * assert.match(entry, /version = \{0\.2\.0\}/);
 * assert.match(entry, /arXiv:2509\.26261/);
 * ```
 */
export function versionBibtex(version: SiteVersion): string {
  const started = version.profiles.flatMap((profile) =>
    profile.records.map((record) => record.timing.startedAt)
  ).sort();
  const year = started.length > 0 ? started[started.length - 1].slice(0, 4) : null;
  return [
    `@software{topolearn-${version.version},`,
    `  title = {topolearn: a benchmark of whether neural networks learn topological invariants or a proxy for them},`,
    `  author = {{The topolearn contributors}},`,
    `  version = {${version.version}},`,
    ...(year ? [`  year = {${year}},`] : []),
    `  note = {Suite version ${version.version}, git tag v${version.version}; builds on Oriekhov et al., arXiv:2509.26261},`,
    `  license = {MIT}`,
    `}`,
  ].join("\n");
}
