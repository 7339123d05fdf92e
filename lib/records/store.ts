import { join } from "node:path";
import { readJsonFile, writeAtomic } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { PROFILE_NAMES, type ProfileName } from "./profile_names.ts";
import { validateRecord } from "./record.ts";
import { checkRecordFile, checkRecordFiles, type RecordFile } from "./check_record_files.ts";
import type { StudyRecord } from "./schema.ts";

/** The folder of a suite version's published results. */
export function reportsDir(root = "reports", version = SUITE_VERSION): string {
  return join(root, version);
}

/**
 * The folder of a profile's records: `<root>/<version>/<profile>/records`, or for the community
 * submission `submission` `<root>/<version>/submissions/<submission>/<profile>/records`. The one
 * place that lays records out; a name that is not one plain folder name throws `RangeError`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { recordsDir } from "./store.ts";
 *
 * assert.equal(recordsDir("standard", "reports", "0.1.0"), join("reports", "0.1.0", "standard", "records"));
 * assert.equal(
 *   recordsDir("tiny", "reports", "0.1.0", "my-net"),
 *   join("reports", "0.1.0", "submissions", "my-net", "tiny", "records"),
 * );
 * assert.throws(() => recordsDir("tiny", "reports", "0.1.0", "a/b"), /submission name/);
 * ```
 */
export function recordsDir(
  profile: ProfileName,
  root = "reports",
  version = SUITE_VERSION,
  submission?: string,
): string {
  if (!PROFILE_NAMES.includes(profile)) {
    throw new RangeError(
      `Unknown profile "${profile}": expected one of ${PROFILE_NAMES.join(", ")}`,
    );
  }
  if (submission === undefined) return join(reportsDir(root, version), profile, "records");
  if (!/^[^/\\]+$/.test(submission) || submission === "." || submission === "..") {
    throw new RangeError(
      `A submission name must be one folder name (no "/", "\\", "." or ".."): received "${submission}"`,
    );
  }
  return join(reportsDir(root, version), "submissions", submission, profile, "records");
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
  const folder = recordsDir(profile, root, version, record.submission?.name);
  return join(folder, study, `${id}.json`);
}

/** Writes a validated record to its path (atomically); returns the path. */
export async function writeRecord(record: StudyRecord, root = "reports"): Promise<string> {
  const path = recordPath(record, root, record.suiteVersion);
  await writeAtomic(path, JSON.stringify(validateRecord(record), null, 1) + "\n");
  return path;
}

/** The most bytes a record file may hold (a real record is a few KiB). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/**
 * Reads and validates one record file: its schema and hashes, and that it agrees with its file
 * name (see `checkRecordFile`). Throws `TypeError` naming the file and the problem.
 */
export async function readRecord(path: string): Promise<StudyRecord> {
  const record = await readUncheckedRecord(path);
  checkRecordFile({ path, record });
  return record;
}

/**
 * Reads and validates one record file (schema and hashes) without comparing it to its file
 * name: for reading a folder whose files are then checked as one set (`checkRecordFiles`).
 */
export async function readUncheckedRecord(path: string): Promise<StudyRecord> {
  return validateRecord(await readJsonFile(path, "record", { maxBytes: MAX_RECORD_BYTES }), path);
}

async function readRecordFiles(
  profile: ProfileName,
  root: string,
  version: string,
  submission?: string,
): Promise<RecordFile[]> {
  const folder = recordsDir(profile, root, version, submission);
  const files: RecordFile[] = [];
  const walk = async (path: string): Promise<void> => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else if (entry.isFile && entry.name.endsWith(".json")) {
        const record = await readUncheckedRecord(child);
        if (record.suiteVersion !== version || record.cell.profile !== profile) {
          throw new TypeError(
            `${child}: a ${record.suiteVersion}/${record.cell.profile} record in the ${version}/${profile} folder`,
          );
        }
        if (submission !== undefined && record.submission?.name !== submission) {
          throw new TypeError(
            `${child}: a record of ${
              record.submission ? `submission "${record.submission.name}"` : "a built-in cell"
            } in the folder of submission "${submission}"`,
          );
        }
        if (submission === undefined && record.submission) {
          throw new TypeError(
            `${child}: a record of submission "${record.submission.name}" among the built-in records`,
          );
        }
        files.push({ path: child, record });
      }
    }
  };
  try {
    await walk(folder);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return files;
}

function sorted(files: readonly RecordFile[]): StudyRecord[] {
  return files.map((file) => file.record).sort((a, b) =>
    a.cell.profile.localeCompare(b.cell.profile) || a.cell.study.localeCompare(b.cell.study) ||
    a.cell.id.localeCompare(b.cell.id)
  );
}

async function submissionRecordFiles(
  profile: ProfileName,
  root: string,
  version: string,
): Promise<RecordFile[]> {
  const folder = join(reportsDir(root, version), "submissions");
  const files: RecordFile[] = [];
  try {
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.isDirectory || entry.name.startsWith(".")) continue;
      const own = await readRecordFiles(profile, root, version, entry.name);
      const order = sorted(own);
      files.push(...order.map((record) => own.find((file) => file.record === record)!));
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return files;
}

/**
 * Every record a profile's boards are built from: the built-in records and every community
 * submission's, validated file by file and then as one set (`checkRecordFiles`: no cell twice,
 * under any file name). The one reader of `report build`, the site and `site:build`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readProfileRecords } from "./store.ts";
 *
 * assert.deepEqual(await readProfileRecords("tiny", await Deno.makeTempDir(), "0.2.0"), []);
 * ```
 */
export async function readProfileRecords(
  profile: ProfileName,
  root = "reports",
  version = SUITE_VERSION,
): Promise<StudyRecord[]> {
  const files = [
    ...await readRecordFiles(profile, root, version),
    ...await submissionRecordFiles(profile, root, version),
  ];
  checkRecordFiles(files);
  return [
    ...sorted(files.filter((file) => !file.record.submission)),
    ...sorted(
      files.filter((file) => file.record.submission),
    ),
  ];
}

/**
 * Every record of a suite version and profile (validated), sorted by study and cell id: the
 * built-in records, or with `submission` that community submission's.
 */
export async function readRecords(
  profile: ProfileName,
  root = "reports",
  version = SUITE_VERSION,
  submission?: string,
): Promise<StudyRecord[]> {
  const files = await readRecordFiles(profile, root, version, submission);
  checkRecordFiles(files);
  return sorted(files);
}

/**
 * Every community submission's records of a suite version and profile (validated), from
 * `<reports>/<version>/submissions/<name>/<profile>/records/`. A record that does not name the
 * submission of its folder throws `TypeError` naming the file.
 */
export async function readSubmissionRecords(
  profile: ProfileName,
  root = "reports",
  version = SUITE_VERSION,
): Promise<StudyRecord[]> {
  const files = await submissionRecordFiles(profile, root, version);
  checkRecordFiles(files);
  return files.map((file) => file.record);
}
