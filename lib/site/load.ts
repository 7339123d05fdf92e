import { join } from "node:path";
import { buildLeaderboard, type Leaderboard } from "../reporting/leaderboard.ts";
import type { StudyRecord } from "../records/schema.ts";
import type { ProfileName } from "../records/profile_names.ts";
import { readJsonFile } from "../io/mod.ts";
import { readProfileRecords } from "../records/store.ts";
import { STUDIES } from "../studies/studies.ts";
import { validateLeaderboard } from "./leaderboard_schema.ts";
import { compareVersions, isVersion } from "./semver.ts";

/** Profiles in the order a version's front page prefers them. */
export const PROFILE_ORDER = [
  "standard",
  "full",
  "quick",
  "tiny",
] as const satisfies readonly ProfileName[];

/** A study's board in one version and profile, with what stands behind it. */
export interface SiteBoard {
  readonly study: string;
  readonly leaderboard: Leaderboard;
  /** No `leaderboard.json` yet: the board was ranked here from the records, by the same rule. */
  readonly provisional: boolean;
  /** The study's records (this version and profile), sorted by cell id. */
  readonly records: readonly StudyRecord[];
  /** Published files beside the board (figures, `leaderboard.json`): name → file path. */
  readonly files: ReadonlyMap<string, string>;
}

/** One profile of one suite version. */
export interface SiteProfile {
  readonly name: string;
  /** Boards in the suite's study order (studies without records are absent). */
  readonly boards: readonly SiteBoard[];
  readonly records: readonly StudyRecord[];
  /** `REPORT.md`, where published. */
  readonly reportPath: string | null;
}

/** A dataset card of a version. */
export interface SiteDataset {
  readonly name: string;
  readonly markdownPath: string;
  /** Other files the card shows (figures): name → file path. */
  readonly files: ReadonlyMap<string, string>;
}

/** One published suite version. */
export interface SiteVersion {
  readonly version: string;
  /** Profiles with records, in `PROFILE_ORDER`. */
  readonly profiles: readonly SiteProfile[];
  readonly datasets: readonly SiteDataset[];
}

/** Everything the site shows, read and validated once. */
export interface SiteData {
  readonly root: string;
  /** Newest first. */
  readonly versions: readonly SiteVersion[];
}

const FILE = /^[a-z0-9][a-z0-9._-]*\.(svg|json|md)$/;

/**
 * Reads a reports tree (`<root>/<version>/<profile>/…`, community records from
 * `<root>/<version>/submissions/<name>/<profile>/records/`): every record is validated (zod schema,
 * config and content hashes) and every `leaderboard.json` against its schema; the first bad
 * file throws `TypeError` naming it. A study with records but no `leaderboard.json` gets a
 * provisional board ranked from its records.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadReports } from "./load.ts";
 *
 * const site = await loadReports(await Deno.makeTempDir());
 * assert.deepEqual(site.versions, []);
 * ```
 */
export async function loadReports(root: string): Promise<SiteData> {
  const versions: SiteVersion[] = [];
  for (const name of await listEntries(root, "directory")) {
    if (!isVersion(name)) continue;
    versions.push(await loadVersion(root, name));
  }
  versions.sort((a, b) => compareVersions(b.version, a.version));
  return { root, versions: versions.filter((v) => v.profiles.length || v.datasets.length) };
}

async function loadVersion(root: string, version: string): Promise<SiteVersion> {
  const folder = join(root, version);
  const present = new Set(await listEntries(folder, "directory"));
  const profiles: SiteProfile[] = [];
  for (const profile of PROFILE_ORDER) {
    if (!present.has(profile)) continue;
    const loaded = await loadProfile(root, version, profile);
    if (loaded.records.length || loaded.boards.length) profiles.push(loaded);
  }
  const datasets: SiteDataset[] = [];
  if (present.has("datasets")) {
    const files = (await listEntries(join(folder, "datasets"), "file")).filter((f) => FILE.test(f));
    for (const file of files.filter((f) => f.endsWith(".md"))) {
      const name = file.slice(0, -3);
      const own = files.filter((f) => f !== file && f.startsWith(`${name}.`));
      datasets.push({
        name,
        markdownPath: join(folder, "datasets", file),
        files: new Map(own.map((f) => [f, join(folder, "datasets", f)])),
      });
    }
  }
  return { version, profiles, datasets };
}

async function loadProfile(
  root: string,
  version: string,
  profile: ProfileName,
): Promise<SiteProfile> {
  const folder = join(root, version, profile);
  // Each file checked against its name and folder, and the set for duplicates, in one place.
  const records = await readProfileRecords(profile, root, version);
  const folders = new Set(await listEntries(folder, "directory"));
  folders.delete("records");
  const studies = new Set([...folders, ...records.map((record) => record.cell.study)]);
  const order = STUDIES.map((study) => study.name);
  const boards: SiteBoard[] = [];
  for (
    const study of [...studies].sort((a, b) =>
      rank(order, a) - rank(order, b) || a.localeCompare(b)
    )
  ) {
    const own = records.filter((record) => record.cell.study === study);
    const files = folders.has(study)
      ? (await listEntries(join(folder, study), "file")).filter((f) => FILE.test(f))
      : [];
    const boardPath = join(folder, study, "leaderboard.json");
    let leaderboard: Leaderboard;
    let provisional = false;
    if (files.includes("leaderboard.json")) {
      leaderboard = await readBoard(boardPath);
      if (
        leaderboard.study !== study || leaderboard.suiteVersion !== version ||
        leaderboard.profile !== profile
      ) {
        throw new TypeError(
          `${boardPath}: says ${leaderboard.suiteVersion}/${leaderboard.profile}/${leaderboard.study}, lies in ${version}/${profile}/${study}`,
        );
      }
    } else {
      const definition = STUDIES.find((entry) => entry.name === study);
      if (!definition || own.length === 0) continue;
      leaderboard = { ...buildLeaderboard(definition, own, profile), suiteVersion: version };
      provisional = true;
    }
    const cells = new Set(own.map((record) => record.cell.id));
    for (const entry of leaderboard.entries) {
      for (const value of entry.values) {
        if (!cells.has(value.cell)) {
          throw new TypeError(
            `${boardPath}: ${entry.architecture} cites cell "${value.cell}", which has no record in ${
              join(folder, "records", study)
            } nor under ${join(root, version, "submissions")}`,
          );
        }
      }
    }
    boards.push({
      study,
      leaderboard,
      provisional,
      records: own,
      files: new Map(files.map((f) => [f, join(folder, study, f)])),
    });
  }
  const reportPath = (await listEntries(folder, "file")).includes("REPORT.md")
    ? join(folder, "REPORT.md")
    : null;
  return { name: profile, boards, records, reportPath };
}

async function readBoard(path: string): Promise<Leaderboard> {
  return validateLeaderboard(await readJsonFile(path, "leaderboard"), path);
}

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index < 0 ? order.length : index;
}

async function listEntries(folder: string, kind: "file" | "directory"): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(folder)) {
      if (kind === "file" ? entry.isFile : entry.isDirectory) names.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return names.sort();
}

/**
 * A version's preferred profile (the first of `PROFILE_ORDER` with boards): what its page
 * shows first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultProfile } from "./load.ts";
 *
 * assert.equal(defaultProfile({ version: "0.1.0", profiles: [], datasets: [] }), null);
 * ```
 */
export function defaultProfile(version: SiteVersion): SiteProfile | null {
  return version.profiles.find((profile) => profile.boards.length) ?? version.profiles[0] ?? null;
}
