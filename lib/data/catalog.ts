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

/** The most draws of one catalog dataset (draw indices 0 … 999). */
export const MAX_DRAWS = 1000;

const DRAW_SUFFIX = /^(.+)-draw([1-9][0-9]*)$/;

/**
 * The catalog spec of a name; a `RangeError` listing the names when there is none. A name
 * `<name>-draw<k>` gives draw `k` of the catalog entry `<name>` ({@linkcode drawSpec}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec, drawSpec } from "./catalog.ts";
 *
 * assert.equal(catalogSpec("plain-clean-32").cells, 32);
 * assert.deepEqual(catalogSpec("plain-clean-32-draw1"), drawSpec("plain-clean-32", 1));
 * assert.throws(() => catalogSpec("nope"), /Unknown dataset "nope"/);
 * ```
 */
export function catalogSpec(name: string): DatasetSpec {
  const suffix = DRAW_SUFFIX.exec(name);
  if (suffix && CATALOG.some((entry) => entry.name === suffix[1])) {
    return drawSpec(suffix[1], Number(suffix[2]));
  }
  const spec = CATALOG.find((entry) => entry.name === name);
  if (!spec) {
    throw new RangeError(
      `Unknown dataset "${name}": the catalog has ${
        CATALOG.map((entry) => entry.name).join(", ")
      } (and their draws <name>-draw<k>)`,
    );
  }
  return spec;
}

/**
 * Draw `draw` of the catalog dataset `name`: draw 0 is the catalog entry itself (its bytes and
 * hash do not move); draw `k ≥ 1` is the same spec under its own name `<name>-draw<k>`
 * ({@linkcode drawName}) with an independent generation seed ({@linkcode drawSeed}), so its own
 * content hash: a study repeats a measurement on fresh samples of the same distribution.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec, drawSpec } from "./catalog.ts";
 *
 * const base = catalogSpec("plain-clean-32");
 * assert.equal(drawSpec("plain-clean-32", 0), base);
 * const second = drawSpec("plain-clean-32", 1);
 * assert.equal(second.name, "plain-clean-32-draw1");
 * assert.notEqual(second.seed, base.seed);
 * assert.deepEqual({ ...second, name: base.name, seed: base.seed }, base);
 * assert.throws(() => drawSpec("plain-clean-32", -1), /draw must be an integer in \[0, 999\]: received -1/);
 * assert.throws(() => drawSpec("plain-clean-32-draw1", 2), /already names a draw/);
 * ```
 */
export function drawSpec(name: string, draw: number): DatasetSpec {
  checkDraw("drawSpec", draw);
  const spec = CATALOG.find((entry) => entry.name === name);
  if (!spec) {
    catalogSpec(name); // a draw name or an unknown one: the catalog's own message
    throw new RangeError(
      `drawSpec: "${name}" already names a draw: pass its catalog name "${
        name.replace(DRAW_SUFFIX, "$1")
      }"`,
    );
  }
  if (draw === 0) return spec;
  return datasetSpec({ ...spec, name: drawName(name, draw), seed: drawSeed(spec.seed, draw) });
}

function checkDraw(where: string, draw: number): void {
  if (!Number.isSafeInteger(draw) || draw < 0 || draw >= MAX_DRAWS) {
    throw new RangeError(
      `${where}: draw must be an integer in [0, ${MAX_DRAWS - 1}]: received ${draw}`,
    );
  }
}

/**
 * The generation seed of draw `draw` of a catalog dataset whose seed is `seed`:
 * `seed + 1,000,000 × draw`. Catalog seeds are below 1,000,000, so no two (dataset, draw)
 * pairs share a seed, and the seeded streams (`Rng.stream(seed, "sample", split, index)`) of
 * different seeds are independent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawSeed } from "./catalog.ts";
 *
 * assert.equal(drawSeed(1032, 0), 1032);
 * assert.equal(drawSeed(1032, 2), 2_001_032);
 * ```
 */
export function drawSeed(seed: number, draw: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 1_000_000) {
    throw new RangeError(
      `drawSeed: a catalog seed must be an integer in [0, 999999]: received ${seed}`,
    );
  }
  if (!Number.isSafeInteger(draw) || draw < 0 || draw >= MAX_DRAWS) {
    throw new RangeError(
      `drawSeed: draw must be an integer in [0, ${MAX_DRAWS - 1}]: received ${draw}`,
    );
  }
  return seed + 1_000_000 * draw;
}

/**
 * The name of draw `draw` of catalog dataset `name`: the name itself for draw 0, else
 * `<name>-draw<k>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawName } from "./catalog.ts";
 *
 * assert.equal(drawName("plain-clean-32", 0), "plain-clean-32");
 * assert.equal(drawName("plain-clean-32", 2), "plain-clean-32-draw2");
 * ```
 */
export function drawName(name: string, draw: number): string {
  if (!Number.isSafeInteger(draw) || draw < 0 || draw >= MAX_DRAWS) {
    throw new RangeError(
      `drawName: draw must be an integer in [0, ${MAX_DRAWS - 1}]: received ${draw}`,
    );
  }
  return draw === 0 ? name : `${name}-draw${draw}`;
}

/**
 * The draw index a dataset name carries: `k` for `<name>-draw<k>`, 0 otherwise (a catalog
 * entry itself, or any other dataset).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetDraw } from "./catalog.ts";
 *
 * assert.equal(datasetDraw("plain-clean-32-draw2"), 2);
 * assert.equal(datasetDraw("plain-clean-32"), 0);
 * ```
 */
export function datasetDraw(name: string): number {
  const suffix = DRAW_SUFFIX.exec(name);
  return suffix ? Number(suffix[2]) : 0;
}

/**
 * The catalog name a dataset name is a draw of: `<name>` for `<name>-draw<k>`, the name itself
 * otherwise (the inverse of {@linkcode drawName}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawBase } from "./catalog.ts";
 *
 * assert.equal(drawBase("plain-clean-32-draw2"), "plain-clean-32");
 * assert.equal(drawBase("plain-clean-32"), "plain-clean-32");
 * ```
 */
export function drawBase(name: string): string {
  return DRAW_SUFFIX.exec(name)?.[1] ?? name;
}
