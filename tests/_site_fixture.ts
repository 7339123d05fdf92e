// Test helper: the sample reports tree served by the real site on a free loopback port.
import { writeSampleReports } from "./_sample_reports.ts";
import { createSite, type Site } from "../lib/site/site.ts";
import manifest from "../web/manifest.ts";

/** A served sample site; `close` stops the server and removes the tree. */
export interface SiteFixture {
  readonly root: string;
  readonly site: Site;
  readonly base: string;
  close(): Promise<void>;
}

/** Writes the sample reports to a temporary folder and serves them on 127.0.0.1. */
export async function siteFixture(): Promise<SiteFixture> {
  const root = await Deno.makeTempDir({ prefix: "topolearn-site-" });
  await writeSampleReports(root);
  const site = await createSite({ root, manifest });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    site.app.handle,
  );
  return {
    root,
    site,
    base: `http://127.0.0.1:${server.addr.port}`,
    close: async () => {
      await server.shutdown();
      await Deno.remove(root, { recursive: true });
    },
  };
}
