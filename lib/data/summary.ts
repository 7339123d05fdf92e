import type { DatasetFile } from "./dataset_file.ts";
import { type Split, SPLITS } from "./spec.ts";

/** Class counts and ambiguity of a dataset, per split. */
export interface DatasetSummary {
  readonly name: string;
  readonly model: string;
  readonly cells: number;
  /** All samples, ambiguous ones included. */
  readonly samples: number;
  readonly splits: Readonly<Record<Split, number>>;
  /** Hex SHA-256 content hash. */
  readonly hash: string;
  /** Samples per winding (ambiguous ones included), per split. */
  readonly classCounts: Readonly<Record<Split, Readonly<Record<string, number>>>>;
  /** Ambiguous samples per split. */
  readonly ambiguous: Readonly<Record<Split, number>>;
  /** Ambiguous samples over all samples. */
  readonly ambiguityRate: number;
}

/**
 * The class counts and ambiguity of an open dataset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec, summarize } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 2 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * assert.deepEqual(summarize(file).classCounts.train, { "0": 2, "1": 2 });
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function summarize(file: DatasetFile): DatasetSummary {
  const spec = file.spec;
  const classCounts = {} as Record<Split, Record<string, number>>;
  const ambiguous = {} as Record<Split, number>;
  let total = 0;
  let totalAmbiguous = 0;
  for (const split of SPLITS) {
    const labels = file.labels(split);
    const counts: Record<string, number> = {};
    let unclear = 0;
    labels.winding.forEach((winding, i) => {
      counts[winding] = (counts[winding] ?? 0) + 1;
      unclear += labels.ambiguous[i];
    });
    classCounts[split] = Object.fromEntries(
      Object.entries(counts).sort(([a], [b]) => Number(a) - Number(b)),
    );
    ambiguous[split] = unclear;
    total += labels.winding.length;
    totalAmbiguous += unclear;
  }
  return {
    name: spec.name,
    model: spec.model,
    cells: spec.cells,
    samples: total,
    splits: { ...spec.splits },
    hash: file.hash,
    classCounts,
    ambiguous,
    ambiguityRate: total === 0 ? 0 : totalAmbiguous / total,
  };
}
