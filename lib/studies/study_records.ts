import type { StudyRecord } from "../records/schema.ts";
import type { Study, TypedRecord } from "./study.ts";

/**
 * The ok records of a study, with `metrics` parsed by the study's schema: typed, for figures
 * and tables. A record of another study, or one whose metrics break the schema, is a
 * `TypeError` naming the study, the record and the field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { studyRecords } from "./study_records.ts";
 * import type { Study } from "./study.ts";
 * import type { StudyRecord } from "../records/schema.ts";
 *
 * const study = { name: "demo", metrics: z.object({ accuracy: z.number() }) } as unknown as Study<
 *   { accuracy: number }
 * >;
 * const record = (metrics: unknown) =>
 *   ({ status: "ok", cell: { id: "mlp.seed=0", study: "demo" }, metrics }) as unknown as StudyRecord;
 * assert.equal(studyRecords(study, [record({ accuracy: 0.5 })])[0].metrics.accuracy, 0.5);
 * assert.throws(
 *   () => studyRecords(study, [record({ accuracy: "high" })]),
 *   /study "demo", record mlp\.seed=0: metrics\.accuracy: Expected number, received string/,
 * );
 * ```
 */
export function studyRecords<M>(
  study: Study<M>,
  records: readonly StudyRecord[],
): Array<TypedRecord<M>> {
  const typed: Array<TypedRecord<M>> = [];
  for (const record of records) {
    if (record.cell.study !== study.name) {
      throw new TypeError(
        `studyRecords: record ${record.cell.id} is of study "${record.cell.study}", not "${study.name}"`,
      );
    }
    if (record.status !== "ok") continue;
    const parsed = study.metrics.safeParse(record.metrics);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(
        `Invalid metrics in study "${study.name}", record ${record.cell.id}: ${
          ["metrics", ...issue.path].join(".")
        }: ${issue.message}`,
      );
    }
    typed.push({ ...record, status: "ok", metrics: parsed.data });
  }
  return typed;
}
