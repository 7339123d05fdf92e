import assert from "node:assert/strict";
import { buildLeaderboard } from "../lib/reporting/leaderboard.ts";
import type { StudyRecord } from "../lib/records/schema.ts";
import { expressivity } from "../lib/studies/expressivity.ts";
import { trainability } from "../lib/studies/trainability.ts";
import { disorder } from "../lib/studies/disorder.ts";
import { validateLeaderboard } from "../lib/site/leaderboard_schema.ts";
import { selectStudies } from "../lib/studies/studies.ts";

/** The fields of a record that ranking reads; the rest of a record does not take part. */
function record(
  study: string,
  architecture: string,
  seed: number,
  metrics: Record<string, number | null>,
  init: "random" | "exact" = "random",
  draw = 0,
): StudyRecord {
  return {
    cell: {
      study,
      profile: "standard",
      architecture,
      seed,
      init: { kind: init },
      id: `${architecture}.seed=${seed}.init=${init}${draw ? `.draw=${draw}` : ""}`,
      trainDataset: draw ? `plain-clean-32-draw${draw}` : "plain-clean-32",
      testDatasets: [],
    },
    status: "ok",
    architectureVersion: "1.0.0",
    metrics,
    contentHash: "0".repeat(64),
  } as unknown as StudyRecord;
}

/** Records of `architecture` with these values of disorder's metric (`accuracy`), one per seed. */
function scored(architecture: string, values: readonly number[], draw = 0): StudyRecord[] {
  return values.map((value, seed) =>
    record("disorder", architecture, seed, { accuracy: value }, "random", draw)
  );
}

function ranksOf(records: StudyRecord[]): Record<string, number> {
  const board = buildLeaderboard(disorder, records, "standard");
  return Object.fromEntries(board.entries.map((entry) => [entry.architecture, entry.rank]));
}

Deno.test("every entry carries the bootstrap 95% interval of its mean, which contains the mean", () => {
  const board = buildLeaderboard(
    disorder,
    scored("wide", [0.6, 0.7, 0.8, 0.9, 1.0]),
    "standard",
  );
  const [entry] = board.entries;
  const [low, high] = entry.interval!;
  assert(low < entry.mean && entry.mean < high, `${low} < ${entry.mean} < ${high}`);
  assert(low >= 0.6 && high <= 1.0 && high - low > 0.1);
  assert.match(board.rankingRule.aggregation, /bootstrap 95% confidence interval/);
});

Deno.test("overlapping intervals share a rank even when the means differ", () => {
  const ranks = ranksOf([
    ...scored("better", [0.80, 0.85, 0.90, 0.95, 1.00]),
    ...scored("worse", [0.78, 0.83, 0.88, 0.93, 0.98]),
  ]);
  assert.deepEqual(ranks, { better: 1, worse: 1 });
});

Deno.test("separated intervals get distinct ranks, counted by the entries entirely above", () => {
  const records = [
    ...scored("top", [0.97, 0.98, 0.99, 1.0]),
    ...scored("mid-a", [0.70, 0.72, 0.74, 0.76]),
    ...scored("mid-b", [0.71, 0.73, 0.75, 0.77]),
    ...scored("low", [0.1, 0.12, 0.14, 0.16]),
  ];
  assert.deepEqual(ranksOf(records), { top: 1, "mid-a": 2, "mid-b": 2, low: 4 });
  const board = buildLeaderboard(disorder, records, "standard");
  // display order: mean, then name (mid-b's mean is higher than mid-a's)
  assert.deepEqual(board.entries.map((entry) => entry.architecture), [
    "top",
    "mid-b",
    "mid-a",
    "low",
  ]);
  assert.match(board.rankingRule.ties, /rank = 1 \+ the number of entries whose 95% interval/);
  assert.match(board.rankingRule.ties, /display order only/);
  // the published board passes the site's validator, which recomputes the rule
  assert.deepEqual(validateLeaderboard(structuredClone(board)).entries.map((e) => e.rank), [
    1,
    2,
    2,
    4,
  ]);
  const forged = structuredClone(board);
  (forged.entries[2] as { rank: number }).rank = 3;
  assert.throws(() => validateLeaderboard(forged, "b.json"), /b.json: entries.2.rank: expected 2/);
});

Deno.test("lower-is-better boards mirror the rule", () => {
  // disorder's declaration with the direction flipped: smaller values are better
  const lowerIsBetter = { ...disorder, ranking: { ...disorder.ranking, higherIsBetter: false } };
  const board = buildLeaderboard(lowerIsBetter, [
    ...scored("small", [0.1, 0.11, 0.12]),
    ...scored("large", [0.9, 0.91, 0.92]),
  ], "standard");
  assert.deepEqual(board.entries.map((entry) => [entry.architecture, entry.rank]), [
    ["small", 1],
    ["large", 2],
  ]);
});

Deno.test("single-seed entries with identical values share a rank; names never break it", () => {
  const ranks = ranksOf([
    ...scored("zeta", [1]),
    ...scored("alpha", [1]),
    ...scored("mu", [1]),
  ]);
  assert.deepEqual(ranks, { alpha: 1, mu: 1, zeta: 1 });
});

Deno.test("saturated boards: equal values on every seed share rank 1 whatever the tie-break", () => {
  const records = [
    ...[0, 1].map((seed) =>
      record("trainability", "lower", seed, { success: 1, oodAccuracy: 0.99 })
    ),
    ...[0, 1].map((seed) =>
      record("trainability", "higher", seed, { success: 1, oodAccuracy: 0.995 + seed * 0.005 })
    ),
    ...[0, 1].map((seed) =>
      record("trainability", "never", seed, { success: 0, oodAccuracy: null })
    ),
  ];
  const board = buildLeaderboard(trainability, records, "standard");
  // the tie-break orders the display among equal means, and decides no rank
  assert.deepEqual(board.entries.map((entry) => [entry.architecture, entry.rank]), [
    ["higher", 1],
    ["lower", 1],
    ["never", 3],
  ]);
  assert.deepEqual(board.entries.map((entry) => entry.tieBreakMean), [0.9975, 0.99, null]);
  assert.match(
    board.rankingRule.ties,
    /then higher mean out-of-distribution accuracy .*\(oodAccuracy\)/,
  );
});

Deno.test("equal means with different spreads share a rank (the std breaks nothing)", () => {
  const ranks = ranksOf([
    ...scored("steady", [0.5, 0.5, 0.5, 0.5]),
    ...scored("erratic", [1, 1, 0, 0]),
  ]);
  assert.deepEqual(ranks, { erratic: 1, steady: 1 });
});

Deno.test("ranks, intervals and values do not depend on the order of the records", () => {
  const records = [
    ...scored("a", [0.9, 0.95, 0.97, 0.99, 1]),
    ...scored("b", [0.5, 0.6, 0.65, 0.7, 0.72]),
    ...scored("c", [0.55, 0.58, 0.61, 0.66, 0.7]),
    ...scored("d", [0.2, 0.1, 0.15, 0.12, 0.3]),
  ];
  const reference = buildLeaderboard(disorder, records, "standard");
  let state = 7;
  for (let trial = 0; trial < 5; trial++) {
    const shuffled = [...records];
    for (let i = shuffled.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const j = state % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    assert.deepEqual(buildLeaderboard(disorder, shuffled, "standard"), reference);
  }
  assert.deepEqual(reference.entries.map((entry) => entry.rank), [1, 2, 2, 4]);
});

Deno.test("seeds and dataset draws are counted apart; the board aggregates over both", () => {
  const records = [0, 1, 2].flatMap((draw) => scored("net", [0.9, 0.8], draw));
  const [entry] = buildLeaderboard(disorder, records, "standard").entries;
  assert.equal(entry.seeds, 2);
  assert.equal(entry.draws, 3);
  assert.equal(entry.values.length, 6);
  assert(Math.abs(entry.mean - 0.85) < 1e-12);
});

Deno.test("expressivity ranks exact-weight cells only", () => {
  const records = [
    record("expressivity", "coarse", 0, { accuracy: 0.9, maxInvariantError: 1e-3 }, "exact"),
    record("expressivity", "precise", 0, { accuracy: 1, maxInvariantError: 1e-9 }, "exact"),
    record("expressivity", "random", 0, { accuracy: 1, maxInvariantError: 0 }, "random"),
  ];
  const board = buildLeaderboard(expressivity, records, "standard");
  assert.deepEqual(board.entries.map((entry) => [entry.architecture, entry.rank]), [
    ["precise", 1],
    ["coarse", 2],
  ]);
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

Deno.test("a ranking restricted to some cells ranks only them and lists an architecture with none as not ranked", () => {
  const study = selectStudies(["literature-holanda-own-input"])[0];
  const make = (architecture: string, id: string, value: number) =>
    ({
      cell: {
        id,
        study: study.name,
        profile: "standard",
        architecture,
        init: { kind: "random" },
        seed: 0,
        trainDataset: null,
        testDatasets: [],
      },
      status: "ok",
      metrics: { hamiltonianAccuracy: value },
      contentHash: id,
    }) as unknown as StudyRecord;
  const board = buildLeaderboard(study, [
    make("mlp", "mlp.seed=0.init=random.model=ssh1", 1),
    make("mlp", "mlp.seed=0.init=random.model=ssh2", 0.7),
    make("holanda-forest", "holanda-forest.seed=0.init=random.train=240", 0.4),
    make("holanda-tree", "holanda-tree.seed=0.init=random.train=560", 1),
  ], "standard");
  assert.deepEqual(board.entries.map((e) => [e.architecture, e.mean]), [["mlp", 0.7], [
    "holanda-forest",
    0.4,
  ]]);
  assert.match(
    board.notApplicable.find((n) => n.architecture === "holanda-tree")!.reason,
    /^not ranked: the board ranks SSH2/,
  );
});
