/**
 * `deno task report`: build the published report of a profile, or merge shard outputs.
 *
 * @example
 * ```ts ignore
 * deno task report build --profile standard
 * deno task report merge shard-1/reports shard-2/reports
 * ```
 *
 * @module
 */
import { buildReport } from "../reporting/mod.ts";
import { mergeRecords } from "../records/mod.ts";
import { profile as profileNamed } from "../studies/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { folderFlag, parseCommand, reportError, UsageError } from "./parse_command.ts";

const HELP =
  `deno task report — leaderboards and REPORT.md from the records of suite ${SUITE_VERSION}

Usage:
  deno task report build [--profile P] [--root DIR]
      validate the profile's records and write, under DIR/${SUITE_VERSION}/P/, a leaderboard.json
      per study, SVG figures and REPORT.md (default profile quick, DIR reports)
  deno task report merge SOURCE... [--root DIR] [--profile P]
      copy the validated records found under each SOURCE (shard outputs) into DIR, refusing
      conflicting results for one cell, then build the report of P

Options:
  --root DIR  the reports tree; build needs it to exist, merge makes it if missing (inside an
              existing parent folder only)
  --help      this text`;

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      profile: { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    } as const,
    HELP,
    { positionals: [1, Infinity] },
  );
  if (typeof parsed === "number") return parsed;
  const { values: flags, positionals: [command, ...sources] } = parsed;
  try {
    const profile = profileNamed(flags.profile ?? "quick").name;
    // build reads the records there (it must exist); merge may make it (one level, see --help).
    const root = await folderFlag(flags, "root", { create: command === "merge" }) ?? "reports";
    if (command === "merge") {
      if (sources.length === 0) throw new UsageError("merge needs at least one SOURCE folder");
      const merged = await mergeRecords(sources, root);
      console.log(`merged ${merged.length} records into ${root}`);
    } else if (command !== "build") {
      throw new UsageError(`Unknown command "${command}": expected build or merge`);
    }
    const boards = await buildReport(profile, root);
    for (const board of boards) {
      const leader = board.entries[0];
      console.log(
        `${board.study.padEnd(17)} ${
          leader
            ? `${leader.architecture} ${board.rankingRule.metric} ${leader.mean.toFixed(3)}`
            : "(no ranked entries)"
        }`,
      );
    }
    console.log(`wrote ${root}/${SUITE_VERSION}/${profile}/REPORT.md`);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
