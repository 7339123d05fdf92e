/**
 * The leaderboard site: `deno task site [--port 8000] [--hostname 127.0.0.1] [--root reports]`
 * serves the pages from the reports tree (validated on start; a malformed file stops it, named).
 *
 * @module
 */
import { folderFlag, integerFlag, parseCommand, reportError } from "../lib/cli/parse_command.ts";
import { createSite } from "../lib/site/site.ts";
import manifest from "./manifest.ts";

const USAGE = `deno task site — serve the leaderboard site from a reports tree

Usage:
  deno task site [--port 8000] [--hostname 127.0.0.1] [--root reports]

Options:
  --port N        port to listen on in [0, 65535] (default $PORT or 8000; 0 picks a free
                  one)
  --hostname H    address to bind (default 127.0.0.1; the task may use loopback only: to
                  serve elsewhere run web/main.ts with your own --allow-net)
  --root DIR      the reports tree (default reports); validated on start: a malformed
                  record or leaderboard stops the server and is named
  --help          this text

deno task site:build exports the same pages as static files.`;

async function runSite(args: string[]): Promise<void> {
  const parsed = parseCommand(
    args,
    {
      port: { type: "string", default: Deno.env.get("PORT") || "8000" },
      hostname: { type: "string", default: "127.0.0.1" },
      root: { type: "string", default: "reports" },
      help: { type: "boolean", short: "h" },
    } as const,
    USAGE,
  );
  if (typeof parsed === "number") Deno.exit(parsed);
  const { values } = parsed;
  const port = integerFlag(values, "port", undefined, [0, 65535]);
  const root = (await folderFlag(values, "root"))!; // must exist: nothing to serve otherwise
  const site = await createSite({ root, manifest });
  Deno.serve({
    hostname: values.hostname,
    port,
    onListen: ({ hostname, port }) =>
      console.log(`topolearn site: http://${hostname}:${port}/ (from ${values.root}/)`),
  }, site.app.handle);
}

if (import.meta.main) {
  await runSite(Deno.args).catch((error) => Deno.exit(reportError(error)));
}
