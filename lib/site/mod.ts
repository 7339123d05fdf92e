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
export * from "./app.ts";
export * from "./context.ts";
export * from "./csv.ts";
export * from "./export.ts";
export * from "./figures.ts";
export * from "./href.ts";
export * from "./islands.ts";
export * from "./leaderboard_schema.ts";
export * from "./load.ts";
export * from "./lookup.ts";
export * from "./markdown.ts";
export * from "./router.ts";
export * from "./semver.ts";
export * from "./site.ts";
