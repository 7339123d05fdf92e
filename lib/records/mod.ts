/**
 * The record store, below the studies: the result-record schema (validated with zod),
 * provenance, content hashes that exclude timing, atomic writes under
 * `reports/<version>/<profile>/`, reading and shard merging.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordPath } from "./mod.ts";
 *
 * const path = recordPath({ cell: { profile: "quick", study: "disorder", id: "mlp.seed=0.init=random" } } as never);
 * assert(path.endsWith("quick/records/disorder/mlp.seed=0.init=random.json"));
 * ```
 *
 * @module
 */
export {
  cellSchema,
  type Provenance,
  provenanceSchema,
  recordSchema,
  type StudyCell,
  type StudyRecord,
} from "./schema.ts";
export { PROFILE_NAMES, type ProfileName } from "./profile_names.ts";
export { RECORD_STATUSES, type RecordStatus } from "./record_statuses.ts";
export { SUBMISSION_TRACKS, type SubmissionTrack } from "./submission_tracks.ts";
export { collectProvenance, peakMemoryBytes } from "./provenance.ts";
export { type EngineIds, engineIds } from "./engine_ids.ts";
export { configHash, makeRecord, recordHash, validateRecord } from "./record.ts";
export {
  MAX_RECORD_BYTES,
  readProfileRecords,
  readRecord,
  readRecords,
  readSubmissionRecords,
  readUncheckedRecord,
  recordPath,
  recordsDir,
  reportsDir,
  writeRecord,
} from "./store.ts";
export { mergeRecords } from "./merge.ts";
export { checkRecordFile, checkRecordFiles, type RecordFile } from "./check_record_files.ts";
