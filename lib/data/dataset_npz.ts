import { zipSync } from "fflate";
import { canonicalJson } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import type { DatasetFile } from "./dataset_file.ts";
import type { ArrayName, DType } from "./layout.ts";
import { npyArray } from "./npy_array.ts";
import { PARAMETER_NAMES } from "./sample.ts";
import type { DatasetSpec, Split } from "./spec.ts";

/** One array of an export: its key in the `.npz` (`<split>_<array>`), dtype and full shape. */
export interface NpzArray {
  readonly key: string;
  readonly split: Split;
  readonly array: ArrayName;
  readonly dtype: DType;
  /** `[samples, ...sampleShape]`. */
  readonly shape: readonly number[];
}

/**
 * What describes an export, written beside the `.npz` as JSON: the dataset's spec (and the
 * canonical JSON its content hash starts from, so a reader can recompute the hash without a
 * canonicalizer of its own), the content hash, the generator, format and suite versions, the
 * names of the columns of `parameters`, and every array in the file's storage order.
 */
export interface NpzManifest {
  readonly format: "topolearn-npz";
  readonly manifestVersion: 1;
  readonly name: string;
  readonly hash: string;
  readonly spec: DatasetSpec;
  readonly canonicalSpec: string;
  readonly generatorVersion: string;
  readonly datasetFormatVersion: number;
  readonly suiteVersion: string;
  /** The suite version that exported it (may be newer than the one that built the data). */
  readonly exportedBy: string;
  readonly parameterNames: readonly string[];
  readonly arrays: readonly NpzArray[];
}

/**
 * A dataset as a NumPy `.npz` archive (uncompressed zip of `.npy` files, one per stored array
 * of each split: the representations, `winding`, `ambiguous`, `realSpaceWinding`, `bulkGap`,
 * `inverseLocalizationLength`, `analyticPhase`, `parameters`) and its {@linkcode NpzManifest}.
 * `np.load(path)[key]` reads each; the bytes are the dataset file's own, so the SHA-256 of each
 * array (zero-padded to 8 bytes), in manifest order, recomputes the content hash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unzipSync } from "fflate";
 * import { buildDataset, DatasetFile, datasetNpz, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 6, validation: 0, test: 2 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const { npz, manifest } = datasetNpz(file);
 * assert.equal(manifest.hash, file.hash);
 * assert(Object.keys(unzipSync(npz)).includes("test_winding.npy"));
 * assert.deepEqual(manifest.arrays.find((a) => a.key === "train_amplitudes")?.shape, [6, 8, 16]);
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function datasetNpz(file: DatasetFile): { npz: Uint8Array; manifest: NpzManifest } {
  const entries: Record<string, Uint8Array> = {};
  const arrays: NpzArray[] = [];
  for (const section of file.header.sections) {
    const key = `${section.split}_${section.array}`;
    const shape = [section.count, ...section.sampleShape];
    entries[`${key}.npy`] = npyArray(
      section.dtype,
      shape,
      file.readSection(section.split, section.array),
    );
    arrays.push({ key, split: section.split, array: section.array, dtype: section.dtype, shape });
  }
  const manifest: NpzManifest = {
    format: "topolearn-npz",
    manifestVersion: 1,
    name: file.spec.name,
    hash: file.hash,
    spec: file.spec,
    canonicalSpec: canonicalJson(file.spec),
    generatorVersion: file.header.generatorVersion,
    datasetFormatVersion: file.header.formatVersion,
    suiteVersion: file.header.suiteVersion,
    exportedBy: SUITE_VERSION,
    parameterNames: PARAMETER_NAMES,
    arrays,
  };
  // Fixed timestamps: the same dataset exports to the same bytes.
  const npz = zipSync(entries, { level: 0, mtime: new Date("1980-01-01T00:00:00Z") });
  return { npz, manifest };
}
