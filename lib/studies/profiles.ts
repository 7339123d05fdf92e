import { PROFILE_NAMES, type ProfileName } from "../records/profile_names.ts";

/** The size of a study run. The profile is part of every record. */
export interface Profile {
  readonly name: ProfileName;
  /** Seeds per architecture (the trainability study and every trained cell). */
  readonly seeds: number;
  /** Training step budget per run. */
  readonly steps: number;
  readonly batchSize: number;
  readonly evaluateEvery: number;
  /** Relative init noise levels of the topo trainability sweep. */
  readonly noiseLevels: readonly number[];
  /** Test samples scored per dataset (at most). */
  readonly testSamples: number;
}

/**
 * The profile named `name`, one of `PROFILE_NAMES`: `tiny` (the test suite's end-to-end run),
 * `quick` (the default of `deno task bench`: every study, one seed, a short budget: minutes on
 * 2 cores), `standard` (what the leaderboard publishes: 5 seeds), `full` (paper scale, 10 seeds;
 * meant to be sharded). Any other name throws `RangeError` listing them: options parse into a
 * `Profile` here, once, and code below takes the object.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { profile } from "./profiles.ts";
 *
 * assert.equal(profile("standard").seeds, 5);
 * assert.throws(() => profile("huge"), /Unknown profile "huge": expected one of tiny, quick, standard, full/);
 * ```
 */
export function profile(name: string): Profile {
  const found = PROFILES.find((entry) => entry.name === name);
  if (!found) {
    throw new RangeError(
      `Unknown profile "${name}": expected one of ${PROFILE_NAMES.join(", ")}`,
    );
  }
  return found;
}

const PROFILES: readonly Profile[] = [
  {
    name: "tiny",
    seeds: 1,
    steps: 8,
    batchSize: 32,
    evaluateEvery: 4,
    noiseLevels: [0, 0.1],
    testSamples: 64,
  },
  {
    name: "quick",
    seeds: 1,
    steps: 150,
    batchSize: 128,
    evaluateEvery: 10,
    noiseLevels: [0, 0.01, 0.03, 0.1, 0.3, 1],
    testSamples: 500,
  },
  {
    name: "standard",
    seeds: 5,
    steps: 1500,
    batchSize: 128,
    evaluateEvery: 20,
    noiseLevels: [0, 0.01, 0.03, 0.1, 0.3, 1],
    testSamples: 2000,
  },
  {
    name: "full",
    seeds: 10,
    steps: 5000,
    batchSize: 128,
    evaluateEvery: 20,
    noiseLevels: [0, 0.01, 0.03, 0.1, 0.3, 1],
    testSamples: 2000,
  },
];
