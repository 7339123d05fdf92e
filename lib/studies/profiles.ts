import { PROFILE_NAMES, type ProfileName } from "../records/profile_names.ts";

/** The size of a study run. The profile is part of every record. */
export interface Profile {
  readonly name: ProfileName;
  /** Seeds per architecture (the trainability study and every trained cell). */
  readonly seeds: number;
  /**
   * Independent dataset draws of the headline studies (`HEADLINE_STUDIES`: trainability, disorder):
   * their cells enumerate draws × seeds, draw `k` training and testing on draw `k` of each
   * catalog dataset (`drawSpec`; draw 0 is the catalog entry). The other studies use draw 0.
   */
  readonly draws: number;
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
 * The profile named `name`, one of `PROFILE_NAMES`. Any other name throws `RangeError` listing
 * them: options parse into a `Profile` here, once, and code below takes the object.
 *
 * - `tiny`: the test suite's end-to-end run (1 seed, 1 draw, 8 steps).
 * - `quick`: the default of `deno task bench`: every study, 1 seed on draw 0, 100 steps;
 *   under 5 minutes on 2 cores from a fresh clone, dataset builds included.
 * - `standard`: what the leaderboards publish. **10 seeds** per trained cell; the headline
 *   studies (trainability and disorder) on **3 independent dataset draws** each
 *   (30 runs per architecture and board); the other studies on draw 0 (10 runs, reusing
 *   draw 0's models); the noise sweep of the exact-invariant networks on draw 0 (10 seeds per
 *   σ). Choices that keep it to one to two hours on 2 cores (two shards side by side:
 *   `--shard 1/2` and `--shard 2/2`, which train disjoint models; 2,407 cells, cost-model
 *   bound 118 min each, 236 min in one process; 0.3.0's first run had 2,254, before the gauge
 *   study; the bound is an upper one, CHANGELOG.md has the measured wall time of each
 *   published run), from the 0.2.0 standard run: a **250-step** budget (was
 *   1,500; every random-init run of 0.2.0 reached 99% validation accuracy on the clean chains
 *   by step 120, so the in-distribution learning curve is flat past it; the noise runs at
 *   σ ≥ 0.3 needed up to 320 steps, and the winding runs on the extended chains did not all
 *   reach the target within 1,500, so those two are the ones `full` re-measures at 5,000),
 *   evaluation every 25 steps (10 curve points).
 * - `full`: paper scale, **20 seeds** × **5 draws** in the headline studies, 5,000 steps,
 *   evaluation every 20; meant to be sharded on a cluster (`deno task sweep`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { profile } from "./profiles.ts";
 *
 * assert.equal(profile("standard").seeds, 10);
 * assert.equal(profile("standard").draws, 3);
 * assert.equal(profile("full").seeds, 20);
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
    draws: 1,
    steps: 8,
    batchSize: 32,
    evaluateEvery: 4,
    noiseLevels: [0, 0.1],
    testSamples: 64,
  },
  {
    name: "quick",
    seeds: 1,
    draws: 1,
    steps: 100, // 150 took the fresh-clone default bench to 342 s (target 300)
    batchSize: 128,
    evaluateEvery: 10,
    noiseLevels: [0, 0.1, 1], // the sweep of standard, thinned for the default bench
    testSamples: 300, // ±0.06 at 95% per score: the default bench is a smoke run of every study
  },
  {
    name: "standard",
    seeds: 10,
    draws: 3,
    steps: 250,
    batchSize: 128,
    evaluateEvery: 25,
    noiseLevels: [0, 0.01, 0.03, 0.1, 0.3, 1],
    testSamples: 2000,
  },
  {
    name: "full",
    seeds: 20,
    draws: 5,
    steps: 5000,
    batchSize: 128,
    evaluateEvery: 20,
    noiseLevels: [0, 0.01, 0.03, 0.1, 0.3, 1],
    testSamples: 2000,
  },
];
