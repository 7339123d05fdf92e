import { dirname } from "node:path";
import { removeStaleTemporaries } from "../io/mod.ts";
import { configHash } from "../records/record.ts";
import type { StudyRecord } from "../records/schema.ts";
import { readRecord, recordPath, writeRecord } from "../records/store.ts";
import { runCell } from "./run_cell.ts";
import type { PlannedCell } from "./plan.ts";

/** Progress after each cell. */
export interface CellProgress {
  readonly position: number;
  readonly total: number;
  readonly study: string;
  readonly cell: string;
  readonly skipped: boolean;
  readonly elapsedSeconds: number;
  /** Estimated seconds left (from the cells run so far). */
  readonly remainingSeconds: number | null;
}

/**
 * Runs one planned cell unless its record (same config hash) already exists under `root`:
 * an interrupted run resumes where it stopped. A record of the same cell from another
 * configuration (another config hash: an earlier suite's data, head or budget) is never
 * overwritten — that would lose a published number — and is a `RangeError` naming the file.
 * Writes the record atomically as soon as it is done. `useModelCache: false` retrains models shared between cells instead of loading them.
 * Returns the record and whether it was skipped.
 */
export async function runOrResume(
  planned: PlannedCell,
  root = "reports",
  useModelCache = true,
): Promise<{ record: StudyRecord; skipped: boolean }> {
  const path = recordPath(planned, root);
  // A run killed with -9 left a temporary beside the records: the next run clears it.
  await removeStaleTemporaries(dirname(path));
  // A missing record is run; an unreadable one (schema or content hash broken) is run again.
  const existing = await readRecord(path).catch((error) => {
    if (error instanceof Deno.errors.NotFound || error instanceof TypeError) return null;
    throw error;
  });
  if (existing) {
    const wanted = configHash(planned.cell);
    if (existing.configHash === wanted) return { record: existing, skipped: true };
    throw new RangeError(
      `${path} holds cell ${planned.cell.id} from another configuration (config hash ${
        existing.configHash.slice(0, 12)
      }… ≠ ${
        wanted.slice(0, 12)
      }…, suite ${existing.suiteVersion}): a record is never overwritten; write to another --root, or remove the file yourself if it was never published`,
    );
  }
  const record = await runCell(planned.study, planned.cell, useModelCache);
  await writeRecord(record, root);
  return { record, skipped: false };
}

/**
 * Runs every planned cell in order (resuming), reporting progress after each.
 *
 * @example
 * ```ts ignore
 * await runPlanned(planCells({ profile: profile("quick") }), { onProgress: console.error });
 * ```
 */
export async function runPlanned(
  planned: readonly PlannedCell[],
  options: { root?: string; onProgress?: (progress: CellProgress) => void } = {},
): Promise<StudyRecord[]> {
  const began = performance.now();
  const records: StudyRecord[] = [];
  let ran = 0;
  let ranSeconds = 0;
  for (const [position, cell] of planned.entries()) {
    const start = performance.now();
    const { record, skipped } = await runOrResume(cell, options.root);
    records.push(record);
    if (!skipped) {
      ran++;
      ranSeconds += (performance.now() - start) / 1000;
    }
    options.onProgress?.({
      position: position + 1,
      total: planned.length,
      study: cell.study.name,
      cell: cell.cell.id,
      skipped,
      elapsedSeconds: (performance.now() - began) / 1000,
      remainingSeconds: ran === 0 ? null : (ranSeconds / ran) * (planned.length - position - 1),
    });
  }
  return records;
}
