import { zipSync } from "fflate";
import { z } from "zod";
import { canonicalJson } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import type { DatasetFile } from "./dataset_file.ts";
import { npyArray } from "./npy_array.ts";
import { PARAMETER_NAMES } from "./sample.ts";
import { type DatasetSpec, SPLITS } from "./spec.ts";

/** The schema of one array of an export: its key in the `.npz` (`<split>_<array>`), dtype, shape. */
export const npzArraySchema = z.object({
  key: z.string().regex(/^[a-z]+_[A-Za-z]+$/),
  split: z.enum(SPLITS),
  array: z.string(),
  dtype: z.enum(["float64", "float32", "int8", "uint8"]),
  /** `[samples, ...sampleShape]`. */
  shape: z.array(z.number().int().nonnegative()),
}).strict();

/** One array of an export. */
export type NpzArray = z.infer<typeof npzArraySchema>;

/**
 * The schema of what describes an export, written beside the `.npz` as JSON: the dataset's spec
 * (and the canonical JSON its content hash starts from, so a reader can recompute the hash
 * without a canonicalizer of its own), the content hash, the generator, format and suite
 * versions, the suite version that exported it, the names of the columns of `parameters`, and
 * every array in the file's storage order.
 */
export const npzManifestSchema = z.object({
  format: z.literal("topolearn-npz"),
  manifestVersion: z.literal(1),
  name: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  spec: z.record(z.unknown()),
  canonicalSpec: z.string(),
  generatorVersion: z.string(),
  datasetFormatVersion: z.number().int().positive(),
  suiteVersion: z.string(),
  exportedBy: z.string(),
  parameterNames: z.array(z.string()),
  arrays: z.array(npzArraySchema),
}).strict();

/** The manifest of an export (see {@linkcode npzManifestSchema}). */
export type NpzManifest = Omit<z.infer<typeof npzManifestSchema>, "spec"> & {
  readonly spec: DatasetSpec;
};

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
    parameterNames: [...PARAMETER_NAMES],
    arrays,
  };
  // Fixed timestamps: the same dataset exports to the same bytes.
  const npz = zipSync(entries, { level: 0, mtime: new Date("1980-01-01T00:00:00Z") });
  npzManifestSchema.parse(manifest);
  return { npz, manifest };
}
