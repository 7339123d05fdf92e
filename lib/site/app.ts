import { type ComponentType, h, options, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { relativeHref } from "./href.ts";
import { PageContext, type SiteState } from "./context.ts";
import {
  type CompiledRoute,
  compileRoutes,
  matchRoute,
  pathSegments,
  routePattern,
} from "./router.ts";

/** What a handler gets besides the request (Fresh's `FreshContext`, reduced). */
export interface HandlerContext<Data = unknown> {
  /** Decoded path parameters (check them against the reports tree before use). */
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly state: SiteState;
  /** Renders the route's page with `data`. */
  render(data?: Data, init?: ResponseInit): Response;
  /** The site's 404 page. */
  renderNotFound(): Response;
}

/** A route's handlers, by method (GET and HEAD are served). */
export interface Handlers<Data = unknown> {
  GET?(request: Request, context: HandlerContext<Data>): Response | Promise<Response>;
}

/** What a page component receives. */
export interface PageProps<Data = unknown> {
  readonly data: Data;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly state: SiteState;
}

/** A route file: a handler and/or a default page component. */
export interface RouteModule {
  // deno-lint-ignore no-explicit-any
  readonly handler?: Handlers<any>;
  // deno-lint-ignore no-explicit-any
  readonly default?: ComponentType<PageProps<any>>;
}

/** The `_app.tsx` component: the document around every page. */
export type AppComponent = ComponentType<{ Component: ComponentType; path: string }>;

/** The generated list of routes and islands (Fresh's `fresh.gen.ts`). */
export interface Manifest {
  /** `./routes/…` file name → module. `_app.tsx` and `_404.tsx` are special. */
  readonly routes: Readonly<Record<string, RouteModule>>;
  /** `./islands/<Name>.tsx` → module with a default-export component. */
  // deno-lint-ignore no-explicit-any
  readonly islands: Readonly<Record<string, { default: ComponentType<any> }>>;
  /** The manifest's own URL (`import.meta.url`): file names are relative to it. */
  readonly baseUrl: string;
}

/**
 * The island name of an island file name: `./islands/Chart.tsx` → `Chart`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { islandName } from "./app.ts";
 *
 * assert.equal(islandName("./islands/SortableTable.tsx"), "SortableTable");
 * ```
 */
export function islandName(file: string): string {
  const match = /^\.\/islands\/([A-Z][A-Za-z0-9]*)\.tsx?$/.exec(file);
  if (!match) throw new TypeError(`islandName: "${file}" is not ./islands/<PascalCase>.tsx`);
  return match[1];
}

/** A site application: answers requests in process (no socket needed). */
export interface SiteApp {
  handle(request: Request): Promise<Response>;
}

/** Static files served as they are: site path → bytes and content type. */
export type StaticFiles = ReadonlyMap<string, { body: Uint8Array<ArrayBuffer>; type: string }>;

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  svg: "image/svg+xml",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  txt: "text/plain; charset=utf-8",
};

/**
 * The content type of a file name, by extension (`application/octet-stream` when unknown).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { contentType } from "./app.ts";
 *
 * assert.equal(contentType("leaderboard.csv"), "text/csv; charset=utf-8");
 * ```
 */
export function contentType(name: string): string {
  return TYPES[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";
}

const SECURITY = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * A response with the site's headers (content type, nosniff, CSP).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { siteResponse } from "./app.ts";
 *
 * assert.equal(siteResponse("a,b\r\n", "x.csv").headers.get("content-type"), "text/csv; charset=utf-8");
 * ```
 */
export function siteResponse(
  body: BodyInit | null,
  name: string,
  init: ResponseInit = {},
): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", contentType(name));
  for (const [key, value] of Object.entries(SECURITY)) headers.set(key, value);
  return new Response(body, { ...init, headers });
}

/**
 * A published file from the reports tree. `path` must come from the loaded tree (an
 * allow-list), never from the request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileResponse } from "./app.ts";
 *
 * const response = await fileResponse("deno.json");
 * assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
 * await response.body?.cancel();
 * ```
 */
export async function fileResponse(path: string, name = path): Promise<Response> {
  return siteResponse(await Deno.readFile(path), name);
}

// Islands: a vnode whose type is an island component is rendered inside a marker that the
// browser bundle hydrates (data-island, data-props), and the page loads that island's script.
const islandNames = new Map<ComponentType<unknown>, string>();
let usedIslands: Set<string> | null = null;
let insideIsland = false;

function Island(
  props: {
    name: string;
    component: ComponentType<Record<string, unknown>>;
    props: Record<string, unknown>;
  },
): VNode<Record<string, unknown>> {
  usedIslands?.add(props.name);
  insideIsland = true;
  const inner = h(props.component, props.props);
  insideIsland = false;
  const marker = { "data-island": props.name, "data-props": JSON.stringify(props.props) };
  return h("div", marker as Record<string, unknown>, inner);
}

const previousVnode = options.vnode;
options.vnode = (vnode) => {
  const name = typeof vnode.type === "function" && !insideIsland
    ? islandNames.get(vnode.type as ComponentType<unknown>)
    : undefined;
  if (name !== undefined && usedIslands !== null) {
    const { children: _children, ...rest } = vnode.props as Record<string, unknown>;
    const component = vnode.type;
    (vnode as { type: unknown }).type = Island;
    (vnode as { props: unknown }).props = { name, component, props: rest };
  }
  previousVnode?.(vnode);
};

/**
 * Builds the site application from a manifest of routes and islands: a router over the route
 * files (static segments before parameters, folder URLs for pages with a redirect from the
 * bare name), server rendering with preact, island markers plus one module script per island
 * used on the page (no JavaScript on pages without islands), static files, security headers,
 * and the 404 page for anything unknown, including path-traversal attempts.
 *
 * @example
 * ```ts ignore
 * const app = createApp(manifest, { site: await loadReports("reports") }, staticFiles);
 * const response = await app.handle(new Request("http://site/"));
 * ```
 */
export function createApp(manifest: Manifest, state: SiteState, files: StaticFiles): SiteApp {
  for (const [file, module] of Object.entries(manifest.islands)) {
    islandNames.set(module.default as ComponentType<unknown>, islandName(file));
  }
  const App = manifest.routes["./routes/_app.tsx"]?.default as unknown as AppComponent | undefined;
  const NotFound = manifest.routes["./routes/_404.tsx"]?.default;
  const patterns: Array<[string, RouteModule]> = [];
  for (const [file, module] of Object.entries(manifest.routes)) {
    const pattern = routePattern(file, module.default !== undefined);
    if (pattern !== null) patterns.push([pattern, module]);
  }
  const routes: CompiledRoute<RouteModule>[] = compileRoutes(patterns);

  const render = (
    path: string,
    Page: ComponentType<PageProps<unknown>>,
    props: PageProps<unknown>,
    init: ResponseInit = {},
  ): Response => {
    const used = new Set<string>();
    usedIslands = used;
    let body: string;
    try {
      const page = h(Page, props);
      const tree = App ? h(App, { Component: () => page, path }) : page;
      body = renderToString(h(PageContext.Provider, { value: { path, state } }, tree));
    } finally {
      usedIslands = null;
    }
    const scripts = [...used].sort().map((name) =>
      `<script type="module" src="${relativeHref(path, `/static/islands/${name}.js`)}"></script>`
    ).join("");
    const html = "<!DOCTYPE html>" +
      (body.includes("</head>") ? body.replace("</head>", `${scripts}</head>`) : scripts + body);
    return siteResponse(html, "page.html", init);
  };

  const notFound = (url: URL): Response => {
    if (!NotFound) return siteResponse("Not found\n", "404.txt", { status: 404 });
    return render("/404.html", NotFound, { data: null, params: {}, url, state }, { status: 404 });
  };

  const rendered = new Map<string, { body: Uint8Array<ArrayBuffer>; headers: Headers }>();
  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method !== "GET" && request.method !== "HEAD") {
      return siteResponse("Method not allowed\n", "405.txt", {
        status: 405,
        headers: { allow: "GET, HEAD" },
      });
    }
    const file = files.get(url.pathname);
    let response: Response;
    if (file) {
      response = siteResponse(file.body, url.pathname, {
        headers: { "cache-control": "no-cache" },
      });
    } else {
      // The tree is read once and never changes under the app: a page renders once.
      let hit = rendered.get(url.pathname);
      if (!hit) {
        response = await routeRequest(request, url);
        if (response.status !== 200 || rendered.size >= 10_000) {
          return request.method === "HEAD" ? new Response(null, response) : response;
        }
        hit = { body: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
        rendered.set(url.pathname, hit);
      }
      response = new Response(hit.body, { headers: hit.headers });
    }
    return request.method === "HEAD" ? new Response(null, response) : response;
  };

  const routeRequest = async (request: Request, url: URL): Promise<Response> => {
    const parsed = pathSegments(url.pathname);
    if (parsed === null) return notFound(url);
    const match = matchRoute(routes, parsed.segments, parsed.folder);
    if (match === null && !parsed.folder && matchRoute(routes, parsed.segments, true)) {
      const last = parsed.segments.at(-1)!;
      return siteResponse(null, "x.txt", {
        status: 301,
        headers: { location: `${encodeURIComponent(last)}/${url.search}` },
      });
    }
    if (match === null) return notFound(url);
    const { value: module, key } = match.route;
    const params = match.params;
    const context: HandlerContext<unknown> = {
      params,
      url,
      state,
      render: (data, init) => {
        if (!module.default) throw new TypeError(`${key}: render() without a page`);
        return render(url.pathname, module.default, { data, params, url, state }, init);
      },
      renderNotFound: () => notFound(url),
    };
    if (module.handler?.GET) return await module.handler.GET(request, context);
    return context.render(undefined);
  };

  return { handle };
}
