const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/**
 * Whether `text` is a semantic version (`1.2.3`, `1.2.3-rc.1`): the names of the folders of
 * `reports/`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isVersion } from "./semver.ts";
 *
 * assert(isVersion("0.1.0") && !isVersion("../etc"));
 * ```
 */
export function isVersion(text: string): boolean {
  return SEMVER.test(text);
}

/**
 * Orders semantic versions, oldest first (a pre-release before its release).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareVersions } from "./semver.ts";
 *
 * assert.deepEqual(["0.10.0", "0.2.0", "0.2.0-rc.1"].sort(compareVersions), ["0.2.0-rc.1", "0.2.0", "0.10.0"]);
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [SEMVER.exec(a), SEMVER.exec(b)];
  if (!x || !y) throw new TypeError(`compareVersions: not a semantic version: "${!x ? a : b}"`);
  for (let k = 1; k <= 3; k++) {
    const difference = Number(x[k]) - Number(y[k]);
    if (difference) return difference;
  }
  if (x[4] === y[4]) return 0;
  if (x[4] === undefined) return 1;
  if (y[4] === undefined) return -1;
  return x[4].localeCompare(y[4], "en", { numeric: true });
}
