/** One compiled route: its segments (`:name` for a parameter) and whether it is a page. */
export interface CompiledRoute<T> {
  readonly key: string;
  readonly segments: readonly string[];
  /** Pages live at folder URLs (`/versions/`); file routes at exact names. */
  readonly page: boolean;
  readonly value: T;
}

/**
 * The route of a Fresh-style file name: `./routes/index.tsx` → `/`,
 * `./routes/v/[version]/index.tsx` → `/v/:version/`, `./routes/submit.tsx` → `/submit/`,
 * `./routes/x/[file].ts` (no page) → `/x/:file`. Names starting with `_` are not routes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { routePattern } from "./router.ts";
 *
 * assert.equal(routePattern("./routes/v/[version]/index.tsx", true), "/v/:version/");
 * assert.equal(routePattern("./routes/v/[version]/[file].ts", false), "/v/:version/:file");
 * assert.equal(routePattern("./routes/_404.tsx", true), null);
 * ```
 */
export function routePattern(file: string, page: boolean): string | null {
  const match = /^\.\/routes\/(.*)\.tsx?$/.exec(file);
  if (!match) throw new TypeError(`routePattern: "${file}" is not under ./routes/`);
  const parts = match[1].split("/");
  if (parts.some((part) => part.startsWith("_"))) return null;
  if (parts.at(-1) === "index") parts.pop();
  const segments = parts.map((part) => {
    const param = /^\[([a-zA-Z]\w*)\]$/.exec(part);
    if (param) return `:${param[1]}`;
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(part)) {
      throw new TypeError(`routePattern: bad segment "${part}" in "${file}"`);
    }
    return part;
  });
  if (!page && segments.length === 0) throw new TypeError(`routePattern: "${file}" needs a name`);
  return "/" + segments.join("/") + (page && segments.length ? "/" : "");
}

/**
 * Compiles routes; static segments win over parameters (`/v/:version/records/` before
 * `/v/:version/:study/`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileRoutes, matchRoute } from "./router.ts";
 *
 * const routes = compileRoutes([["/a/:x/", 1], ["/a/b/", 2]]);
 * assert.equal(matchRoute(routes, ["a", "b"], true)?.route.value, 2);
 * assert.deepEqual(matchRoute(routes, ["a", "c"], true)?.params, { x: "c" });
 * ```
 */
export function compileRoutes<T>(
  patterns: ReadonlyArray<readonly [string, T]>,
): CompiledRoute<T>[] {
  return patterns.map(([pattern, value]) => ({
    key: pattern,
    segments: pattern.split("/").filter(Boolean),
    page: pattern.endsWith("/"),
    value,
  })).sort((a, b) => weight(b) - weight(a));
}

function weight(route: CompiledRoute<unknown>): number {
  return route.segments.reduce((sum, s, k) => sum + (s.startsWith(":") ? 0 : 2 ** (20 - k)), 0);
}

/**
 * The route matching decoded path `segments` (`folder`: the path ended in `/`), with its
 * parameters; `null` when none does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileRoutes, matchRoute } from "./router.ts";
 *
 * assert.equal(matchRoute(compileRoutes([["/v/:version/", 1]]), ["v"], true), null);
 * ```
 */
export function matchRoute<T>(
  routes: readonly CompiledRoute<T>[],
  segments: readonly string[],
  folder: boolean,
): { route: CompiledRoute<T>; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.page !== folder && !(route.segments.length === 0 && segments.length === 0)) continue;
    if (route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = route.segments.every((part, k) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = segments[k];
        return true;
      }
      return part === segments[k];
    });
    if (ok) return { route, params };
  }
  return null;
}

/**
 * Splits and decodes a URL path into segments, refusing anything that could walk out of a
 * folder: `..` or `.`, a slash or backslash after decoding, NUL, or a bad escape. Returns
 * `null` for those.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pathSegments } from "./router.ts";
 *
 * assert.deepEqual(pathSegments("/v/0.1.0/"), { segments: ["v", "0.1.0"], folder: true });
 * assert.equal(pathSegments("/..%2f..%2fetc/passwd"), null);
 * ```
 */
export function pathSegments(path: string): { segments: string[]; folder: boolean } | null {
  const raw = path.split("/").slice(1);
  const folder = raw.length > 0 && raw[raw.length - 1] === "";
  if (folder) raw.pop();
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === "" || decoded === "." || decoded === ".." || /[/\\\0]/.test(decoded)) {
      return null;
    }
    segments.push(decoded);
  }
  return { segments, folder: folder || segments.length === 0 };
}
