import { basename, dirname } from "node:path";
import type { StudyRecord } from "./schema.ts";

/** A record and the file it was read from. */
export interface RecordFile {
  readonly path: string;
  readonly record: StudyRecord;
}

/** The id prefix a cell's own fields imply: `<architecture>.seed=<seed>.init=<init>`. */
function idPrefix(cell: StudyRecord["cell"]): string {
  const init = cell.init.kind === "noise" ? `noise=${cell.init.sigma}` : cell.init.kind;
  return `${cell.architecture}.seed=${cell.seed}.init=${init}`;
}

/**
 * Checks that one record agrees with itself and with its file: the file is named
 * `<cell id>.json` inside a folder named after the cell's study, the cell id names the cell's own
 * architecture, seed and init (`<architecture>.seed=<seed>.init=<init>[.…]`), and the provenance
 * carries the record's own suite version. Throws `TypeError` naming the file and the disagreement.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkRecordFile } from "./check_record_files.ts";
 *
 * const record = {
 *   suiteVersion: "0.2.0",
 *   provenance: { suiteVersion: "0.2.0" },
 *   cell: { id: "mlp.seed=0.init=random", study: "disorder", architecture: "mlp", seed: 0, init: { kind: "random" } },
 * } as never;
 * checkRecordFile({ path: "r/disorder/mlp.seed=0.init=random.json", record });
 * assert.throws(
 *   () => checkRecordFile({ path: "r/disorder/mlp.seed=3.init=random.json", record }),
 *   /mlp\.seed=3\.init=random\.json: the file name says cell "mlp\.seed=3\.init=random", the record says "mlp\.seed=0\.init=random"/,
 * );
 * ```
 */
export function checkRecordFile({ path, record }: RecordFile): void {
  const { cell } = record;
  const name = basename(path);
  if (name !== `${cell.id}.json`) {
    throw new TypeError(
      `${path}: the file name says cell "${
        name.replace(/\.json$/, "")
      }", the record says "${cell.id}"`,
    );
  }
  const folder = basename(dirname(path));
  if (folder !== cell.study) {
    throw new TypeError(
      `${path}: a record of study "${cell.study}" in the folder of study "${folder}"`,
    );
  }
  const prefix = idPrefix(cell);
  if (cell.id !== prefix && !cell.id.startsWith(`${prefix}.`)) {
    throw new TypeError(
      `${path}: cell id "${cell.id}" disagrees with the cell's own fields (architecture ${cell.architecture}, seed ${cell.seed}, init ${
        prefix.split(".init=")[1]
      }): expected an id starting "${prefix}"`,
    );
  }
  if (record.provenance.suiteVersion !== record.suiteVersion) {
    throw new TypeError(
      `${path}: provenance says suite ${record.provenance.suiteVersion}, the record says ${record.suiteVersion}`,
    );
  }
}

/**
 * Checks a set of records read together (a profile's board, a folder): every file passes
 * {@linkcode checkRecordFile}, and no cell is recorded twice — by study and id, by its config
 * hash (the same cell under another file name) or by its content hash (a copy). A duplicate
 * throws `TypeError` naming each file holding it once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkRecordFiles } from "./check_record_files.ts";
 *
 * const record = {
 *   suiteVersion: "0.2.0",
 *   configHash: "c",
 *   contentHash: "h",
 *   provenance: { suiteVersion: "0.2.0" },
 *   cell: { id: "mlp.seed=0.init=random", study: "disorder", architecture: "mlp", seed: 0, init: { kind: "random" } },
 * } as never;
 * const path = "r/disorder/mlp.seed=0.init=random.json";
 * checkRecordFiles([{ path, record }]);
 * assert.throws(
 *   () => checkRecordFiles([{ path, record }, { path: "r/disorder/mlp.seed=5.init=random.json", record }]),
 *   /cell disorder\/mlp\.seed=0\.init=random is recorded in 2 files: r\/disorder\/mlp\.seed=0\.init=random\.json, r\/disorder\/mlp\.seed=5\.init=random\.json$/,
 * );
 * ```
 */
export function checkRecordFiles(files: readonly RecordFile[]): void {
  const groups = new Map<string, { label: string; paths: string[] }>();
  const add = (key: string, label: string, path: string) => {
    const group = groups.get(key) ?? { label, paths: [] };
    if (!group.paths.includes(path)) group.paths.push(path);
    groups.set(key, group);
  };
  for (const { path, record } of files) {
    const label = `${record.cell.study}/${record.cell.id}`;
    add(`id:${record.cell.study}/${record.cell.id}`, label, path);
    add(`config:${record.configHash}`, label, path);
    add(`content:${record.contentHash}`, label, path);
  }
  for (const { label, paths } of groups.values()) {
    if (paths.length < 2) continue;
    throw new TypeError(
      `cell ${label} is recorded in ${paths.length} files: ${[...paths].sort().join(", ")}`,
    );
  }
  for (const file of files) checkRecordFile(file);
}
