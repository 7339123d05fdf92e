/**
 * `deno task verify <record.json>`: re-runs one study cell from its record and compares.
 *
 * @example
 * ```ts ignore
 * deno task verify reports/0.1.0/quick/records/disorder/mlp.seed=0.init=random.json
 * ```
 *
 * @module
 */
import { CROSS_BACKEND_TOLERANCE, DatasetVersionError, verifyRecord } from "../submissions/mod.ts";
import { BACKENDS } from "../tensor/backends.ts";
import { choiceFlag, parseCommand, reportError } from "./parse_command.ts";

const HELP = `deno task verify — re-run a result record's cell and compare

Usage:
  deno task verify RECORD.json [--backend ${BACKENDS.join("|")}]

The record is first checked against the schema and its content hash (a hand-edited record
fails here). Its cell is then re-run from scratch (datasets from the cache, no cached model) on
the recorded backend, where every metric must be identical, or on --backend, where numbers must
agree within ${CROSS_BACKEND_TOLERANCE}. A record whose datasets are of an earlier data version
(dataset format or generator version: published 0.1.0–0.2.0 records) cannot be re-run by this
suite; it says so. Exit 0: agrees; 1: differs (each difference printed); 2: bad arguments or an
invalid record; 3: the record's data version is not this suite's.`;

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    { backend: { type: "string" }, help: { type: "boolean", short: "h" } } as const,
    HELP,
    { positionals: [1, 1] },
  );
  if (typeof parsed === "number") return parsed;
  const { values: flags, positionals } = parsed;
  let backend;
  try {
    backend = choiceFlag(flags, "backend", BACKENDS);
  } catch (error) {
    return reportError(error);
  }
  try {
    const result = await verifyRecord(positionals[0], backend);
    if (result.differences.length === 0) {
      console.log(
        `ok: ${result.path} reproduces on ${result.backend}${
          result.sameBackend ? " (identical)" : ` (within ${CROSS_BACKEND_TOLERANCE})`
        }`,
      );
      return 0;
    }
    console.error(`MISMATCH: ${result.path} on ${result.backend}:`);
    for (const difference of result.differences) console.error(`  ${difference}`);
    return 1;
  } catch (error) {
    if (error instanceof DatasetVersionError) {
      console.error(`cannot verify: ${error.message}`);
      return 3;
    }
    console.error(`error: ${(error as Error).message}`);
    return error instanceof TypeError || error instanceof RangeError ||
        error instanceof Deno.errors.NotFound
      ? 2
      : 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
