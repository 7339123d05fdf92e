import { dirname, join } from "node:path";
import { buildDataset, type DatasetBuildOptions } from "./build_dataset.ts";
import { type DatasetCompute, datasetComputePlan } from "./dataset_compute.ts";
import { DatasetFile } from "./dataset_file.ts";
import { canonicalJson, removeStaleTemporaries } from "../io/mod.ts";
import { DatasetIntegrityError, specKey } from "./format.ts";
import type { DatasetSpec } from "./spec.ts";

/** Options of {@linkcode loadDataset}. */
export interface LoadOptions extends DatasetBuildOptions {
  /** Cache folder (default `$TOPOLEARN_CACHE`, else `.cache/datasets` under the working folder). */
  readonly cacheDir?: string;
  /** Called when a cached file is refused and rebuilt, with the reason. */
  readonly onRefused?: (reason: string) => void;
}

/** The default cache folder. */
export function defaultCacheDir(): string {
  return Deno.env.get("TOPOLEARN_CACHE") ?? join(Deno.cwd(), ".cache", "datasets");
}

/**
 * Where a spec's file lives in a cache folder: `<name>-<first 16 hex of the spec key>.tlds` for
 * the CPU reference, `<name>-gpu-<…>.tlds` for a GPU build (whose key covers the compute,
 * adapter included: see {@linkcode specKey}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cachePath, catalogSpec, GPU_ALGORITHM } from "./mod.ts";
 *
 * const spec = catalogSpec("plain-clean-16");
 * const adapter = {
 *   vendor: "", architecture: "", device: "", description: "llvmpipe", isFallbackAdapter: true,
 * };
 * const gpu = { kind: "gpu", adapter, precision: "float32", algorithm: GPU_ALGORITHM } as const;
 * assert.match(cachePath(spec, "cache"), /plain-clean-16-[0-9a-f]{16}\.tlds$/);
 * assert.match(cachePath(spec, "cache", gpu), /plain-clean-16-gpu-[0-9a-f]{16}\.tlds$/);
 * ```
 */
export function cachePath(
  spec: DatasetSpec,
  cacheDir: string = defaultCacheDir(),
  compute?: DatasetCompute,
): string {
  const kind = compute?.kind === "gpu" ? "-gpu" : "";
  return join(cacheDir, `${spec.name}${kind}-${specKey(spec, compute).slice(0, 16)}.tlds`);
}

/**
 * Opens a dataset from the cache, building it first when it is missing. A cached file that
 * fails its checks (corrupted, edited, truncated) is refused — never used — and rebuilt; the
 * reason goes to `onRefused` (default: a warning on stderr that names the file). With a GPU
 * `device` the plain chiral specs come from their GPU build, cached under their own name
 * ({@linkcode cachePath}); the file's `compute` says which one was opened.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec, loadDataset } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 0 }, seed: 1,
 * });
 * const cacheDir = await Deno.makeTempDir();
 * const first = await loadDataset(spec, { cacheDir, workers: 1 });
 * const hash = first.hash;
 * first.close();
 * const again = await loadDataset(spec, { cacheDir, workers: 1 });
 * assert.equal(again.hash, hash);
 * again.close();
 * await Deno.remove(cacheDir, { recursive: true });
 * ```
 */
export async function loadDataset(
  spec: DatasetSpec,
  options: LoadOptions = {},
): Promise<DatasetFile> {
  const { compute } = datasetComputePlan(spec, options.device);
  const path = cachePath(spec, options.cacheDir, compute);
  try {
    const file = await DatasetFile.open(path);
    if (canonicalJson(file.compute) === canonicalJson(compute)) return file;
    file.close();
    throw new DatasetIntegrityError(
      `${path}: computed by ${file.compute.kind}, expected ${compute.kind} (${compute.algorithm})`,
    );
  } catch (error) {
    if (error instanceof DatasetIntegrityError) {
      (options.onRefused ?? ((reason) => console.error(`warning: refusing ${reason}; rebuilding`)))(
        error.message,
      );
    } else if (!(error instanceof Deno.errors.NotFound)) {
      throw error;
    }
  }
  // A build killed with -9 left its temporary behind: clear those before writing another.
  await removeStaleTemporaries(dirname(path));
  await buildDataset(spec, path, options);
  return await DatasetFile.open(path);
}
