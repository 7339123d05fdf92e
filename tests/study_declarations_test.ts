// Every registered study is one declaration: its figures and tables come from its own records
// as plain data, and its metrics schema rejects records that break it, naming study and field.
import assert from "node:assert/strict";
import { join } from "node:path";
import { recordHash } from "../lib/records/record.ts";
import type { StudyRecord } from "../lib/records/schema.ts";
import { writeAtomic } from "../lib/io/mod.ts";
import { buildReport } from "../lib/reporting/report.ts";
import { studyFigures } from "../lib/site/figures.ts";
import { STUDIES } from "../lib/studies/studies.ts";
import { studyRecords } from "../lib/studies/study_records.ts";
import { SUITE_VERSION } from "../lib/version.ts";
import { sampleStudyRecords } from "./_sample_reports.ts";

/** The record with its metrics replaced (and its content hash made to match again). */
function withMetrics(record: StudyRecord, metrics: Record<string, unknown>): StudyRecord {
  const edited = { ...record, metrics };
  return { ...edited, contentHash: recordHash(edited) };
}

for (const study of STUDIES) {
  Deno.test(`study ${study.name}: figures and tables from sample records, as plain data`, () => {
    const records = studyRecords(study, sampleStudyRecords(study));
    assert(records.length > 0, `${study.name}: no ok sample record`);
    const figures = study.figures(records);
    const tables = study.tables?.(records) ?? [];
    assert(figures.length + tables.length > 0, `${study.name}: neither a figure nor a table`);
    // Serializable: a JSON round trip gives the same specs back.
    assert.deepEqual(JSON.parse(JSON.stringify(figures)), figures);
    assert.deepEqual(JSON.parse(JSON.stringify(tables)), tables);
    const ids = figures.map((figure) => figure.id);
    assert.equal(new Set(ids).size, ids.length, `${study.name}: figure ids repeat: ${ids}`);
    for (const figure of figures) {
      if (figure.file !== undefined) assert.equal(figure.file, `${figure.id}.svg`);
      if (figure.kind === "heatmap") {
        assert(figure.heatmap && figure.x.range && figure.y.range, `${figure.id}: no grid`);
      } else {
        assert(figure.series.some((series) => series.points.length), `${figure.id}: no points`);
      }
    }
    for (const table of tables) {
      for (const row of table.rows) assert.equal(row.length, table.columns.length);
    }
    // The site draws every figure with data.
    assert.equal(studyFigures(study.name, sampleStudyRecords(study)).length, figures.length);
  });

  Deno.test(`study ${study.name}: metrics breaking the schema are rejected, naming the field`, () => {
    const record = sampleStudyRecords(study).find((record) => record.status === "ok")!;
    const [field] = Object.keys(record.metrics);
    const bad = withMetrics(record, { ...record.metrics, [field]: "not a number" });
    assert.throws(
      () => studyRecords(study, [bad]),
      (error: Error) =>
        error instanceof TypeError &&
        error.message.includes(`study "${study.name}"`) &&
        error.message.includes(`record ${record.cell.id}`) &&
        error.message.includes(`metrics.${field}:`),
    );
  });
}

Deno.test("a record whose metrics break its study's schema fails the report build on read", async () => {
  const root = await Deno.makeTempDir({ prefix: "topolearn-declarations-" });
  try {
    const study = STUDIES.find((entry) => entry.name === "disorder")!;
    const records = sampleStudyRecords(study);
    const record = records[0];
    const bins = (record.metrics.bins as Array<Record<string, unknown>>).map((bin, k) =>
      k === 2 ? { ...bin, accuracy: "high" } : bin
    );
    for (const [k, each] of records.entries()) {
      const written = k === 0 ? withMetrics(each, { ...each.metrics, bins }) : each;
      await writeAtomic(
        join(root, SUITE_VERSION, "quick", "records", study.name, `${each.cell.id}.json`),
        JSON.stringify(written, null, 1) + "\n",
      );
    }
    await assert.rejects(
      () => buildReport("quick", root),
      new RegExp(
        `^TypeError: Invalid metrics in study "disorder", record ${
          record.cell.id.replaceAll(".", "\\.")
        }: metrics\\.bins\\.2\\.accuracy: Expected number, received string$`,
      ),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
