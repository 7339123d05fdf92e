import { join } from "node:path";
import { readJsonFile, writeAtomic } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { validateRecord } from "./record.ts";
import type { StudyRecord } from "./schema.ts";

/** The folder of a suite version's published results. */
export function reportsDir(root = "reports", version = SUITE_VERSION): string {
  return join(root, version);
}

/**
 * Where a record lives: `<reports>/<version>/<profile>/records/<study>/<cell id>.json`, or for a
 * community submission `<reports>/<version>/submissions/<name>/<profile>/records/…`.
 */
export function recordPath(
  record: Pick<StudyRecord, "cell" | "submission">,
  root = "reports",
  version = SUITE_VERSION,
): string {
  const { profile, study, id } = record.cell;
  const base = record.submission
    ? join(reportsDir(root, version), "submissions", record.submission.name)
    : reportsDir(root, version);
  return join(base, profile, "records", study, `${id}.json`);
}

/** Writes a validated record to its path (atomically); returns the path. */
export async function writeRecord(record: StudyRecord, root = "reports"): Promise<string> {
  const path = recordPath(record, root, record.suiteVersion);
  await writeAtomic(path, JSON.stringify(validateRecord(record), null, 1) + "\n");
  return path;
}

/** Reads and validates one record file; throws `TypeError` naming the file and the problem. */
export async function readRecord(path: string): Promise<StudyRecord> {
  return validateRecord(await readJsonFile(path, "record"), path);
}

/** Every record of a suite version and profile (validated), sorted by study and cell id. */
export async function readRecords(
  profile: string,
  root = "reports",
  version = SUITE_VERSION,
): Promise<StudyRecord[]> {
  const folder = join(reportsDir(root, version), profile, "records");
  const records: StudyRecord[] = [];
  const walk = async (path: string): Promise<void> => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else if (entry.isFile && entry.name.endsWith(".json")) records.push(await readRecord(child));
    }
  };
  try {
    await walk(folder);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return records.sort((a, b) =>
    a.cell.profile.localeCompare(b.cell.profile) || a.cell.study.localeCompare(b.cell.study) ||
    a.cell.id.localeCompare(b.cell.id)
  );
}

/**
 * Every community submission's records of a suite version and profile (validated), from
 * `<reports>/<version>/submissions/<name>/<profile>/records/`. A record that does not name the
 * submission of its folder throws `TypeError` naming the file.
 */
export async function readSubmissionRecords(
  profile: string,
  root = "reports",
  version = SUITE_VERSION,
): Promise<StudyRecord[]> {
  const folder = join(reportsDir(root, version), "submissions");
  const records: StudyRecord[] = [];
  try {
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.isDirectory || entry.name.startsWith(".")) continue;
      const own = await readRecords(join("submissions", entry.name, profile), root, version);
      for (const record of own) {
        if (record.submission?.name !== entry.name) {
          throw new TypeError(
            `${
              join(folder, entry.name, profile, "records", record.cell.study, record.cell.id)
            }.json: a record of ${
              record.submission ? `submission "${record.submission.name}"` : "a built-in cell"
            } in the folder of submission "${entry.name}"`,
          );
        }
      }
      records.push(...own);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return records;
}
