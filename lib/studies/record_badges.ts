import type { Badge } from "../models/architecture.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyRecord } from "../records/schema.ts";

/**
 * The badges a record's entry carries on the boards: its architecture's (`baseline`, `oracle`,
 * …) where the architecture is registered in this process, none for a community submission
 * (whose architecture the report builder does not load), and `trained-elsewhere` for every
 * record of the ONNX track (it travels in the record). Never throws for an unknown name: a
 * report is built from records alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StudyRecord } from "../records/schema.ts";
 * import { recordBadges } from "./record_badges.ts";
 *
 * const record = (architecture: string, track?: "onnx") =>
 *   ({ cell: { architecture }, ...(track ? { submission: { track } } : {}) }) as unknown as StudyRecord;
 * assert.deepEqual(recordBadges(record("edge-threshold")), ["baseline"]);
 * assert.deepEqual(recordBadges(record("mlp")), []);
 * assert.deepEqual(recordBadges(record("my-torch-net", "onnx")), ["trained-elsewhere"]);
 * assert.deepEqual(recordBadges(record("my-ts-net")), []);
 * ```
 */
export function recordBadges(
  record: Pick<StudyRecord, "cell" | "submission">,
): readonly Badge[] {
  let known: readonly Badge[] = [];
  try {
    known = resolveArchitecture(record.cell.architecture).badges ?? [];
  } catch { /* a community submission: not registered here */ }
  const fixed = record.submission?.track === "onnx" && !known.includes("trained-elsewhere");
  return fixed ? [...known, "trained-elsewhere"] : known;
}
