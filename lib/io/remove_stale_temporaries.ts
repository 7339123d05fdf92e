import { join } from "node:path";

/** The name `writeAtomic` gives its temporary files: `<name>.<pid>.<8 hex>.tmp`. */
const TEMPORARY = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Options of {@linkcode removeStaleTemporaries}. */
export interface StaleTemporaryOptions {
  /** A temporary younger than this is left alone, lock or not (default 10 s). */
  readonly graceMs?: number;
  /** Any temporary this old is removed, even if locked (default 24 h). */
  readonly maxAgeMs?: number;
}

/** Whether the temporary's lock can be taken: its writer is gone (the OS released it). */
async function abandoned(path: string): Promise<boolean> {
  using file = await Deno.open(path, { read: true, write: true });
  const taken = await file.tryLock(true);
  if (taken) await file.unlock();
  return taken;
}

/**
 * Removes the temporary files that an interrupted atomic write (a `kill -9`) left in `folder`:
 * files named `<name>.<pid>.<8 hex>.tmp` (as `writeAtomic` names them) whose lock can be taken
 * — `writeAtomic` holds an exclusive lock on its temporary while writing, and the OS drops a
 * killed process's locks — and that are older than `graceMs`, or any older than `maxAgeMs`
 * (for file systems without locks). This process's own are kept;
 * other files are never touched. Best effort: a missing or unreadable folder, or a file that
 * cannot be removed, removes nothing and never throws. Returns the removed paths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { removeStaleTemporaries } from "./remove_stale_temporaries.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const stale = join(folder, "a.json.999999999.0123abcd.tmp");
 * await Deno.writeTextFile(stale, "{");
 * await Deno.writeTextFile(join(folder, "a.json"), "{}");
 * const removed = await removeStaleTemporaries(folder, { graceMs: 0 }); // nobody holds its lock
 * assert.deepEqual(removed, [stale]);
 * assert.deepEqual([...Deno.readDirSync(folder)].map((entry) => entry.name), ["a.json"]);
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function removeStaleTemporaries(
  folder: string,
  { graceMs = 10_000, maxAgeMs = 86_400_000 }: StaleTemporaryOptions = {},
): Promise<string[]> {
  const removed: string[] = [];
  const now = Date.now();
  try {
    for await (const entry of Deno.readDir(folder)) {
      const match = entry.isFile ? TEMPORARY.exec(entry.name) : null;
      if (!match) continue;
      const pid = Number(match[1]);
      if (pid === Deno.pid) continue;
      const path = join(folder, entry.name);
      try {
        const age = now - ((await Deno.stat(path)).mtime?.getTime() ?? now);
        if (age >= maxAgeMs || (age >= graceMs && await abandoned(path))) {
          await Deno.remove(path);
          removed.push(path);
        }
      } catch {
        // Best effort: gone meanwhile, or not ours to remove (permissions); never fails a run.
      }
    }
  } catch {
    // A missing or unreadable folder has nothing to clean.
  }
  return removed;
}
