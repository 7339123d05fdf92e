import { join } from "node:path";
import { buildDataset, type BuildOptions } from "./build_dataset.ts";
import { DatasetFile } from "./dataset_file.ts";
import { DatasetIntegrityError, specKey } from "./format.ts";
import type { DatasetSpec } from "./spec.ts";

/** Options of {@linkcode loadDataset}. */
export interface LoadOptions extends BuildOptions {
  /** Cache folder (default `$TOPOLEARN_CACHE`, else `.cache/datasets` under the working folder). */
  readonly cacheDir?: string;
  /** Called when a cached file is refused and rebuilt, with the reason. */
  readonly onRefused?: (reason: string) => void;
}

/** The default cache folder. */
export function defaultCacheDir(): string {
  return Deno.env.get("TOPOLEARN_CACHE") ?? join(Deno.cwd(), ".cache", "datasets");
}

/** Where a spec's file lives in a cache folder: `<name>-<first 16 hex of the spec key>.tlds`. */
export function cachePath(spec: DatasetSpec, cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, `${spec.name}-${specKey(spec).slice(0, 16)}.tlds`);
}

/**
 * Opens a dataset from the cache, building it first when it is missing. A cached file that
 * fails its checks (corrupted, edited, truncated) is refused — never used — and rebuilt; the
 * reason goes to `onRefused` (default: a warning on stderr that names the file).
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
  const path = cachePath(spec, options.cacheDir);
  try {
    return await DatasetFile.open(path);
  } catch (error) {
    if (error instanceof DatasetIntegrityError) {
      (options.onRefused ?? ((reason) => console.error(`warning: refusing ${reason}; rebuilding`)))(
        error.message,
      );
    } else if (!(error instanceof Deno.errors.NotFound)) {
      throw error;
    }
  }
  await buildDataset(spec, path, options);
  return await DatasetFile.open(path);
}
