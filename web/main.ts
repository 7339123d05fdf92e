/**
 * The leaderboard site: `deno task site [--port 8000] [--hostname 127.0.0.1] [--root reports]`
 * serves the pages from the reports tree (validated on start; a malformed file stops it, named).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createSite } from "../lib/site/site.ts";
import manifest from "./manifest.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      port: { type: "string", default: Deno.env.get("PORT") ?? "8000" },
      hostname: { type: "string", default: "127.0.0.1" },
      root: { type: "string", default: "reports" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("deno task site [--port 8000] [--hostname 127.0.0.1] [--root reports]");
    Deno.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`--port must be an integer in [0, 65535]: received "${values.port}"`);
  }
  const site = await createSite({ root: values.root!, manifest });
  Deno.serve({
    hostname: values.hostname,
    port,
    onListen: ({ hostname, port }) =>
      console.log(`topolearn site: http://${hostname}:${port}/ (from ${values.root}/)`),
  }, site.app.handle);
}
