import { dirname, join } from "node:path";
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
 * sub-path of any static host.
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
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  const write = async (path: string, body: Uint8Array) => {
    const file = join(
      outDir,
      ...path.split("/").filter(Boolean).map(decodeURIComponent),
      ...(path.endsWith("/") ? ["index.html"] : []),
    );
    await Deno.mkdir(dirname(file), { recursive: true });
    await Deno.writeFile(file, body);
    bytes += body.length;
  };
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
      ? [...text.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => _unescape(m[1]))
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
  const missing = await app.handle(new Request(`${origin}/404.html`));
  await write("/404.html", new Uint8Array(await missing.arrayBuffer()));
  return { paths: written, bytes };
}

function _unescape(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(
    /&lt;/g,
    "<",
  ).replace(/&gt;/g, ">");
}
