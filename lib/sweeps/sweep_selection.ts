import type { StudyCell } from "../records/schema.ts";
import type { ProfileName } from "../records/profile_names.ts";
import { planCells, type PlannedCell } from "../studies/plan.ts";
import { profile } from "../studies/profiles.ts";

/** What a sweep runs: a profile's cells (optionally some studies and architectures) in shards. */
export interface SweepSelection {
  readonly profile: ProfileName;
  /** Study names (default: all). */
  readonly studies?: readonly string[];
  /** Architecture names (default: every registered one). */
  readonly architectures?: readonly string[];
  readonly backend?: StudyCell["backend"];
  /** How many shards (array tasks); shard k of n runs `deno task bench … --shard k/n`. */
  readonly shards: number;
}

/**
 * The planned cells of each shard of a sweep, index 0 first (array index i runs shard i + 1):
 * the same split as `deno task bench --shard k/n`. A shard count that is not a positive integer
 * gets a `RangeError`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shardCells } from "./sweep_selection.ts";
 *
 * const shards = shardCells({ profile: "tiny", studies: ["size"], architectures: ["mlp", "topo"], shards: 2 });
 * assert.equal(shards.length, 2);
 * assert.throws(() => shardCells({ profile: "tiny", shards: 0 }), /shards must be a positive integer: received 0/);
 * ```
 */
export function shardCells(selection: SweepSelection): PlannedCell[][] {
  const { shards } = selection;
  if (!Number.isSafeInteger(shards) || shards < 1) {
    throw new RangeError(`shards must be a positive integer: received ${shards}`);
  }
  const sized = profile(selection.profile);
  return Array.from({ length: shards }, (_, index) =>
    planCells({
      profile: sized,
      studies: selection.studies,
      architectures: selection.architectures,
      backend: selection.backend,
      shard: `${index + 1}/${shards}`,
    }));
}

/** The bench arguments of a selection (without `--shard` and `--root`). */
export function benchArgs(selection: SweepSelection): string[] {
  return [
    "--profile",
    selection.profile,
    ...(selection.studies ?? []).flatMap((study) => ["--study", study]),
    ...(selection.architectures ?? []).flatMap((name) => ["--arch", name]),
    ...(selection.backend ? ["--backend", selection.backend] : []),
  ];
}
