import assert from "node:assert/strict";
import { buildLeaderboard } from "../lib/reporting/leaderboard.ts";
import type { StudyRecord } from "../lib/records/schema.ts";
import { expressivity } from "../lib/studies/expressivity.ts";
import { trainability } from "../lib/studies/trainability.ts";

/** The fields of a record that ranking reads; the rest of a record does not take part. */
function record(
  study: string,
  architecture: string,
  seed: number,
  metrics: Record<string, number | null>,
  init: "random" | "exact" = "random",
): StudyRecord {
  return {
    cell: {
      study,
      profile: "standard",
      architecture,
      seed,
      init: { kind: init },
      id: `${architecture}.seed=${seed}.init=${init}`,
    },
    status: "ok",
    architectureVersion: "1.0.0",
    metrics,
    contentHash: "0".repeat(64),
  } as unknown as StudyRecord;
}

Deno.test("trainability ties on success are broken by higher mean out-of-distribution accuracy, then std, then name", () => {
  const records = [
    // all succeed; "slow" scores lower out of distribution, "fast" higher; "alpha" and "beta" tie on both
    ...[0, 1].map((seed) => record("trainability", "slow", seed, { success: 1, oodAccuracy: 0.5 })),
    ...[0, 1].map((seed) =>
      record("trainability", "fast", seed, { success: 1, oodAccuracy: 0.9 + seed * 0.1 })
    ),
    ...[0, 1].map((seed) =>
      record("trainability", "beta", seed, { success: 1, oodAccuracy: 0.75 })
    ),
    ...[0, 1].map((seed) =>
      record("trainability", "alpha", seed, { success: 1, oodAccuracy: 0.75 })
    ),
    // one failure: lower success ranks last whatever its tie-break value
    record("trainability", "flaky", 0, { success: 1, oodAccuracy: 0.99 }),
    record("trainability", "flaky", 1, { success: 0, oodAccuracy: 0.99 }),
  ];
  const board = buildLeaderboard(trainability, records, "standard");
  assert.deepEqual(board.entries.map((entry) => entry.architecture), [
    "fast",
    "alpha",
    "beta",
    "slow",
    "flaky",
  ]);
  assert.deepEqual(board.entries.map((entry) => entry.tieBreakMean), [0.95, 0.75, 0.75, 0.5, 0.99]);
  assert.match(
    board.rankingRule.ties,
    /^higher mean out-of-distribution accuracy \(oodAccuracy\).*then smaller standard deviation, then architecture name$/,
  );
});

Deno.test("equal means and tie-break means: the smaller standard deviation ranks first", () => {
  const records = [
    // "steady" scores 0.5 on every seed, "erratic" 1, 1, 0, 0: the same mean and the same
    // tie-break mean, so the smaller standard deviation ranks first
    ...[0, 1, 2, 3].map((seed) =>
      record("trainability", "steady", seed, { success: 0.5, oodAccuracy: 0.75 })
    ),
    ...[0, 1].map((seed) =>
      record("trainability", "erratic", seed, { success: 1, oodAccuracy: 0.75 })
    ),
    ...[2, 3].map((seed) =>
      record("trainability", "erratic", seed, { success: 0, oodAccuracy: 0.75 })
    ),
  ];
  const board = buildLeaderboard(trainability, records, "standard");
  assert.deepEqual(board.entries.map((entry) => [entry.architecture, entry.mean]), [
    ["steady", 0.5],
    ["erratic", 0.5],
  ]);
  assert(board.entries[0].std < board.entries[1].std);
});

Deno.test("an architecture without a tie-break value ranks last among its ties", () => {
  const records = [
    record("trainability", "never", 0, { success: 0, oodAccuracy: null }),
    record("trainability", "also-never", 0, { success: 0, oodAccuracy: null }),
    record("trainability", "fails", 0, { success: 0, oodAccuracy: 0.5 }),
  ];
  const board = buildLeaderboard(trainability, records, "standard");
  assert.deepEqual(board.entries.map((entry) => entry.architecture), [
    "fails",
    "also-never",
    "never",
  ]);
});

Deno.test("expressivity ranks exact-weight cells, ties by smaller invariant error", () => {
  const records = [
    record("expressivity", "coarse", 0, { accuracy: 1, maxInvariantError: 1e-3 }, "exact"),
    record("expressivity", "precise", 0, { accuracy: 1, maxInvariantError: 1e-9 }, "exact"),
    record("expressivity", "random", 0, { accuracy: 1, maxInvariantError: 0 }, "random"),
  ];
  const board = buildLeaderboard(expressivity, records, "standard");
  assert.deepEqual(board.entries.map((entry) => entry.architecture), ["precise", "coarse"]);
});

Deno.test("an architecture with no value of the metric is not ranked on zero seeds", () => {
  const records = [
    record("trainability", "scored", 0, { success: 1, stepsToTarget: 20 }),
    record("trainability", "unscored", 0, { stepsToTarget: 20 }),
  ];
  const board = buildLeaderboard(trainability, records, "standard");
  assert.deepEqual(board.entries.map((entry) => [entry.architecture, entry.seeds]), [[
    "scored",
    1,
  ]]);
  assert.deepEqual(board.notApplicable, [
    { architecture: "unscored", reason: "no value of success in its records" },
  ]);
});
