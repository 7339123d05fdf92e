import retired from "./retired_hashes.json" with { type: "json" };
import { FORMAT_VERSION } from "./format.ts";
import { GENERATOR_VERSION } from "./sample.ts";

/** A catalog dataset of an earlier data version, which this suite no longer builds. */
export interface RetiredDataset {
  readonly name: string;
  readonly hash: string;
  /** The suite versions that published it (for example `0.1.0–0.2.0`). */
  readonly suiteVersion: string;
  readonly formatVersion: number;
  readonly generatorVersion: string;
  /** The sign rule of its `amplitudes`. */
  readonly amplitudeGauge: string;
}

const RETIRED = retired as readonly {
  suiteVersion: string;
  formatVersion: number;
  generatorVersion: string;
  amplitudeGauge: string;
  hashes: Record<string, string>;
}[];

/**
 * The retired catalog dataset with this content hash, or `null`: the catalog hashes pinned by
 * earlier data versions (`retired_hashes.json`), which records published then still name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { retiredDataset } from "./retired_datasets.ts";
 *
 * const old = retiredDataset("102f2f66c14937e76577cba49440fa8306217dd1005fc52030903518a4454040");
 * assert.equal(old?.name, "plain-clean-32");
 * assert.equal(old?.generatorVersion, "2");
 * assert.equal(retiredDataset("0".repeat(64)), null);
 * ```
 */
export function retiredDataset(hash: string): RetiredDataset | null {
  for (const version of RETIRED) {
    for (const [name, pinned] of Object.entries(version.hashes)) {
      if (pinned === hash) {
        const { suiteVersion, formatVersion, generatorVersion, amplitudeGauge } = version;
        return { name, hash, suiteVersion, formatVersion, generatorVersion, amplitudeGauge };
      }
    }
  }
  return null;
}

/**
 * Why datasets named by a record cannot be rebuilt here, or `null` when none is retired: one
 * sentence naming each retired dataset, its data version and this suite's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { retiredDatasetsMessage } from "./retired_datasets.ts";
 *
 * const message = retiredDatasetsMessage([
 *   { name: "plain-clean-32", hash: "102f2f66c14937e76577cba49440fa8306217dd1005fc52030903518a4454040" },
 * ]);
 * assert.match(message!, /dataset format 1, generator version 2/);
 * assert.equal(retiredDatasetsMessage([{ name: "x", hash: "0".repeat(64) }]), null);
 * ```
 */
export function retiredDatasetsMessage(
  datasets: readonly { readonly name: string; readonly hash: string }[],
): string | null {
  const found = datasets.map((dataset) => retiredDataset(dataset.hash)).filter((x) => x !== null);
  if (found.length === 0) return null;
  const [first] = found;
  return `the record's datasets (${
    found.map((dataset) => `${dataset.name} ${dataset.hash.slice(0, 12)}…`).join(", ")
  }) are suite ${first.suiteVersion} data: dataset format ${first.formatVersion}, generator version ${first.generatorVersion}, amplitudes signed by the ${first.amplitudeGauge} rule. This suite builds dataset format ${FORMAT_VERSION}, generator version ${GENERATOR_VERSION} (amplitudes in the site-moment/1 gauge), so those bytes can no longer be rebuilt and the record cannot be re-verified here; verify it with the suite version that published it (topolearn ${first.suiteVersion}).`;
}
