import { architectureNames, resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import type { Profile } from "./profiles.ts";
import { selectStudies } from "./studies.ts";
import type { Study } from "./study.ts";
import { makeCell } from "./_cells.ts";
import { trainingKey } from "./training_key.ts";

/** What to run. */
export interface PlanOptions {
  /** The profile (parse a name with `profile`). */
  readonly profile: Profile;
  /** Study names (default: all). */
  readonly studies?: readonly string[];
  /** Architecture names (default: every registered one). */
  readonly architectures?: readonly string[];
  readonly backend?: StudyCell["backend"];
  /**
   * Shard `k/n`: the cells of every group whose position among the plan's groups is k − 1
   * modulo n, where a group is the cells that share one training (`trainingKey`; a cell that
   * trains nothing is a group of its own), so no two shards train the same model.
   */
  readonly shard?: string;
}

/** One planned cell with its study. */
export interface PlannedCell {
  readonly study: Study;
  readonly cell: StudyCell;
}

/**
 * The cells of a run, in a fixed order (study, then the study's own order), optionally one shard
 * of them. An architecture trained elsewhere (`trainedElsewhere`, the ONNX track) gets the cells
 * of the studies that score fixed models (`scoresFixedModels`) and, in every other study, one
 * cell that records it as not applicable. Shards split the plan by training (cells sharing a
 * trained model, e.g. trainability's and disorder's cell of one seed, land in the same shard), so
 * `n` shards run side by side on `n` cores train each model once. Unknown studies, architectures
 * and malformed shards get a `RangeError`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "./plan.ts";
 * import { profile } from "./profiles.ts";
 *
 * const quick = profile("quick");
 * const all = planCells({ profile: quick, studies: ["trainability"], architectures: ["mlp", "topo"] });
 * const first = planCells({ profile: quick, studies: ["trainability"], architectures: ["mlp", "topo"], shard: "1/2" });
 * const second = planCells({ profile: quick, studies: ["trainability"], architectures: ["mlp", "topo"], shard: "2/2" });
 * assert.equal(first.length + second.length, all.length);
 * assert.throws(() => planCells({ profile: quick, shard: "3/2" }), /shard must be k\/n with 1 ≤ k ≤ n/);
 * ```
 */
export function planCells(options: PlanOptions): PlannedCell[] {
  const { profile } = options;
  const architectures = options.architectures?.length ? options.architectures : architectureNames();
  for (const name of architectures) resolveArchitecture(name); // throws for unknown names
  const backend = options.backend ?? "auto";
  const fixed = architectures.filter((name) => resolveArchitecture(name).trainedElsewhere);
  const planned = selectStudies(options.studies).flatMap((study) => {
    if (study.scoresFixedModels) {
      return study.cells(profile, architectures, backend).map((cell) => ({ study, cell }));
    }
    const trained = architectures.filter((name) => !fixed.includes(name));
    const cells = trained.length ? study.cells(profile, trained, backend) : [];
    for (const name of fixed) {
      cells.push(makeCell(study.name, profile, name, 0, { kind: "random" }, null, [], backend));
    }
    return cells.map((cell) => ({ study, cell }));
  });
  if (options.shard === undefined) return planned;
  const match = /^(\d+)\/(\d+)$/.exec(options.shard);
  const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || n < 1 || k < 1 || k > n) {
    throw new RangeError(`shard must be k/n with 1 ≤ k ≤ n: received "${options.shard}"`);
  }
  const groups = new Map<string, number>();
  return planned.filter(({ study, cell }) => {
    const key = trainingKey(cell) ?? `${study.name}/${cell.id}`;
    if (!groups.has(key)) groups.set(key, groups.size);
    return groups.get(key)! % n === k - 1;
  });
}
