/**
 * The link from the page at `from` to the site path `to`, relative so that the exported site
 * works from any sub-path. Both are absolute site paths; a path ending in `/` is a folder page.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { relativeHref } from "./href.ts";
 *
 * assert.equal(relativeHref("/v/0.1.0/standard/", "/architectures/mlp/"), "../../../architectures/mlp/");
 * assert.equal(relativeHref("/", "/static/style.css"), "static/style.css");
 * assert.equal(relativeHref("/submit/", "/"), "../");
 * assert.equal(relativeHref("/a/", "/a/#x"), "./#x");
 * ```
 */
export function relativeHref(from: string, to: string): string {
  if (!from.startsWith("/") || !to.startsWith("/")) {
    throw new TypeError(`relativeHref: paths must be absolute, received "${from}" and "${to}"`);
  }
  const hashAt = to.indexOf("#");
  const hash = hashAt < 0 ? "" : to.slice(hashAt);
  const target = hashAt < 0 ? to : to.slice(0, hashAt);
  const base = from.slice(0, from.lastIndexOf("/") + 1).split("/").filter(Boolean);
  const parts = target.split("/");
  const file = parts.pop()!;
  const folders = parts.filter(Boolean);
  let common = 0;
  while (common < base.length && common < folders.length && base[common] === folders[common]) {
    common++;
  }
  const up = "../".repeat(base.length - common);
  const down = folders.slice(common).map((folder) => `${folder}/`).join("");
  return (up + down + file || "./") + hash;
}
