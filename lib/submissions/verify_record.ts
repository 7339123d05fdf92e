import { dirname, join } from "node:path";
import { selectStudies } from "../studies/studies.ts";
import { runCell } from "../studies/run_cell.ts";
import { selectBackend } from "../tensor/backend.ts";
import type { BackendName } from "../tensor/backends.ts";
import { readUncheckedRecord } from "../records/store.ts";
import { checkRecordFiles, type RecordFile } from "../records/check_record_files.ts";
import { retiredDatasetsMessage } from "../data/mod.ts";
import { checkSubmission } from "./check_submission.ts";
import { runInSandbox } from "./sandbox.ts";

/**
 * A record whose datasets are of an earlier data version (dataset format, generator): they
 * cannot be rebuilt by this suite, so the record cannot be re-run here.
 */
export class DatasetVersionError extends RangeError {
  override name = "DatasetVersionError";
}

/** Absolute tolerance on every number when a record is re-run on another backend. */
export const CROSS_BACKEND_TOLERANCE = 0.02;

/** The outcome of re-running a record's cell. */
export interface Verification {
  readonly path: string;
  readonly backend: BackendName;
  readonly sameBackend: boolean;
  /** Human-readable differences (`metrics.accuracy: 0.91 ≠ 0.93`); empty when it agrees. */
  readonly differences: readonly string[];
}

/**
 * Re-runs the cell of a record from scratch (no model cache) and compares the result: the
 * status, the dataset hashes and every metric — identical on the recorded backend, within
 * {@linkcode CROSS_BACKEND_TOLERANCE} on another. A record that fails its schema or its content
 * hash (edited by hand), that disagrees with its file name, or whose cell is recorded again
 * under another name in its folder, throws `TypeError` before anything runs; one whose datasets
 * are of an earlier data version (see `retiredDataset`) throws {@linkcode DatasetVersionError}.
 *
 * @example
 * ```ts ignore
 * const { differences } = await verifyRecord("reports/0.1.0/quick/records/expressivity/topo.seed=0.init=exact.plain-clean-32.json");
 * ```
 */
export async function verifyRecord(
  path: string,
  backend?: BackendName,
): Promise<Verification> {
  const record = await readUncheckedRecord(path);
  await checkSiblings(path); // no cell twice in its folder; each file agrees with its name
  const retired = retiredDatasetsMessage(record.datasets);
  if (retired) throw new DatasetVersionError(`${path}: ${retired}`);
  const chosen = backend ?? record.provenance.backend;
  await selectBackend(chosen);
  let again: { status: string; datasets: unknown; metrics: unknown };
  if (record.submission) {
    // Community code runs only in the sandbox, from the published copy, which must be unchanged.
    const source = join(dirname(path), "..", "..", "..", "source");
    const checked = await checkSubmission(source, undefined, { requireNewName: false });
    if (checked.sourceHash !== record.submission.sourceHash) {
      return {
        path,
        backend: chosen,
        sameBackend: true,
        differences: [
          `submission source: hash ${checked.sourceHash} ≠ ${record.submission.sourceHash}`,
        ],
      };
    }
    again = await runInSandbox(checked, record.cell);
  } else {
    const [study] = selectStudies([record.cell.study]);
    again = await runCell(study, record.cell, false);
  }
  const sameBackend = chosen === record.provenance.backend;
  const differences: string[] = [];
  if (again.status !== record.status) {
    differences.push(`status: ${record.status} ≠ ${again.status}`);
  }
  compare("datasets", record.datasets, again.datasets, 0, differences);
  compare(
    "metrics",
    record.metrics,
    again.metrics,
    sameBackend ? 0 : CROSS_BACKEND_TOLERANCE,
    differences,
  );
  return { path, backend: chosen, sameBackend, differences };
}

function compare(
  path: string,
  expected: unknown,
  actual: unknown,
  tolerance: number,
  out: string[],
): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(expected - actual) > tolerance) out.push(`${path}: ${expected} ≠ ${actual}`);
    return;
  }
  if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      compare(
        `${path}.${key}`,
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        tolerance,
        out,
      );
    }
    return;
  }
  if (expected !== actual) {
    out.push(`${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`);
  }
}

/** The records beside `path` (its study folder) checked as one set: no cell twice. */
async function checkSiblings(path: string): Promise<void> {
  const folder = dirname(path);
  const files: RecordFile[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (!entry.isFile || !entry.name.endsWith(".json")) continue;
    const child = join(folder, entry.name);
    files.push({ path: child, record: await readUncheckedRecord(child) });
  }
  checkRecordFiles(files);
}
