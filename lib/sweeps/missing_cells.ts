import { configHash } from "../records/record.ts";
import { readRecord, recordPath } from "../records/store.ts";
import type { PlannedCell } from "../studies/plan.ts";

/**
 * The planned cells that have no valid record of the same config hash under `root` (what a
 * resubmission runs; a killed shard leaves no partial record, only a `.tmp` file readers skip).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "../studies/plan.ts";
 * import { profile } from "../studies/profiles.ts";
 * import { missingCells } from "./missing_cells.ts";
 *
 * const planned = planCells({ profile: profile("tiny"), studies: ["size"], architectures: ["mlp"] });
 * const root = await Deno.makeTempDir();
 * assert.equal((await missingCells(planned, root)).length, planned.length);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function missingCells(
  planned: readonly PlannedCell[],
  root: string,
): Promise<PlannedCell[]> {
  const missing: PlannedCell[] = [];
  for (const cell of planned) {
    try {
      const record = await readRecord(recordPath(cell, root));
      if (record.configHash === configHash(cell.cell)) continue;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound) && !(error instanceof TypeError)) throw error;
    }
    missing.push(cell);
  }
  return missing;
}
