/**
 * `deno task site:build [--out _site] [--root reports]`: exports every page, download and figure
 * as static files with relative links, for any static host and any sub-path. Fails, naming the
 * file, on a malformed report file, and on any link that does not resolve.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { exportSite } from "../lib/site/export.ts";
import { createSite } from "../lib/site/site.ts";
import manifest from "./manifest.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      out: { type: "string", default: "_site" },
      root: { type: "string", default: "reports" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("deno task site:build [--out _site] [--root reports]");
    Deno.exit(0);
  }
  const site = await createSite({ root: values.root!, manifest });
  const { paths, bytes } = await exportSite(site.app, values.out!);
  console.log(`${paths.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${values.out}/`);
}
