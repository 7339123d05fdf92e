import { CHAIN_MODELS, REPRESENTATIONS, SPLITS } from "./spec.ts";
import type { DatasetSpec, Range } from "./spec.ts";

/** What {@linkcode datasetSpec} accepts: a spec with optional defaults. */
export type DatasetSpecInput =
  & Omit<DatasetSpec, "labels" | "representations" | "balance">
  & Partial<Pick<DatasetSpec, "labels" | "representations" | "balance">>;

/**
 * Validates a dataset spec and fills its defaults (labels: trim 1/4, ambiguity threshold 0.2;
 * all three representations; balanced). Every problem is a `RangeError` or `TypeError` naming
 * the field, the value and what is accepted; nothing is built from a spec that fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny",
 *   model: "plain",
 *   cells: 16,
 *   intracell: { min: 0, max: 2 },
 *   intercell: 1,
 *   splits: { train: 8, validation: 2, test: 2 },
 *   seed: 1,
 * });
 * assert.equal(spec.labels.ambiguityThreshold, 0.2);
 * assert.throws(() => datasetSpec({ ...spec, cells: -4 }), RangeError);
 * ```
 */
export function datasetSpec(input: DatasetSpecInput): DatasetSpec {
  if (input === null || typeof input !== "object") {
    throw new TypeError(`A dataset spec must be an object: received ${input}`);
  }
  const spec: DatasetSpec = {
    ...input,
    balance: input.balance ?? true,
    labels: input.labels ?? { trim: 0.25, ambiguityThreshold: 0.2 },
    representations: input.representations ?? REPRESENTATIONS,
  };
  if (typeof spec.name !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(spec.name)) {
    throw new RangeError(
      `name must be lowercase letters, digits and dashes: received ${JSON.stringify(spec.name)}`,
    );
  }
  if (!CHAIN_MODELS.includes(spec.model)) {
    throw new RangeError(
      `Unknown model ${JSON.stringify(spec.model)}: expected one of ${CHAIN_MODELS.join(", ")}`,
    );
  }
  const minimumCells = spec.model === "extended" ? 8 : 4;
  if (!Number.isSafeInteger(spec.cells) || spec.cells < minimumCells || spec.cells > 4096) {
    throw new RangeError(
      `cells must be an integer in [${minimumCells}, 4096] for the ${spec.model} model: received ${spec.cells}`,
    );
  }
  if (spec.model === "plain") {
    if (spec.hoppingRange !== undefined) {
      throw new RangeError("hoppingRange is for the extended model; the plain model draws v, w");
    }
    checkRange("intracell", spec.intracell, false);
    checkRange("intercell", spec.intercell, false);
  } else {
    if (spec.hoppingRange !== undefined) checkRange("hoppingRange", spec.hoppingRange, false);
    for (const field of ["intracell", "intercell"] as const) {
      if (spec[field] !== undefined) {
        throw new RangeError(`${field} is for the plain model; the extended model draws every t_m`);
      }
    }
    if (typeof spec.minGap !== "number" || !(spec.minGap > 0 && spec.minGap < 1)) {
      throw new RangeError(
        `minGap must be in (0, 1) for the extended model: received ${spec.minGap}`,
      );
    }
  }
  const disorder = spec.disorder ?? {};
  if (typeof disorder !== "object" || disorder === null) {
    throw new TypeError(`disorder must be an object: received ${disorder}`);
  }
  for (const key of Object.keys(disorder)) {
    if (!["intracell", "intercell", "intercellRatio", "onsite"].includes(key)) {
      throw new RangeError(
        `Unknown disorder field "${key}": expected intracell, intercell, intercellRatio, onsite`,
      );
    }
  }
  for (const field of ["intracell", "intercell", "onsite"] as const) {
    if (disorder[field] !== undefined) checkRange(`disorder.${field}`, disorder[field], true);
  }
  if (disorder.intercellRatio !== undefined) {
    if (disorder.intercell !== undefined) {
      throw new RangeError("Give disorder.intercell or disorder.intercellRatio, not both");
    }
    if (!Number.isFinite(disorder.intercellRatio) || disorder.intercellRatio < 0) {
      throw new RangeError(
        `disorder.intercellRatio must be a finite number ≥ 0: received ${disorder.intercellRatio}`,
      );
    }
  }
  if (spec.edges !== undefined) {
    const edges = spec.edges;
    if (typeof edges !== "object" || edges === null) {
      throw new TypeError(`edges must be { cells, hoppings }: received ${edges}`);
    }
    const range = spec.model === "plain" ? 1 : 2;
    const most = Math.floor(spec.labels.trim * spec.cells) - range;
    if (!Number.isSafeInteger(edges.cells) || edges.cells < 1 || edges.cells > most) {
      throw new RangeError(
        `edges.cells must be an integer in [1, ${most}] (outside the RSWN centre): received ${edges.cells}`,
      );
    }
    checkRange("edges.hoppings", edges.hoppings, false);
  }
  const splits = spec.splits;
  if (typeof splits !== "object" || splits === null) {
    throw new TypeError(`splits must be { train, validation, test }: received ${splits}`);
  }
  for (const split of SPLITS) {
    const count = splits[split];
    if (!Number.isSafeInteger(count) || count < 0 || count > 10_000_000) {
      throw new RangeError(
        `splits.${split} must be an integer in [0, 10000000]: received ${count}`,
      );
    }
  }
  if (splits.train + splits.validation + splits.test === 0) {
    throw new RangeError("A dataset needs at least one sample: every split is empty");
  }
  if (!Number.isSafeInteger(spec.seed) || spec.seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer: received ${spec.seed}`);
  }
  if (typeof spec.balance !== "boolean") {
    throw new TypeError(`balance must be true or false: received ${spec.balance}`);
  }
  if (spec.stratify !== undefined) {
    if (spec.stratify !== "disorder") {
      throw new RangeError(
        `stratify must be "disorder" or absent: received ${JSON.stringify(spec.stratify)}`,
      );
    }
    if (!spec.balance) throw new RangeError('stratify "disorder" needs balance: true');
  }
  const { trim, ambiguityThreshold } = spec.labels;
  if (!(trim > 0 && trim < 0.5)) {
    throw new RangeError(`labels.trim must be in (0, 0.5): received ${trim}`);
  }
  if (Math.floor(trim * spec.cells) < (spec.model === "extended" ? 2 : 1)) {
    throw new RangeError(
      `cells = ${spec.cells} is too small for labels.trim ${trim}: the centre would touch the edges`,
    );
  }
  if (!(ambiguityThreshold > 0 && ambiguityThreshold <= 0.5)) {
    throw new RangeError(
      `labels.ambiguityThreshold must be in (0, 0.5]: received ${ambiguityThreshold}`,
    );
  }
  if (!Array.isArray(spec.representations) || spec.representations.length === 0) {
    throw new RangeError(
      `representations must be a non-empty list of ${REPRESENTATIONS.join(", ")}: received ${
        JSON.stringify(spec.representations)
      }`,
    );
  }
  for (const representation of spec.representations) {
    if (!REPRESENTATIONS.includes(representation)) {
      throw new RangeError(
        `Unknown representation ${JSON.stringify(representation)}: expected one of ${
          REPRESENTATIONS.join(", ")
        }`,
      );
    }
  }
  return spec;
}

function checkRange(field: string, value: Range | undefined, nonNegative: boolean): void {
  const bound = nonNegative ? "finite numbers ≥ 0" : "finite numbers";
  const ok = (x: unknown) =>
    typeof x === "number" && Number.isFinite(x) && (!nonNegative || x >= 0);
  if (typeof value === "number" || value === undefined) {
    if (!ok(value)) {
      throw new RangeError(
        `${field} must be a number or { min, max } of ${bound}: received ${value}`,
      );
    }
    return;
  }
  if (typeof value !== "object" || value === null || !ok(value.min) || !ok(value.max)) {
    throw new RangeError(
      `${field} must be a number or { min, max } of ${bound}: received ${JSON.stringify(value)}`,
    );
  }
  if (value.min > value.max) {
    throw new RangeError(`${field} is an empty range: min ${value.min} > max ${value.max}`);
  }
}
