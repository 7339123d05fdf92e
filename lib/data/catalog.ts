import { datasetSpec } from "./dataset_spec.ts";
import type { DatasetSpec } from "./spec.ts";

const PLAIN = { model: "plain", intracell: { min: 0, max: 2 }, intercell: 1 } as const;
const STANDARD_DISORDER = { intracell: { min: 0, max: 8 }, intercellRatio: 0.5 } as const;

/**
 * The intracell hoppings `v` of the phase-diagram grid's columns (the centres of ten equal bins
 * of `[0, 2]`); each column is one dataset, `phaseGridName(v)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PHASE_GRID_INTRACELL } from "./catalog.ts";
 *
 * assert.equal(PHASE_GRID_INTRACELL.length, 10);
 * assert.equal(PHASE_GRID_INTRACELL[0], 0.1);
 * ```
 */
export const PHASE_GRID_INTRACELL: readonly number[] = Array.from(
  { length: 10 },
  (_, k) => Math.round((0.1 + 0.2 * k) * 10) / 10,
);

/**
 * Test samples per column of the phase-diagram grid: W1 ~ U[0, 8] falls in eight rows of width
 * 1, so about 400 samples per grid cell: a 95% Wilson half-width of about ±0.05 per cell at
 * the worst case p = 1/2 (385 samples give ±0.05; each cell's own interval is in the records).
 */
export const PHASE_GRID_SAMPLES = 3200;

/**
 * The catalog name of the phase-diagram grid's column at intracell `v` (`v` in hundredths).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { phaseGridName } from "./catalog.ts";
 *
 * assert.equal(phaseGridName(0.3), "phase-grid-32-v030");
 * ```
 */
export function phaseGridName(v: number): string {
  return `phase-grid-32-v${String(Math.round(v * 100)).padStart(3, "0")}`;
}

/**
 * The standard catalog of suite v1: the datasets every study draws from, by name. Sizes keep the
 * quick profile within minutes on 2 cores; seeds are fixed, so a name and a suite version
 * always mean the same bytes.
 *
 * - `plain-clean-N` (N = 16, 32, 64, 128): clean plain chains, `v ~ U[0, 2]`, `w = 1`,
 *   balanced windings 0 and 1 (32 cells: the training set; other sizes: size transfer).
 * - `plain-disorder-32`: plain chains with chiral disorder `W1 ~ U[0, 8]`, `W2 = W1/2`,
 *   `v ~ U[0, 2]`: covers the topological Anderson region; labels from the invariant.
 * - `extended-clean-32`: ranges −1..2, `t_m ~ U[−1, 1]`, gap ≥ 0.3, windings −1, 0, 1, 2
 *   balanced.
 * - `plain-onsite-32`: the chiral-breaking stress set, on-site disorder `W ~ U[0, 3]` on top of
 *   weak chiral disorder.
 * - `plain-wide-32`: clean plain chains with `v, w ~ U[−2, 2]` independently (both signs, both
 *   scales): no single hopping or edge amplitude threshold separates the classes.
 * - `plain-disorder-balanced-32`: `v ~ U[0, 2]`, `w = 1`, `W1 ~ U[0, 3.5]`, `W2 = W1/2`,
 *   stratified (`stratify: "disorder"`): each class has the same disorder strengths, so the
 *   disorder strength predicts nothing (the range keeps both classes reachable at every W1).
 * - `plain-edges-32`: `v, w ~ U[−2, 2]` in the bulk, every bond touching the first or last 6
 *   cells redrawn from `U[−2, 2]` (outside the RSWN centre): the edge amplitudes carry no
 *   reliable signal of the bulk winding.
 * - `extended-disorder-32`: the extended model (windings −1, 0, 1, 2) with chiral disorder
 *   `W1 ~ U[0, 1]`, `W2 = W1/2`, stratified and balanced on the disordered chain's winding.
 * - `phase-grid-32-vXXX` (one per `v` of {@linkcode PHASE_GRID_INTRACELL}): the phase-diagram
 *   grid, plain chains at fixed `v`, `w = 1`, `W1 ~ U[0, 8]`, `W2 = W1/2`, not balanced (the
 *   phase at each grid cell is what it is), {@linkcode PHASE_GRID_SAMPLES} test samples each.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec, CATALOG } from "./catalog.ts";
 *
 * assert(CATALOG.length >= 8);
 * assert.equal(catalogSpec("plain-clean-32").cells, 32);
 * assert.throws(() => catalogSpec("nope"), /Unknown dataset "nope"/);
 * ```
 */
export const CATALOG: readonly DatasetSpec[] = [
  ...[16, 32, 64, 128].map((cells) =>
    datasetSpec({
      name: `plain-clean-${cells}`,
      ...PLAIN,
      cells,
      splits: cells === 32
        ? { train: 4000, validation: 1000, test: 1000 }
        : { train: 0, validation: 0, test: 1000 },
      seed: 1000 + cells,
    })
  ),
  datasetSpec({
    name: "plain-disorder-32",
    ...PLAIN,
    cells: 32,
    disorder: STANDARD_DISORDER,
    splits: { train: 4000, validation: 1000, test: 2000 },
    seed: 2032,
  }),
  datasetSpec({
    name: "plain-disorder-64",
    ...PLAIN,
    cells: 64,
    disorder: STANDARD_DISORDER,
    splits: { train: 0, validation: 0, test: 2000 },
    seed: 2064,
  }),
  datasetSpec({
    name: "extended-clean-32",
    model: "extended",
    cells: 32,
    minGap: 0.3,
    splits: { train: 4000, validation: 1000, test: 2000 },
    seed: 3032,
  }),
  datasetSpec({
    name: "plain-onsite-32",
    ...PLAIN,
    cells: 32,
    disorder: { intracell: { min: 0, max: 1 }, intercellRatio: 0.5, onsite: { min: 0, max: 3 } },
    splits: { train: 0, validation: 0, test: 2000 },
    balance: false,
    seed: 4032,
  }),
  datasetSpec({
    name: "plain-wide-32",
    model: "plain",
    cells: 32,
    intracell: { min: -2, max: 2 },
    intercell: { min: -2, max: 2 },
    splits: { train: 4000, validation: 1000, test: 1000 },
    seed: 5032,
  }),
  datasetSpec({
    name: "plain-disorder-balanced-32",
    ...PLAIN,
    cells: 32,
    disorder: { intracell: { min: 0, max: 3.5 }, intercellRatio: 0.5 },
    splits: { train: 4000, validation: 1000, test: 2000 },
    stratify: "disorder",
    seed: 6032,
  }),
  datasetSpec({
    name: "plain-edges-32",
    model: "plain",
    cells: 32,
    intracell: { min: -2, max: 2 },
    intercell: { min: -2, max: 2 },
    edges: { cells: 6, hoppings: { min: -2, max: 2 } },
    splits: { train: 4000, validation: 1000, test: 1000 },
    seed: 8032,
  }),
  datasetSpec({
    name: "extended-disorder-32",
    model: "extended",
    cells: 32,
    minGap: 0.3,
    disorder: { intracell: { min: 0, max: 1 }, intercellRatio: 0.5 },
    splits: { train: 4000, validation: 1000, test: 2000 },
    stratify: "disorder",
    seed: 7032,
  }),
  // Branch h-studies: the phase-diagram grid (suite 0.3.0).
  ...PHASE_GRID_INTRACELL.map((v, column) =>
    datasetSpec({
      name: phaseGridName(v),
      model: "plain",
      cells: 32,
      intracell: v,
      intercell: 1,
      disorder: STANDARD_DISORDER,
      splits: { train: 0, validation: 0, test: PHASE_GRID_SAMPLES },
      balance: false,
      seed: 9032 + column,
    })
  ),
];

/** The catalog spec of a name; a `RangeError` listing the names when there is none. */
export function catalogSpec(name: string): DatasetSpec {
  const spec = CATALOG.find((entry) => entry.name === name);
  if (!spec) {
    throw new RangeError(
      `Unknown dataset "${name}": the catalog has ${CATALOG.map((entry) => entry.name).join(", ")}`,
    );
  }
  return spec;
}
