import { basename, dirname, join, resolve } from "node:path";
import type { SiteApp } from "./app.ts";

/** What `exportSite` wrote. */
export interface ExportSummary {
  /** Site paths written, in crawl order. */
  readonly paths: readonly string[];
  readonly bytes: number;
}

/**
 * Exports a site as static files: crawls from `/` through every `href` and `src` on every page
 * (the app answers in process), writes folder pages as `index.html` and files under their
 * names, plus `404.html`. A link that does not answer 200 fails the export, naming the page
 * and the link, so the output is link-complete. Links stay relative: the folder works from any
 * sub-path of any static host. The files are written to a sibling temporary folder that
 * replaces `outDir` only once complete, so a failed export leaves the previous one intact; an
 * existing non-empty `outDir` that is not an earlier export (no `.topolearn-site` marker), or
 * that holds a git repository, or is a link, is refused rather than deleted.
 *
 * @example
 * ```ts ignore
 * await exportSite(app, "_site");
 * ```
 */
export async function exportSite(app: SiteApp, outDir: string): Promise<ExportSummary> {
  const origin = "http://site.invalid";
  const queue: Array<{ path: string; from: string }> = [{ path: "/", from: "(start)" }];
  const seen = new Set<string>(["/"]);
  const written: string[] = [];
  let bytes = 0;
  await assertReplaceable(outDir);
  await Deno.mkdir(dirname(resolve(outDir)), { recursive: true });
  const staging = await Deno.makeTempDir({
    dir: dirname(resolve(outDir)),
    prefix: `.${basename(resolve(outDir))}-`,
  });
  const write = async (path: string, body: Uint8Array) => {
    const file = join(
      staging,
      ...path.split("/").filter(Boolean).map(decodeURIComponent),
      ...(path.endsWith("/") ? ["index.html"] : []),
    );
    await Deno.mkdir(dirname(file), { recursive: true });
    await Deno.writeFile(file, body);
    bytes += body.length;
  };
  try {
    await crawlSite();
    const missing = await app.handle(new Request(`${origin}/404.html`));
    await write("/404.html", new Uint8Array(await missing.arrayBuffer()));
    await Deno.writeTextFile(join(staging, MARKER), "written by topolearn's exportSite\n");
    // Swap: the previous export is moved aside, not deleted, until the new one is in place.
    const previous = `${staging}.previous`;
    const hadPrevious = await Deno.rename(outDir, previous).then(() => true, (error) => {
      if (error instanceof Deno.errors.NotFound) return false;
      throw error;
    });
    try {
      await Deno.rename(staging, outDir);
    } catch (error) {
      if (hadPrevious) await Deno.rename(previous, outDir);
      throw error;
    }
    if (hadPrevious) await Deno.remove(previous, { recursive: true });
  } catch (error) {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    throw error;
  }
  return { paths: written, bytes };

  async function crawlSite(): Promise<void> {
    while (queue.length) {
      const { path, from } = queue.shift()!;
      const response = await app.handle(new Request(origin + path));
      if (response.status !== 200) {
        throw new Error(`exportSite: ${path} (linked from ${from}) answered ${response.status}`);
      }
      const body = new Uint8Array(await response.arrayBuffer());
      await write(path, body);
      written.push(path);
      const type = response.headers.get("content-type") ?? "";
      if (!type.startsWith("text/html") && !type.startsWith("text/javascript")) continue;
      const text = new TextDecoder().decode(body);
      const links = type.startsWith("text/html")
        ? [...text.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => unescape(m[1]))
        : [...text.matchAll(/(?:from|import)\s*"(\.\/[^"]+)"/g)].map((m) => m[1]);
      for (const link of links) {
        if (link.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
        const target = new URL(link, origin + path);
        if (target.origin !== origin) continue;
        if (!seen.has(target.pathname)) {
          seen.add(target.pathname);
          queue.push({ path: target.pathname, from: path });
        }
      }
    }
  }
}

const MARKER = ".topolearn-site";

/**
 * `outDir` may be replaced: absent, empty, or an earlier export (its marker present) that holds
 * no repository (`.git`) — never a link, which would leave its target behind.
 */
async function assertReplaceable(outDir: string): Promise<void> {
  const link = await Deno.lstat(outDir).then((info) => info.isSymlink, () => false);
  if (link) {
    throw new Error(`exportSite: ${outDir} is a symbolic link: give the folder it points to`);
  }
  let names: string[];
  try {
    names = [];
    for await (const entry of Deno.readDir(outDir)) names.push(entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (names.includes(".git")) {
    throw new Error(
      `exportSite: ${outDir} holds a git repository (.git): refusing to replace it; export elsewhere and copy`,
    );
  }
  if (names.length && !names.includes(MARKER)) {
    throw new Error(
      `exportSite: ${outDir} exists and is not an earlier site export (no ${MARKER} in it): refusing to replace it`,
    );
  }
}

function unescape(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(
    /&lt;/g,
    "<",
  ).replace(/&gt;/g, ">");
}
