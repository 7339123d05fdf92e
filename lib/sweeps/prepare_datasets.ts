import { join } from "node:path";
import { catalogSpec, defaultCacheDir, loadDataset } from "../data/mod.ts";
import type { PlannedCell } from "../studies/plan.ts";

/** The catalog datasets the cells train or test on, sorted, each once. */
export function datasetsOf(planned: readonly PlannedCell[]): string[] {
  const names = new Set<string>();
  for (const { cell } of planned) {
    if (cell.trainDataset !== null) names.add(cell.trainDataset);
    for (const name of cell.testDatasets) names.add(name);
  }
  return [...names].sort();
}

/**
 * Builds (or verifies in the cache) every dataset the cells use, holding an exclusive lock on
 * `<cache>/.sweep.lock` meanwhile: the array tasks of a sweep all call it first, the first one
 * builds and the others wait for it and then find the files cached, so no two processes ever
 * build into the same cache file. Returns the names prepared.
 *
 * @example
 * ```ts ignore
 * await prepareDatasets(planCells({ profile: profile("tiny") }));
 * ```
 */
export async function prepareDatasets(
  planned: readonly PlannedCell[],
  options: { cacheDir?: string } = {},
): Promise<string[]> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  await Deno.mkdir(cacheDir, { recursive: true });
  const lock = await Deno.open(join(cacheDir, ".sweep.lock"), { create: true, write: true });
  try {
    await lock.lock(true); // blocks while another task holds it
    const names = datasetsOf(planned);
    for (const name of names) {
      const file = await loadDataset(catalogSpec(name), { cacheDir });
      file.close();
    }
    return names;
  } finally {
    await lock.unlock().catch(() => {});
    lock.close();
  }
}
