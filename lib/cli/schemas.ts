/**
 * `deno task schemas`: write the JSON Schemas of records, leaderboards, dataset manifests and
 * submission info files into `schemas/` (generated from the zod schemas the suite validates
 * with), or check that the committed ones are current.
 *
 * ```sh
 * deno task schemas            # (re)write schemas/*.schema.json
 * deno task schemas --check    # exit 1 if a committed schema differs from the generated one
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { writeAtomic } from "../io/mod.ts";
import { jsonSchemaFiles } from "../site/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { parseCommand, reportError } from "./parse_command.ts";

const HELP = `deno task schemas — the JSON Schemas of suite ${SUITE_VERSION}'s published files

Usage:
  deno task schemas [--out DIR] [--check]

Writes record, leaderboard, dataset-manifest and submission-info .schema.json (JSON Schema
draft 07, generated from the zod schemas the suite validates with) into DIR (default schemas/).

Options:
  --out DIR   where the schemas go (default schemas)
  --check     write nothing; exit 1 naming each schema that is missing or differs
  --help      this text`;

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      out: { type: "string" },
      check: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    } as const,
    HELP,
    { positionals: [0, 0] },
  );
  if (typeof parsed === "number") return parsed;
  const { values: flags } = parsed;
  try {
    const out = flags.out ?? "schemas";
    const files = jsonSchemaFiles();
    if (flags.check) {
      const stale: string[] = [];
      for (const [name, text] of Object.entries(files)) {
        const current = await Deno.readTextFile(join(out, name)).catch(() => null);
        if (current !== text) stale.push(join(out, name));
      }
      if (stale.length > 0) {
        console.error(`stale or missing (run deno task schemas): ${stale.join(", ")}`);
        return 1;
      }
      console.log(`${Object.keys(files).length} schemas in ${out} are current`);
      return 0;
    }
    await Deno.mkdir(out, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeAtomic(join(out, name), text);
    console.log(`wrote ${Object.keys(files).map((name) => join(out, name)).join(", ")}`);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
