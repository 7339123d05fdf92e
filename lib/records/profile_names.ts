/**
 * The names of the study profiles, smallest first (`lib/studies/profiles.ts` sizes each). A
 * record names one of them, and its folder is `reports/<version>/<profile>/`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROFILE_NAMES } from "./profile_names.ts";
 *
 * assert.deepEqual(PROFILE_NAMES, ["tiny", "quick", "standard", "full"]);
 * ```
 */
export const PROFILE_NAMES = ["tiny", "quick", "standard", "full"] as const;

/** The name of a study profile. */
export type ProfileName = typeof PROFILE_NAMES[number];
