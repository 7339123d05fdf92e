/**
 * `deno task site:build [--out _site] [--root reports]`: exports every page, download and figure
 * as static files with relative links, for any static host and any sub-path. Fails, naming the
 * file, on a malformed report file, and on any link that does not resolve.
 *
 * @module
 */
import { folderFlag, parseCommand, reportError } from "../lib/cli/parse_command.ts";
import { exportSite } from "../lib/site/export.ts";
import { createSite } from "../lib/site/site.ts";
import manifest from "./manifest.ts";

const USAGE = `deno task site:build — export the leaderboard site as static files

Usage:
  deno task site:build [--out _site] [--root reports]

Options:
  --out DIR     where the files go (default _site); written to a temporary folder first
                and moved into place only when the export is complete
  --root DIR    the reports tree (default reports)
  --help        this text

Every link is relative, so the folder works from any static host and any sub-path. A
malformed record or leaderboard, or a link that does not resolve, fails the build, named.`;

async function runBuild(args: string[]): Promise<void> {
  const parsed = parseCommand(
    args,
    {
      out: { type: "string", default: "_site" },
      root: { type: "string", default: "reports" },
      help: { type: "boolean", short: "h" },
    } as const,
    USAGE,
  );
  if (typeof parsed === "number") Deno.exit(parsed);
  const { values } = parsed;
  const root = (await folderFlag(values, "root"))!; // must exist: nothing to export otherwise
  const site = await createSite({ root, manifest });
  const { paths, bytes } = await exportSite(site.app, values.out!);
  console.log(`${paths.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${values.out}/`);
}

if (import.meta.main) {
  await runBuild(Deno.args).catch((error) => Deno.exit(reportError(error)));
}
