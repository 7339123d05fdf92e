import { type ChainFactors, chainFactors } from "../invariants/mod.ts";
import type { SshChain } from "../lattice/mod.ts";
import { fixSign, gaugedChiralStates } from "./amplitude_gauge.ts";
import { BAND_OFFSETS, type Representation } from "./spec.ts";

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
 * The `band` representation: `[cells, offsets]` float32, row `i` (the B cell) holding
 * `Q_AB[i + d, i]²` for each `d` of {@linkcode BAND_OFFSETS} (0 where `i + d` is off the chain).
 * Gauge invariant, like `projector`, and local: the plain chain's winding is read from `d = 0`
 * against `d = 1`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainFactors } from "../invariants/mod.ts";
 * import { sshChain } from "../lattice/mod.ts";
 * import { bandOf, projectorOf } from "./representations.ts";
 * import { BAND_OFFSETS } from "./spec.ts";
 *
 * const band = bandOf(projectorOf(chainFactors(sshChain({ cells: 6, hoppings: { 0: 0, 1: 1 } }))), 6);
 * assert.equal(band.length, 6 * BAND_OFFSETS.length);
 * assert(Math.abs(band[0 * 9 + 5] - 1) < 1e-6); // Q[1, 0]² = 1: A_2 pairs with B_1
 * ```
 */
export function bandOf(projector: ArrayLike<number>, cells: number): Float32Array {
  if (projector.length !== cells * cells) {
    throw new RangeError(
      `A projector at ${cells} cells has ${cells * cells} entries: received ${projector.length}`,
    );
  }
  const offsets = BAND_OFFSETS.length;
  const out = new Float32Array(cells * offsets);
  for (let i = 0; i < cells; i++) {
    for (let k = 0; k < offsets; k++) {
      const j = i + BAND_OFFSETS[k];
      if (j < 0 || j >= cells) continue;
      const q = projector[j * cells + i];
      out[i * offsets + k] = q * q;
    }
  }
  return out;
}

/**
 * The `amplitudes` representation: the `cells` positive-energy eigenstates (rows, ascending
 * energy) over the sites `A1 B1 A2 B2 …`, float32, `[cells, 2·cells]`, in the gauge
 * `site-moment/1` (`AMPLITUDE_GAUGE`): each state's first site moment
 * `Σ_s (s + 1)·ψ_s` is positive, and the near-zero edge-mode block of a chiral chain is rotated
 * into its sublattice-polarized basis first (see {@linkcode gaugedChiralStates}). Chiral chains:
 * state k is `(u_k, v_k)/√2`; with on-site terms, the upper half of the dense spectrum.
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
  if (factors.spectrum) {
    const { singularValues, left, right } = factors.spectrum;
    return Float32Array.from(gaugedChiralStates(singularValues, left, right, cells));
  }
  const states = Float64Array.from(
    factors.eigen!.vectors.subarray(cells * sites, 2 * cells * sites),
  );
  for (let k = 0; k < cells; k++) fixSign(states, 1, k * sites, sites);
  return Float32Array.from(states);
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

/**
 * One chain in one representation, as the datasets store it: `amplitudes` `[cells, 2·cells]`,
 * `projector` `[cells, cells]` (float32 of the float64 Q), `band` `[cells, offsets]` (from that
 * float32 Q) and `hamiltonian` `[cells, ranges.length]` (the hoppings, plus the on-site channel
 * where the chain has on-site energies). For chains built outside a dataset (the literature
 * protocols), so that every architecture reads them as it reads the suite's datasets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { chainRepresentation } from "./representations.ts";
 *
 * const chain = sshChain({ cells: 6, hoppings: { 0: [0.5, 0.4, 0.6, 0.5, 0.5, 0.5], 1: 1 } });
 * assert.equal(chainRepresentation(chain, "amplitudes", [0, 1]).length, 6 * 12);
 * assert.deepEqual([...chainRepresentation(chain, "hamiltonian", [0, 1]).subarray(0, 4)], [
 *   0.5, 1, 0.4000000059604645, 1,
 * ]);
 * assert.throws(() => chainRepresentation(chain, "image" as never, [0, 1]), /received "image"/);
 * ```
 */
export function chainRepresentation(
  chain: SshChain,
  representation: Representation,
  ranges: readonly number[],
): Float32Array {
  switch (representation) {
    case "amplitudes":
      return amplitudesOf(chainFactors(chain));
    case "projector":
      return Float32Array.from(projectorOf(chainFactors(chain)));
    case "band":
      return bandOf(Float32Array.from(projectorOf(chainFactors(chain))), chain.cells);
    case "hamiltonian":
      return hamiltonianOf(chain, ranges, chain.onsite !== null);
    default:
      throw new RangeError(
        `representation must be amplitudes, projector, band or hamiltonian: received ${
          JSON.stringify(representation)
        }`,
      );
  }
}
