import { Rng } from "../rng.ts";

/**
 * Hopping amplitudes by range `m`: `t_m` connects `B_n` to `A_{n+m}`. A number is the same on
 * every bond; an array gives one value per bond, `cells − |m|` long, counted from the left end
 * (bond `b` joins the cells `b` and `b + |m|`). `{ 0: v, 1: w }` is the plain SSH chain.
 */
export type Hoppings = Readonly<Record<number, number | readonly number[]>>;

/** Strengths `W` of uniform disorder, each draw `W·ω` with `ω` uniform on [−1/2, 1/2). */
export interface SshDisorder {
  /** `W1`, added to every intracell hopping `t_0` (chiral). */
  readonly intracell?: number;
  /** `W2`, added to every intercell hopping `t_m`, `m ≠ 0` (chiral). */
  readonly intercell?: number;
  /** On-site energy `ε_n` on both sites of cell n; breaks chiral symmetry. */
  readonly onsite?: number;
}

/** Options of {@linkcode sshChain}. */
export interface SshChainOptions {
  /** Number of unit cells `N` (two sites each). */
  readonly cells: number;
  /** Hopping amplitudes by range. */
  readonly hoppings: Hoppings;
  /** Disorder strengths; all zero when absent. */
  readonly disorder?: SshDisorder;
  /** Seed of the disorder draws; required when any disorder strength is positive. */
  readonly seed?: number;
}

/** An open SSH-family chain with its (possibly disordered) bond and on-site values. */
export interface SshChain {
  /** Number of unit cells `N`. */
  readonly cells: number;
  /** The hopping ranges present, ascending. */
  readonly ranges: readonly number[];
  /** Per-bond hoppings `t_m` after disorder, `cells − |m|` values, from the left end. */
  readonly hoppings: ReadonlyMap<number, Float64Array>;
  /** Per-cell on-site energies after disorder, or `null` when there are none. */
  readonly onsite: Float64Array | null;
  /** Whether chiral (sublattice) symmetry holds: no on-site terms. */
  readonly isChiral: boolean;
  /** Whether this is a plain chain (ranges within {0, 1}), whose chiral block is bidiagonal. */
  readonly isPlain: boolean;
  /** The `2N × 2N` Hamiltonian, row-major, sites ordered `A1 B1 A2 B2 …`. */
  denseHamiltonian(): Float64Array;
  /** The chiral block `h = H[A, B]`, row-major `N × N` (row: A cell, column: B cell). */
  chiralBlock(): Float64Array;
}

/**
 * Builds an open SSH-family chain (PHYSICS.md §1–2): any hopping ranges, uniform or per-bond
 * hoppings, chiral disorder on intracell and intercell hoppings and chiral-breaking on-site
 * disorder, drawn from seeded streams (`Rng.stream(seed, "ssh-disorder", kind)`).
 *
 * @example The plain chain in the topological phase
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "./ssh_chain.ts";
 *
 * const chain = sshChain({ cells: 4, hoppings: { 0: 0.5, 1: 1 } });
 * const h = chain.denseHamiltonian();
 * assert.deepEqual(h[0 * 8 + 1], 0.5); // A1–B1, intracell
 * assert.deepEqual(h[1 * 8 + 2], 1); // B1–A2, intercell
 * assert.deepEqual(chain.hoppings.get(1)!.length, 3);
 * ```
 *
 * @example Disorder is reproducible from the seed
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "./ssh_chain.ts";
 *
 * const options = { cells: 50, hoppings: { 0: 1.05, 1: 1 }, disorder: { intracell: 2, intercell: 1 }, seed: 7 };
 * assert.deepEqual(sshChain(options).hoppings.get(0), sshChain(options).hoppings.get(0));
 * ```
 */
export function sshChain(options: SshChainOptions): SshChain {
  const { cells, hoppings, disorder = {}, seed } = options;
  if (!Number.isSafeInteger(cells) || cells < 2) {
    throw new RangeError(`cells must be an integer ≥ 2: received ${cells}`);
  }
  if (hoppings === null || typeof hoppings !== "object" || Array.isArray(hoppings)) {
    throw new TypeError(`hoppings must be an object mapping ranges to amplitudes`);
  }
  const keys = Object.keys(hoppings);
  if (keys.length === 0) throw new RangeError("hoppings must name at least one range");
  const strengths = disorderStrengths(disorder);
  const disordered = strengths.intracell > 0 || strengths.intercell > 0 || strengths.onsite > 0;
  if (disordered && (seed === undefined || !Number.isSafeInteger(seed) || seed < 0)) {
    throw new RangeError(
      `A disordered chain needs a seed, a non-negative safe integer: received ${seed}`,
    );
  }
  const bonds = new Map<number, Float64Array>();
  for (const key of keys) {
    const range = Number(key);
    if (!Number.isSafeInteger(range) || String(range) !== key) {
      throw new RangeError(`Hopping range must be an integer: received key "${key}"`);
    }
    if (Math.abs(range) >= cells) {
      throw new RangeError(
        `Hopping range ${range} needs more than ${
          Math.abs(range)
        } cells: received cells = ${cells}`,
      );
    }
    bonds.set(range, bondValues(range, hoppings[range], cells - Math.abs(range)));
  }
  if (strengths.intracell > 0 && !bonds.has(0)) bonds.set(0, new Float64Array(cells));
  const ranges = [...bonds.keys()].sort((a, b) => a - b);
  const sorted = new Map(ranges.map((range) => [range, bonds.get(range)!]));
  if (disordered) {
    for (const range of ranges) {
      const strength = range === 0 ? strengths.intracell : strengths.intercell;
      if (strength > 0) {
        const rng = Rng.stream(
          seed!,
          "ssh-disorder",
          range === 0 ? "intracell" : `intercell:${range}`,
        );
        const values = sorted.get(range)!;
        for (let b = 0; b < values.length; b++) values[b] += strength * (rng.next() - 0.5);
      }
    }
  }
  let onsite: Float64Array | null = null;
  if (strengths.onsite > 0) {
    const rng = Rng.stream(seed!, "ssh-disorder", "onsite");
    onsite = new Float64Array(cells).map(() => strengths.onsite * (rng.next() - 0.5));
  }
  return makeChain(cells, ranges, sorted, onsite);
}

function disorderStrengths(disorder: SshDisorder): Required<SshDisorder> {
  if (disorder === null || typeof disorder !== "object") {
    throw new TypeError("disorder must be an object { intracell?, intercell?, onsite? }");
  }
  const known = ["intracell", "intercell", "onsite"];
  for (const key of Object.keys(disorder)) {
    if (!known.includes(key)) {
      throw new RangeError(`Unknown disorder kind "${key}": expected one of ${known.join(", ")}`);
    }
  }
  const result = { intracell: 0, intercell: 0, onsite: 0 };
  for (const key of known as (keyof SshDisorder)[]) {
    const value = disorder[key] ?? 0;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `Disorder strength ${key} must be a finite number ≥ 0: received ${value}`,
      );
    }
    result[key] = value;
  }
  return result;
}

function bondValues(
  range: number,
  value: number | readonly number[],
  bondCount: number,
): Float64Array {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Hopping t_${range} must be finite: received ${value}`);
    }
    return new Float64Array(bondCount).fill(value);
  }
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new TypeError(
      `Hopping t_${range} must be a number or an array of numbers: received ${typeof value}`,
    );
  }
  const values = value as ArrayLike<number>;
  if (values.length !== bondCount) {
    throw new RangeError(
      `Hopping t_${range} needs one value per bond, cells − |${range}| = ${bondCount}: received ${values.length}`,
    );
  }
  const bonds = new Float64Array(bondCount);
  for (let b = 0; b < bondCount; b++) {
    if (typeof values[b] !== "number" || !Number.isFinite(values[b])) {
      throw new RangeError(`Hopping t_${range} on bond ${b} must be finite: received ${values[b]}`);
    }
    bonds[b] = values[b];
  }
  return bonds;
}

function makeChain(
  cells: number,
  ranges: number[],
  hoppings: Map<number, Float64Array>,
  onsite: Float64Array | null,
): SshChain {
  const chiralBlock = (): Float64Array => {
    const block = new Float64Array(cells * cells);
    for (const [range, values] of hoppings) {
      const first = Math.max(0, -range); // the B cell of bond 0
      for (let b = 0; b < values.length; b++) {
        const bCell = b + first;
        block[(bCell + range) * cells + bCell] += values[b];
      }
    }
    return block;
  };
  return {
    cells,
    ranges,
    hoppings,
    onsite,
    isChiral: onsite === null,
    isPlain: ranges.every((range) => range === 0 || range === 1),
    chiralBlock,
    denseHamiltonian(): Float64Array {
      const size = 2 * cells;
      const matrix = new Float64Array(size * size);
      const block = chiralBlock();
      for (let a = 0; a < cells; a++) {
        for (let b = 0; b < cells; b++) {
          const t = block[a * cells + b];
          if (t !== 0) {
            matrix[2 * a * size + 2 * b + 1] = t;
            matrix[(2 * b + 1) * size + 2 * a] = t;
          }
        }
      }
      if (onsite !== null) {
        for (let n = 0; n < cells; n++) {
          matrix[2 * n * size + 2 * n] = onsite[n];
          matrix[(2 * n + 1) * size + 2 * n + 1] = onsite[n];
        }
      }
      return matrix;
    },
  };
}
