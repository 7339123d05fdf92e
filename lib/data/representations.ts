import type { ChainFactors } from "../invariants/mod.ts";
import type { SshChain } from "../lattice/mod.ts";

/**
 * The full block `Q_AB = Σ_k left_k right_kᵀ` (float64, row-major `cells × cells`, `Q[j, i]` at
 * `j·cells + i`): gauge invariant, so the same for any basis of degenerate states.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainFactors } from "../invariants/mod.ts";
 * import { sshChain } from "../lattice/mod.ts";
 * import { projectorOf } from "./representations.ts";
 *
 * const q = projectorOf(chainFactors(sshChain({ cells: 6, hoppings: { 0: 0, 1: 1 } })));
 * assert(Math.abs(q[1 * 6 + 0] - 1) < 1e-12); // fully dimerized: A_2 pairs with B_1
 * ```
 */
export function projectorOf(factors: ChainFactors): Float64Array {
  const { cells, count, left, right } = factors;
  const q = new Float64Array(cells * cells);
  for (let k = 0; k < count; k++) {
    const rightRow = right.subarray(k * cells, k * cells + cells);
    for (let j = 0; j < cells; j++) {
      const l = left[k * cells + j];
      if (l === 0) continue;
      const row = j * cells;
      for (let i = 0; i < cells; i++) q[row + i] += l * rightRow[i];
    }
  }
  return q;
}

/**
 * The `amplitudes` representation: the `cells` positive-energy eigenstates (rows, ascending
 * energy) over the sites `A1 B1 A2 B2 …`, float32, `[cells, 2·cells]`. Sign convention: each
 * state's largest-magnitude entry (the first, on ties) is positive. Chiral chains: state k is
 * `(u_k, v_k)/√2`; with on-site terms, the upper half of the dense spectrum.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainFactors } from "../invariants/mod.ts";
 * import { sshChain } from "../lattice/mod.ts";
 * import { amplitudesOf } from "./representations.ts";
 *
 * const amplitudes = amplitudesOf(chainFactors(sshChain({ cells: 4, hoppings: { 0: 1, 1: 0.5 } })));
 * assert.equal(amplitudes.length, 4 * 8);
 * ```
 */
export function amplitudesOf(factors: ChainFactors): Float32Array {
  const cells = factors.cells;
  const sites = 2 * cells;
  const out = new Float32Array(cells * sites);
  const state = new Float64Array(sites);
  for (let k = 0; k < cells; k++) {
    if (factors.spectrum) {
      for (let n = 0; n < cells; n++) {
        state[2 * n] = factors.spectrum.left[k * cells + n] * Math.SQRT1_2;
        state[2 * n + 1] = factors.spectrum.right[k * cells + n] * Math.SQRT1_2;
      }
    } else {
      state.set(factors.eigen!.vectors.subarray((cells + k) * sites, (cells + k + 1) * sites));
    }
    // The convention is applied to the stored float32 values, so that rounding cannot break it.
    const row = out.subarray(k * sites, (k + 1) * sites);
    row.set(state);
    let largest = 0;
    for (let site = 1; site < sites; site++) {
      if (Math.abs(row[site]) > Math.abs(row[largest])) largest = site;
    }
    if (row[largest] < 0) { for (let site = 0; site < sites; site++) row[site] = -row[site]; }
  }
  return out;
}

/**
 * The `hamiltonian` representation: `[cells, channels]` float32, channel c holding `t_m` for
 * `m = ranges[c]` on the bond whose left cell is the row (0 where the bond does not exist), and,
 * with `onsite`, a last channel with the on-site energy of the cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { hamiltonianOf } from "./representations.ts";
 *
 * const h = hamiltonianOf(sshChain({ cells: 3, hoppings: { 0: 0.5, 1: 1 } }), [0, 1], false);
 * assert.deepEqual([...h], [0.5, 1, 0.5, 1, 0.5, 0]);
 * ```
 */
export function hamiltonianOf(
  chain: SshChain,
  ranges: readonly number[],
  onsite: boolean,
): Float32Array {
  const channels = ranges.length + (onsite ? 1 : 0);
  const out = new Float32Array(chain.cells * channels);
  ranges.forEach((range, channel) => {
    const bonds = chain.hoppings.get(range);
    if (!bonds) return;
    for (let b = 0; b < bonds.length; b++) out[b * channels + channel] = bonds[b];
  });
  if (onsite && chain.onsite) {
    for (let n = 0; n < chain.cells; n++) out[n * channels + ranges.length] = chain.onsite[n];
  }
  return out;
}
