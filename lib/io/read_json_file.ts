/**
 * Reads and parses a JSON file; an unreadable or malformed one throws `TypeError` naming the
 * file and calling it a JSON `what` (`record`, `leaderboard`, …).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonFile } from "./read_json_file.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"a":[1,2]}');
 * assert.deepEqual(await readJsonFile(path, "record"), { a: [1, 2] });
 * await Deno.writeTextFile(path, "{");
 * await assert.rejects(readJsonFile(path, "record"), TypeError);
 * await Deno.remove(path);
 * ```
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    throw new TypeError(`${path}: not a JSON ${what} (${(error as Error).message})`);
  }
}
