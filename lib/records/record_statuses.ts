/**
 * What a record's cell came to: `ok` (measured) or `not-applicable` (the cell does not apply to
 * the architecture; the record says why).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RECORD_STATUSES } from "./record_statuses.ts";
 *
 * assert.deepEqual(RECORD_STATUSES, ["ok", "not-applicable"]);
 * ```
 */
export const RECORD_STATUSES = ["ok", "not-applicable"] as const;

/** The status of a record. */
export type RecordStatus = typeof RECORD_STATUSES[number];
