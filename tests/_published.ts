// The newest suite version with published standard records under reports/: the fixture that
// tests of the record checks copy from. While the suite's own version (deno.json) is still in
// development it has no published records, so those tests read the newest published ones.
import { join } from "node:path";
import { compareVersions, isVersion } from "../lib/site/semver.ts";
import { SUITE_VERSION } from "../lib/version.ts";

const REPORTS = new URL("../reports/", import.meta.url).pathname;

function hasStandardRecords(version: string): boolean {
  try {
    return Deno.statSync(join(REPORTS, version, "standard", "records")).isDirectory;
  } catch {
    return false;
  }
}

/** The newest version under reports/ with standard records. */
export const PUBLISHED_VERSION: string = (() => {
  const versions = [...Deno.readDirSync(REPORTS)]
    .filter((entry) => entry.isDirectory && isVersion(entry.name) && hasStandardRecords(entry.name))
    .map((entry) => entry.name)
    .sort(compareVersions);
  if (!versions.length) {
    throw new Error("no published version with standard records under reports/");
  }
  return versions[versions.length - 1];
})();

/** Whether the suite's own version is published (its boards can be rebuilt by this code). */
export const CURRENT_VERSION_PUBLISHED: boolean = PUBLISHED_VERSION === SUITE_VERSION;
