import { join } from "node:path";
import type { StudyRecord } from "./schema.ts";
import { readRecord, recordPath, writeRecord } from "./store.ts";

/**
 * Merges the records found under `sources` (shard outputs: any folder tree of record files)
 * into `root`: each is validated; a record whose cell already has a record with another content
 * hash is a conflict (`RangeError` naming both files), and nothing is written in that case.
 */
export async function mergeRecords(
  sources: readonly string[],
  root = "reports",
): Promise<StudyRecord[]> {
  const incoming: Array<{ record: StudyRecord; path: string }> = [];
  const walk = async (path: string): Promise<void> => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else if (
        entry.isFile && entry.name.endsWith(".json") && !entry.name.startsWith("leaderboard")
      ) {
        incoming.push({ record: await readRecord(child), path: child });
      }
    }
  };
  for (const source of sources) await walk(source);
  for (const { record, path } of incoming) {
    const target = recordPath(record, root, record.suiteVersion);
    const exists = await Deno.stat(target).then(() => true, () => false);
    if (!exists) continue;
    try {
      const existing = await readRecord(target);
      if (existing.contentHash !== record.contentHash) {
        throw new RangeError(
          `Conflict: ${path} and ${target} hold different results for cell ${record.cell.id}`,
        );
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  for (const { record } of incoming) await writeRecord(record, root);
  return incoming.map(({ record }) => record);
}
