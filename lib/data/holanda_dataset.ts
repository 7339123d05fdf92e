import { blochGap, discreteMomentumWinding, momentumSpaceWinding } from "../invariants/mod.ts";
import { symmetricEigen } from "../linalg/mod.ts";
import { fixSign } from "./amplitude_gauge.ts";
import { bandOf } from "./representations.ts";
import { EXTENDED_RANGES, type Representation } from "./spec.ts";

/** The two models of Holanda & Griffith: SSH1 (nearest neighbours), SSH2 (plus second). */
export type HolandaModel = "ssh1" | "ssh2";

/** A Holanda & Griffith dataset: a grid of clean periodic chains over (t1, t2) ∈ [−2, 2]². */
export interface HolandaSpec {
  readonly name: string;
  readonly model: HolandaModel;
  /** Unit cells (theirs: 50). */
  readonly cells: number;
  /** Grid points per axis (theirs: 81, so 6,561 Hamiltonians). */
  readonly grid: number;
  /** Tolerance of the numerical winding for the train + validation pool (theirs: 0.01). */
  readonly epsilon: number;
  /** The windings of the model. */
  readonly windings: readonly number[];
}

/** One grid Hamiltonian. */
export interface HolandaHamiltonian {
  readonly t1: number;
  readonly t2: number;
  /** The hoppings by range `m` (`t_m` from B_n to A_{n+m}). */
  readonly hoppings: Readonly<Record<number, number>>;
  /** The winding as computed on the chain's own momenta (not quantized near transitions). */
  readonly numericalWinding: number;
  /** The momentum-space winding (the label), or null where the gap closes. */
  readonly phase: number | null;
  /** `pool` (train + validation candidates) or `test` (near a transition). */
  readonly role: "pool" | "test";
}

/**
 * The hoppings of a grid point: SSH1 `h(k) = t1 + t2·e^{ik}` (ranges 0, 1); SSH2 with the
 * first-neighbour hoppings fixed at 1 and the second-neighbour ones varied,
 * `h(k) = 1 + e^{ik} + t1·e^{−ik} + t2·e^{2ik}` (ranges 0, 1, −1, 2), windings −1 … 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { holandaHoppings } from "./holanda_dataset.ts";
 *
 * assert.deepEqual(holandaHoppings("ssh1", 0.5, 1), { 0: 0.5, 1: 1 });
 * assert.deepEqual(holandaHoppings("ssh2", 0, 2), { 0: 1, 1: 1, [-1]: 0, 2: 2 });
 * ```
 */
export function holandaHoppings(
  model: HolandaModel,
  t1: number,
  t2: number,
): Record<number, number> {
  if (model === "ssh1") return { 0: t1, 1: t2 };
  if (model === "ssh2") return { 0: 1, 1: 1, [-1]: t1, 2: t2 };
  throw new RangeError(`Unknown model "${model}": expected ssh1 or ssh2`);
}

/**
 * The grid of a spec, row-major (t2 outer, t1 inner), each Hamiltonian with its numerical and
 * exact winding and its role: `pool` where the numerical winding lies within ε of an allowed
 * integer, else `test` (their `make_train_test`). Gapless points (phase null) are test points
 * that no classifier can get right; the studies leave them out and say so.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HOLANDA_SPECS, holandaGrid } from "./holanda_dataset.ts";
 *
 * const grid = holandaGrid({ ...HOLANDA_SPECS[0], grid: 9 });
 * assert.equal(grid.length, 81);
 * assert(grid.some((h) => h.role === "test") && grid.some((h) => h.role === "pool"));
 * ```
 */
export function holandaGrid(spec: HolandaSpec): HolandaHamiltonian[] {
  if (!Number.isSafeInteger(spec.grid) || spec.grid < 2) {
    throw new RangeError(`grid must be an integer ≥ 2: received ${spec.grid}`);
  }
  const values = Array.from({ length: spec.grid }, (_, i) => -2 + (4 * i) / (spec.grid - 1));
  const out: HolandaHamiltonian[] = [];
  for (const t2 of values) {
    for (const t1 of values) {
      const hoppings = holandaHoppings(spec.model, t1, t2);
      const scale = Object.values(hoppings).reduce((s, t) => s + Math.abs(t), 0);
      const phase = scale === 0 || blochGap(hoppings) < 1e-9 * scale
        ? null
        : momentumSpaceWinding(hoppings);
      const numericalWinding = discreteMomentumWinding(hoppings, spec.cells);
      const rounded = Math.round(numericalWinding);
      const pool = Number.isFinite(numericalWinding) && phase !== null &&
        Math.abs(numericalWinding - rounded) < spec.epsilon && spec.windings.includes(rounded);
      out.push({ t1, t2, hoppings, numericalWinding, phase, role: pool ? "pool" : "test" });
    }
  }
  return out;
}

/**
 * The `2·cells` real-space eigenvectors of the periodic chain (rows, ascending energy, each of
 * `2·cells` entries over `A1 B1 A2 …`, largest entry positive): the samples of Holanda &
 * Griffith, each labelled with its Hamiltonian's winding.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { periodicEigenvectors } from "./holanda_dataset.ts";
 *
 * const vectors = periodicEigenvectors({ 0: 0.5, 1: 1 }, 4);
 * assert.equal(vectors.length, 8 * 8);
 * const norm = vectors.subarray(0, 8).reduce((s, x) => s + x * x, 0);
 * assert(Math.abs(norm - 1) < 1e-12);
 * ```
 */
export function periodicEigenvectors(
  hoppings: Readonly<Record<number, number>>,
  cells: number,
  gauge: EigenvectorGauge = "solver",
): Float64Array {
  return periodicSpectrum(hoppings, cells, gauge).vectors;
}

// The ring's energies (ascending) and eigenvectors (rows), pairs in the gauge asked for.
function periodicSpectrum(
  hoppings: Readonly<Record<number, number>>,
  cells: number,
  gauge: EigenvectorGauge,
): { values: Float64Array; vectors: Float64Array } {
  if (gauge !== "solver" && gauge !== "pinned") {
    throw new RangeError(`gauge must be solver or pinned: received ${gauge}`);
  }
  const sites = 2 * cells;
  const h = new Float64Array(sites * sites);
  for (const [key, t] of Object.entries(hoppings)) {
    const m = Number(key);
    if (Math.abs(m) >= cells) throw new RangeError(`range ${m} needs more than ${cells} cells`);
    for (let b = 0; b < cells; b++) {
      const a = (((b + m) % cells) + cells) % cells;
      const [row, column] = [2 * a, 2 * b + 1];
      h[row * sites + column] += t;
      h[column * sites + row] += t;
    }
  }
  const { values, vectors } = symmetricEigen(h, sites);
  if (gauge === "pinned") pinPairs(values, vectors, sites);
  return { values, vectors };
}

/**
 * A whole periodic chain in a suite representation, for the architectures that read a chain
 * rather than one eigenvector: `amplitudes` `[cells, 2·cells]` (the positive-energy ring states
 * in ascending energy, degenerate pairs pinned as in the `pinned` gauge, then each state's sign
 * by its site moment, the suite's `site-moment/1` convention), `projector` `[cells, cells]`
 * (`Q_AB[j, i] = Σ_k sign(E_k) ψ_k(A_j) ψ_k(B_i)`, gauge invariant: the ring's `sign(H)` block),
 * `band` (its squares at the band offsets, cut at the ends of the cell index as on an open chain:
 * the offsets that wrap around the ring are 0 in the first and last rows) and `hamiltonian` `[cells, ranges]` (the ring's
 * hoppings, every bond present: SSH1 ranges 0, 1; SSH2 −1 … 2, as the plain and extended
 * datasets order them). Throws `RangeError` on a gapless ring (a zero mode has no sign).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ringRepresentation } from "./holanda_dataset.ts";
 *
 * // fully dimerized across cells: A_{i+1} pairs with B_i, around the seam too
 * const q = ringRepresentation("ssh1", { 0: 0, 1: 1 }, 4, "projector");
 * assert.deepEqual([...q].map((x) => Math.round(x)), [0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
 * assert.deepEqual([...ringRepresentation("ssh1", { 0: 0.5, 1: 1 }, 3, "hamiltonian")], [0.5, 1, 0.5, 1, 0.5, 1]);
 * ```
 */
export function ringRepresentation(
  model: HolandaModel,
  hoppings: Readonly<Record<number, number>>,
  cells: number,
  representation: Representation,
): Float32Array {
  if (model !== "ssh1" && model !== "ssh2") {
    throw new RangeError(`model must be ssh1 or ssh2: received ${JSON.stringify(model)}`);
  }
  if (!["amplitudes", "projector", "band", "hamiltonian"].includes(representation)) {
    throw new RangeError(
      `representation must be amplitudes, projector, band or hamiltonian: received ${
        JSON.stringify(representation)
      }`,
    );
  }
  const ranges = model === "ssh1" ? [0, 1] : EXTENDED_RANGES;
  if (representation === "hamiltonian") {
    const out = new Float32Array(cells * ranges.length);
    for (let n = 0; n < cells; n++) {
      ranges.forEach((m, c) => (out[n * ranges.length + c] = hoppings[m] ?? 0));
    }
    return out;
  }
  const sites = 2 * cells;
  const { values, vectors } = periodicSpectrum(hoppings, cells, "pinned");
  const scale = Math.max(1, ...values.map(Math.abs));
  if (values.some((e) => Math.abs(e) < 1e-9 * scale)) {
    throw new RangeError(
      `A gapless ring (a zero mode at hoppings ${
        JSON.stringify(hoppings)
      }) has no ${representation}`,
    );
  }
  if (representation === "amplitudes") {
    const states = Float64Array.from(vectors.subarray(cells * sites));
    for (let k = 0; k < cells; k++) fixSign(states, 1, k * sites, sites);
    return Float32Array.from(states);
  }
  const q = new Float64Array(cells * cells);
  for (let k = 0; k < sites; k++) {
    const sign = values[k] < 0 ? -1 : 1;
    const row = k * sites;
    for (let j = 0; j < cells; j++) {
      const a = sign * vectors[row + 2 * j];
      for (let i = 0; i < cells; i++) q[j * cells + i] += a * vectors[row + 2 * i + 1];
    }
  }
  const stored = Float32Array.from(q);
  return representation === "projector" ? stored : bandOf(stored, cells);
}

/**
 * The basis of each degenerate pair (the ±k plane waves of a ring) rotated so that the first
 * vector carries the pair's whole weight on site A1 (non-negative) and the second none there.
 */
function pinPairs(values: Float64Array, vectors: Float64Array, sites: number): void {
  for (let k = 0; k + 1 < sites; k++) {
    if (Math.abs(values[k + 1] - values[k]) > 1e-9 * Math.max(1, Math.abs(values[k]))) continue;
    const [u, w] = [k * sites, (k + 1) * sites];
    const [a, b] = [vectors[u], vectors[w]];
    const r = Math.hypot(a, b);
    if (r > 1e-12) {
      for (let s = 0; s < sites; s++) {
        const [x, y] = [vectors[u + s], vectors[w + s]];
        vectors[u + s] = (a * x + b * y) / r;
        vectors[w + s] = (-b * x + a * y) / r;
      }
    }
    k++; // the pair is done
  }
}

/**
 * How the basis of a degenerate pair of ring eigenvectors is chosen: `solver` (whatever the
 * eigensolver returns, as numpy's `eigh` does in theirs) or `pinned` (rotated so the first
 * vector of the pair peaks on site A1, the second vanishes there): a measured ablation.
 */
export type EigenvectorGauge = "solver" | "pinned";

/**
 * The Holanda & Griffith datasets (PRB 102, 054107, 2020; arXiv:1901.01963; code
 * `linneuholanda/ml_topological_phases_in_real_space`): SSH1 and SSH2 at their grid, and the
 * smaller grids of the tiny and quick profiles. See {@linkcode HOLANDA_CARD}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HOLANDA_SPECS } from "./holanda_dataset.ts";
 *
 * assert.equal(HOLANDA_SPECS.find((s) => s.name === "holanda-ssh1-50")!.grid ** 2, 6561);
 * ```
 */
export const HOLANDA_SPECS: readonly HolandaSpec[] = [
  ...(["ssh1", "ssh2"] as const).flatMap((model) =>
    [[25, "-25"], [41, "-41"], [81, ""]].map(([grid, suffix]) => ({
      name: `holanda-${model}-50${suffix}`,
      model,
      cells: 50,
      grid: grid as number,
      epsilon: 0.01,
      windings: model === "ssh1" ? [0, 1] : [-1, 0, 1, 2],
    }))
  ),
];

/** The data card of the Holanda & Griffith datasets: source and every deviation, in Markdown. */
export const HOLANDA_CARD = `# Holanda & Griffith protocol (holanda-ssh1-50, holanda-ssh2-50)

Source: L. Holanda & M. Griffith, "Machine learning topological phases in real space",
PRB 102, 054107 (2020), arXiv:1901.01963; code linneuholanda/ml_topological_phases_in_real_space
(00_preprocessing/preprocessing.py, 01_simulation/simulation.py, the run notebooks and
11_prb_resubmission_02/article.tex), read for the protocol, no code copied.

What is theirs: clean chains of 50 cells with periodic boundaries; 6,561 Hamiltonians on the
81 × 81 grid over (t1, t2) ∈ [−2, 2]²; SSH1 h(k) = t1 + t2 e^{ik} (windings 0, 1), SSH2 with
first-neighbour hoppings 1 and second-neighbour hoppings t1, t2 (windings −1 … 2); each of the
100 real-space eigenvectors is a sample labelled with its Hamiltonian's winding; training and
validation Hamiltonians are those whose numerically computed winding lies within ε = 0.01 of
an allowed integer, the others (near the transitions) are the test set; a Hamiltonian's phase
is the majority vote of its eigenvectors (ties at random); SSH1: decision tree (entropy),
10% of the pool for training (val_split 0.9); SSH2: random forest of 25 trees (entropy),
half of the pool (val_split 0.5); 100 repetitions.

Deviations:
- The numerical winding: theirs is not in the repository; ours is the winding integral as a
  Riemann sum over the chain's own 50 momenta (discreteMomentumWinding). The test-set size it
  gives is measured and reported beside theirs (1,005 SSH1, 1,040 SSH2).
- SSH2's assignment of t1, t2 to the ranges −1 and 2 is our reading of "T1 → t1, T2 → t2".
- Gapless grid points (phase undefined) are left out of the test set.
- Training is subsampled (JavaScript trees, ml-cart / ml-random-forest, are far slower than
  scikit-learn): per repetition a number of training Hamiltonians and eigenvectors per
  Hamiltonian set by the profile (standard: 120 × 10), fewer repetitions (the profile's
  seeds), and at most 400 test Hamiltonians per repetition in standard (a seeded subset; full
  scores them all), every eigenvector of each.
- ml-cart splits on the Gini index (no entropy criterion), grown to pure leaves as
  scikit-learn does (gainThreshold 0, minNumSamples 1; ml-cart's defaults stop the tree at the
  root on these data); ml-random-forest draws a feature subset per tree (maxFeatures 0.3), not
  per split as scikit-learn does.
- The tiny and quick profiles use the 25 × 25 grid.
- Not a catalog DatasetSpec: the catalog's spec has no periodic boundaries and no
  per-eigenvector samples; the data are generated in memory from this spec (deterministic).
- The test set's size: their numerical winding puts 1,005 (SSH1) and 1,040 (SSH2) grid points
  outside the ε band; ours, more accurate, puts 585 and 1,847 there (161 and 181 of them
  gapless). Forward differences, central differences with the trapezoid rule, and 50 or 100
  momenta were tried as their method: none gives both of their sizes. The published cells
  (literature-holanda) score our band; the study literature-holanda-own-input also scores the
  same number as theirs of the grid points farthest from an integer winding (theirSizeSplit).
- The basis of a ring's degenerate ±k pairs: their Sec. V reads every eigenvector as even or odd
  about site 0 (their DCT and DST features), which holds in a pinned basis (the first vector of
  a pair peaks on A1, the second vanishes there), not in an arbitrary solver basis. The
  published cells use the solver's (as numpy's eigh gives) and one pinned run; the own-input
  study's trees use the pinned basis.
- The own-input study's suite architectures read whole rings, one sample per Hamiltonian, in
  their own representation (ringRepresentation), trained on their number of training
  Hamiltonians (556, 2,761) and scored at the Hamiltonian level: the protocol's eigenvector
  level needs a model of one eigenvector.
`;
