/** The default cap of {@linkcode readJsonFile}: 64 MiB. */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

/** Options of {@linkcode readJsonFile}. */
export interface ReadJsonOptions {
  /** The most bytes read; a longer file (or an endless one, `/dev/zero`) throws `RangeError`. */
  readonly maxBytes?: number;
}

/**
 * Reads and parses a JSON file, reading at most `maxBytes` (default 64 MiB, whatever the file
 * claims: devices and pipes included). An unreadable or malformed file throws `TypeError` naming
 * the file and calling it a JSON `what` (`record`, `leaderboard`, …); a longer one throws
 * `RangeError` naming the file and the cap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonFile } from "./read_json_file.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"a":[1,2]}');
 * assert.deepEqual(await readJsonFile(path, "record"), { a: [1, 2] });
 * await assert.rejects(readJsonFile(path, "record", { maxBytes: 4 }), RangeError);
 * await Deno.writeTextFile(path, "{");
 * await assert.rejects(readJsonFile(path, "record"), TypeError);
 * await Deno.remove(path);
 * ```
 */
export async function readJsonFile(
  path: string,
  what: string,
  { maxBytes = DEFAULT_MAX_JSON_BYTES }: ReadJsonOptions = {},
): Promise<unknown> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`maxBytes must be a positive safe integer: received ${maxBytes}`);
  }
  let text: string;
  try {
    text = await readCapped(path, maxBytes);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RangeError(
        `${path}: a JSON ${what} is at most ${maxBytes} bytes; this file is longer`,
      );
    }
    throw new TypeError(`${path}: not a JSON ${what} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${path}: not a JSON ${what} (${(error as Error).message})`);
  }
}

async function readCapped(path: string, maxBytes: number): Promise<string> {
  using file = await Deno.open(path, { read: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(Math.min(maxBytes + 1, 1 << 20));
  while (true) {
    const count = await file.read(buffer);
    if (count === null) break;
    total += count;
    if (total > maxBytes) throw new RangeError("too long");
    chunks.push(buffer.slice(0, count));
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
