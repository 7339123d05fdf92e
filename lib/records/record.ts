import { createHash } from "node:crypto";
import { canonicalJson } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { recordSchema, type StudyCell, type StudyRecord } from "./schema.ts";

/** The hex SHA-256 of a cell's canonical JSON: the identity of what was run. */
export function configHash(cell: StudyCell): string {
  return createHash("sha256").update(canonicalJson(cell)).digest("hex");
}

/**
 * The content hash of a record: SHA-256 over its canonical JSON without `timing` (start time,
 * wall time, throughput, memory), without the cluster engine's ids (`provenance.engine`: job,
 * array task, node) and without `contentHash` itself.
 */
export function recordHash(record: Omit<StudyRecord, "contentHash"> | StudyRecord): string {
  const { timing: _timing, contentHash: _hash, ...rest } = record as StudyRecord;
  const { engine: _engine, ...provenance } = rest.provenance;
  return createHash("sha256").update(canonicalJson({ ...rest, provenance })).digest("hex");
}

/**
 * Completes, hashes and validates a record. Throws `TypeError` naming the first field that
 * fails the schema, or a non-finite metric.
 *
 * @example
 * ```ts ignore
 * const record = makeRecord({ cell, status: "ok", architectureVersion: "1.0.0", datasets, metrics, provenance, timing });
 * ```
 */
export function makeRecord(
  fields: Omit<StudyRecord, "schema" | "suiteVersion" | "configHash" | "contentHash">,
): StudyRecord {
  checkFinite(fields.metrics, "metrics");
  const partial = {
    schema: "topolearn-record/1" as const,
    suiteVersion: SUITE_VERSION,
    configHash: configHash(fields.cell),
    ...fields,
  };
  return validateRecord({ ...partial, contentHash: recordHash(partial) });
}

/**
 * Validates a record against the schema, its config hash and its content hash. Throws
 * `TypeError` that names the field (schema) or says which hash does not match.
 */
export function validateRecord(value: unknown, source = "record"): StudyRecord {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const record = parsed.data as StudyRecord;
  if (configHash(record.cell) !== record.configHash) {
    throw new TypeError(`${source}: configHash does not match the cell`);
  }
  if (recordHash(record) !== record.contentHash) {
    throw new TypeError(
      `${source}: contentHash does not match the record's content (edited by hand?)`,
    );
  }
  return record;
}

function checkFinite(value: unknown, path: string): void {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new TypeError(`${path} is ${value}: metrics must be finite (use null where undefined)`);
  }
  if (Array.isArray(value)) value.forEach((entry, i) => checkFinite(entry, `${path}[${i}]`));
  else if (value && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) checkFinite(entry, `${path}.${key}`);
  }
}
