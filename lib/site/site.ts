import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { contentType, createApp, islandName, type Manifest, type SiteApp } from "./app.ts";
import { bundleIslands } from "./islands.ts";
import { loadReports, type SiteData } from "./load.ts";
import { parseChangelog } from "./changelog.ts";

/** Options of `createSite`. */
export interface SiteOptions {
  /** The reports tree (`reports/`). */
  readonly root: string;
  /** The web folder's generated manifest (routes and islands). */
  readonly manifest: Manifest;
  /** Where island bundles are cached (default `<web>/static/islands`, git-ignored). */
  readonly islandsDir?: string;
  /** The deno.json whose import map bundles the islands (default: the project's). */
  readonly config?: string;
  /** `CHANGELOG.md` (default: the repository's); absent file: no changelog on the site. */
  readonly changelog?: string;
}

/** A ready site: the app, the data it shows and the island bundles' sizes. */
export interface Site {
  readonly app: SiteApp;
  readonly data: SiteData;
  /** Site path of each JavaScript file → bytes. */
  readonly scripts: ReadonlyMap<string, number>;
}

/**
 * Loads and validates the reports tree (throws `TypeError` naming the first malformed file),
 * bundles the islands (cached) and builds the app. The web folder is the manifest's folder;
 * `static/` under it is served at `/static/`.
 *
 * @example
 * ```ts ignore
 * import manifest from "../../web/manifest.ts";
 * const site = await createSite({ root: "reports", manifest });
 * ```
 */
export async function createSite(options: SiteOptions): Promise<Site> {
  const web = fileURLToPath(new URL(".", options.manifest.baseUrl));
  const data = await loadReports(options.root);
  const islandsDir = options.islandsDir ?? join(web, "static", "islands");
  const files = new Map<string, { body: Uint8Array<ArrayBuffer>; type: string }>();
  for (const path of await walk(join(web, "static"))) {
    if (path.startsWith(islandsDir)) continue;
    const name = "/static/" + relative(join(web, "static"), path).split("\\").join("/");
    files.set(name, { body: await Deno.readFile(path), type: contentType(name) });
  }
  const islands = Object.fromEntries(
    Object.keys(options.manifest.islands).map((file) => [
      islandName(file),
      fileURLToPath(new URL(file, options.manifest.baseUrl)),
    ]),
  );
  const inputs = [
    ...await walk(join(web, "islands")),
    ...await walk(join(web, "components")),
    ...await walk(fileURLToPath(new URL(".", import.meta.url))),
  ].filter((path) => /\.tsx?$/.test(path));
  const bundles = await bundleIslands({
    islands,
    outDir: islandsDir,
    inputs,
    config: options.config,
  });
  const scripts = new Map<string, number>();
  for (const [name, body] of bundles) {
    files.set(`/static/islands/${name}`, { body, type: contentType(name) });
    scripts.set(`/static/islands/${name}`, body.length);
  }
  const changelogPath = options.changelog ??
    fileURLToPath(new URL("../../CHANGELOG.md", import.meta.url));
  const changelogText = await Deno.readTextFile(changelogPath).catch((error) => {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  });
  const changelog = changelogText === null ? [] : parseChangelog(changelogText);
  return { app: createApp(options.manifest, { site: data, changelog }, files), data, scripts };
}

async function walk(folder: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of Deno.readDir(folder)) {
      const path = join(folder, entry.name);
      if (entry.isDirectory) out.push(...await walk(path));
      else if (entry.isFile && !entry.name.startsWith(".")) out.push(path);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return out.sort();
}
