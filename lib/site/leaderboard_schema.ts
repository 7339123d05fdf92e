import { BADGES } from "../models/architecture.ts";
import { z } from "zod";
import { type Leaderboard, significanceRanks } from "../reporting/leaderboard.ts";

const finiteNumber = z.number().finite();

/** The schema of a published `leaderboard.json` (the type `Leaderboard` of lib/results). */
export const leaderboardSchema: z.ZodType<Leaderboard, z.ZodTypeDef, unknown> = z.object({
  study: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string(),
  question: z.string(),
  suiteVersion: z.string(),
  profile: z.string(),
  rankingRule: z.object({
    metric: z.string(),
    higherIsBetter: z.boolean(),
    aggregation: z.string(),
    ties: z.string(),
    tieBreakMetric: z.string().nullable().optional(), // from suite 0.2.0
    description: z.string(),
  }).strict(),
  entries: z.array(
    z.object({
      rank: z.number().int().positive(),
      architecture: z.string().regex(/^[a-z][a-z0-9-]*$/),
      architectureVersion: z.string(),
      exactInvariant: z.boolean(),
      sizeAgnostic: z.boolean(),
      community: z.boolean(),
      badges: z.array(z.enum(BADGES)).optional(), // from suite 0.3.0: proxy baselines
      mean: finiteNumber,
      std: finiteNumber.nonnegative(),
      // from suite 0.3.0: the bootstrap 95% interval of the mean (null on older boards)
      interval: z.tuple([finiteNumber, finiteNumber]).nullable().default(null),
      tieBreakMean: finiteNumber.nullable().optional(), // from suite 0.2.0
      seeds: z.number().int().nonnegative(),
      draws: z.number().int().nonnegative().default(1), // from suite 0.3.0 (older: one draw)
      values: z.array(
        z.object({
          cell: z.string(),
          value: finiteNumber,
          contentHash: z.string().regex(/^[0-9a-f]{64}$/),
        }).strict(),
      ),
    }).strict(),
  ),
  references: z.array(
    z.object({ architecture: z.string(), cell: z.string(), value: finiteNumber.nullable() })
      .strict(),
  ),
  notApplicable: z.array(z.object({ architecture: z.string(), reason: z.string() }).strict()),
}).strict();

/**
 * Validates a parsed `leaderboard.json`. Throws `TypeError` that names `source` (the file) and
 * the first field that fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateLeaderboard } from "./leaderboard_schema.ts";
 *
 * assert.throws(() => validateLeaderboard({ study: "disorder" }, "x/leaderboard.json"), /x\/leaderboard.json: title/);
 * ```
 */
export function validateLeaderboard(value: unknown, source = "leaderboard"): Leaderboard {
  const parsed = leaderboardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const board = parsed.data;
  // Boards with intervals (suite 0.3.0 on) share ranks by significance; older ones rank 1 … n.
  const withIntervals = board.entries.some((entry) => entry.interval !== null);
  const expected = withIntervals
    ? significanceRanks(board.entries, board.rankingRule.higherIsBetter)
    : board.entries.map((_, index) => index + 1);
  board.entries.forEach((entry, index) => {
    if (entry.rank !== expected[index]) {
      throw new TypeError(
        `${source}: entries.${index}.rank: expected ${expected[index]}, found ${entry.rank}`,
      );
    }
  });
  return board;
}
