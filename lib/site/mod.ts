/**
 * The leaderboard site's library: reading and validating the reports tree, the figures behind
 * each board, a small Fresh-style app (file routes, preact server rendering, islands bundled
 * with `deno bundle`), and the static export. The pages themselves live in `web/`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { relativeHref, toCsv } from "./mod.ts";
 *
 * assert.equal(relativeHref("/v/0.1.0/", "/static/style.css"), "../../static/style.css");
 * assert.equal(toCsv(["a"], [[1]]), "a\r\n1\r\n");
 * ```
 *
 * @module
 */
export {
  createApp,
  fileResponse,
  type Handlers,
  type Manifest,
  type PageProps,
  type SiteApp,
  siteResponse,
} from "./app.ts";
export { PageContext, type PageInfo, type SiteState, useHref, usePage } from "./context.ts";
export { toCsv } from "./csv.ts";
export { relativeHref } from "./href.ts";
export { versionBibtex } from "./bibtex.ts";
export {
  JSON_SCHEMA_NAMES,
  jsonSchema,
  jsonSchemaFiles,
  type JsonSchemaName,
} from "./json_schemas.ts";
export { exportSite, type ExportSummary } from "./export.ts";
export {
  type ChartHeatmap,
  type ChartSeries,
  type ChartSpec,
  chartSpec,
  studyFigures,
  studyFigureSpecs,
} from "./figures.ts";
export {
  defaultProfile,
  loadReports,
  type SiteBoard,
  type SiteData,
  type SiteDataset,
  type SiteProfile,
  type SiteVersion,
} from "./load.ts";
export {
  type ArchitectureInfo,
  findBoard,
  findDataset,
  findProfile,
  findRecord,
  findVersion,
  siteArchitectures,
} from "./lookup.ts";
export { type MarkdownOptions, renderMarkdown } from "./markdown.ts";
export { createSite, type Site, type SiteOptions } from "./site.ts";
export {
  type ChangelogEntry,
  parseChangelog,
  type Supersession,
  supersessions,
} from "./changelog.ts";
