import { architectureNames, resolveArchitecture } from "../models/registry.ts";
import type { StudyRecord } from "../records/schema.ts";
import type { SiteBoard, SiteData, SiteDataset, SiteProfile, SiteVersion } from "./load.ts";

// Every path parameter is looked up here, in the loaded tree; nothing the request says
// reaches the file system.

/**
 * The version named `version`, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findVersion } from "./lookup.ts";
 *
 * assert.equal(findVersion({ root: "r", versions: [] }, "../etc"), null);
 * ```
 */
export function findVersion(site: SiteData, version: string): SiteVersion | null {
  return site.versions.find((entry) => entry.version === version) ?? null;
}

/**
 * A profile of a version, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findProfile } from "./lookup.ts";
 *
 * const site = { root: "reports", versions: [] };
 * assert.equal(findProfile(site, "0.1.0", "quick"), null);
 * ```
 */
export function findProfile(site: SiteData, version: string, profile: string): SiteProfile | null {
  return findVersion(site, version)?.profiles.find((entry) => entry.name === profile) ?? null;
}

/**
 * A study's board, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findBoard } from "./lookup.ts";
 *
 * const site = { root: "reports", versions: [] };
 * assert.equal(findBoard(site, "0.1.0", "quick", "disorder"), null);
 * ```
 */
export function findBoard(
  site: SiteData,
  version: string,
  profile: string,
  study: string,
): SiteBoard | null {
  return findProfile(site, version, profile)?.boards.find((board) => board.study === study) ??
    null;
}

/**
 * A record by study and cell id, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findRecord } from "./lookup.ts";
 *
 * const site = { root: "reports", versions: [] };
 * assert.equal(findRecord(site, "0.1.0", "quick", "disorder", "mlp.seed=0.init=random"), null);
 * ```
 */
export function findRecord(
  site: SiteData,
  version: string,
  profile: string,
  study: string,
  cell: string,
): StudyRecord | null {
  return findBoard(site, version, profile, study)?.records.find((record) =>
    record.cell.id === cell
  ) ?? null;
}

/**
 * A dataset card, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findDataset } from "./lookup.ts";
 *
 * const site = { root: "reports", versions: [] };
 * assert.equal(findDataset(site, "0.1.0", "plain-clean-32"), null);
 * ```
 */
export function findDataset(site: SiteData, version: string, name: string): SiteDataset | null {
  return findVersion(site, version)?.datasets.find((entry) => entry.name === name) ?? null;
}

/** Registry metadata of an architecture (`null` for one known only from its records). */
export interface ArchitectureInfo {
  readonly name: string;
  readonly version: string | null;
  readonly description: string | null;
  readonly representations: readonly string[];
  readonly sizeAgnostic: boolean | null;
  readonly exactInvariant: boolean | null;
  /** Registered in lib/models (else: a community submission seen in the reports). */
  readonly registered: boolean;
  /** An ONNX-track submission (its records' `submission.track`): trained elsewhere. */
  readonly trainedElsewhere: boolean;
}

/**
 * Every architecture the site knows: the registry's and any named in the reports, sorted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { siteArchitectures } from "./lookup.ts";
 *
 * const names = siteArchitectures({ root: "r", versions: [] }).map((a) => a.name);
 * assert(names.includes("topo") && names.includes("mlp"));
 * ```
 */
export function siteArchitectures(site: SiteData): ArchitectureInfo[] {
  const names = new Set(architectureNames());
  const onnx = new Set<string>();
  for (const version of site.versions) {
    for (const profile of version.profiles) {
      for (const record of profile.records) {
        names.add(record.cell.architecture);
        if (record.submission?.track === "onnx") onnx.add(record.cell.architecture);
      }
      for (const board of profile.boards) {
        for (const entry of board.leaderboard.entries) names.add(entry.architecture);
      }
    }
  }
  return [...names].sort().map((name) => {
    try {
      const architecture = resolveArchitecture(name);
      return {
        name,
        version: architecture.version,
        description: architecture.description,
        representations: architecture.representations,
        sizeAgnostic: architecture.sizeAgnostic,
        exactInvariant: architecture.exactInvariant ?? false,
        registered: true,
        trainedElsewhere: onnx.has(name),
      };
    } catch {
      return {
        name,
        version: null,
        description: null,
        representations: [],
        sizeAgnostic: null,
        exactInvariant: null,
        registered: false,
        trainedElsewhere: onnx.has(name),
      };
    }
  });
}
