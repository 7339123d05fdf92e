import { type ChiralSpectrum, type SymmetricEigen, symmetricEigen } from "../linalg/mod.ts";
import type { SshChain } from "../lattice/mod.ts";
import { chainSpectrum } from "./chain_spectrum.ts";

/**
 * A chain's flat-band block as factors, `Q_AB = Σ_{k < count} left_k right_kᵀ`, with the
 * spectrum behind it. Chiral chains: `left_k = u_k`, `right_k = v_k` (the singular triplets of
 * the chiral block, `count = cells`). Chains with on-site terms: `Q = 1 − 2P` from the dense
 * spectrum, `left_k = sign(E_k)·ψ_k[A]`, `right_k = ψ_k[B]` (`count = 2·cells`).
 */
export interface ChainFactors {
  /** Unit cells. */
  readonly cells: number;
  /** Number of factor rows. */
  readonly count: number;
  /** Row-major `count × cells`. */
  readonly left: Float64Array;
  /** Row-major `count × cells`. */
  readonly right: Float64Array;
  /** |E| ascending: one per chiral pair (chiral chains) or one per state. */
  readonly energies: Float64Array;
  /** States per entry of `energies`: 1 (chiral pairs counted once) or 2 per edge mode pair. */
  readonly statesPerEdgeMode: 1 | 2;
  /** `"bidiagonal"`, `"dense-chiral"` or `"dense"`. */
  readonly method: "bidiagonal" | "dense-chiral" | "dense";
  /** The singular triplets (chiral chains). */
  readonly spectrum?: ChiralSpectrum;
  /** The dense eigensolution of the Hamiltonian (chains with on-site terms). */
  readonly eigen?: SymmetricEigen;
}

/**
 * The factors of a chain's `Q_AB` and its spectrum, by the fastest exact route: O(N²)
 * bidiagonal for plain chiral chains, dense chiral for extended ones, dense `Q = 1 − 2P` with
 * on-site terms.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { chainFactors } from "./chain_factors.ts";
 *
 * const factors = chainFactors(sshChain({ cells: 20, hoppings: { 0: 1, 1: 0.5 } }));
 * assert.equal(factors.method, "bidiagonal");
 * assert.equal(factors.count, 20);
 * ```
 */
export function chainFactors(chain: SshChain): ChainFactors {
  const cells = chain.cells;
  if (chain.isChiral) {
    const spectrum = chainSpectrum(chain);
    return {
      cells,
      count: cells,
      left: spectrum.left,
      right: spectrum.right,
      energies: spectrum.singularValues,
      statesPerEdgeMode: 1,
      method: chain.isPlain ? "bidiagonal" : "dense-chiral",
      spectrum,
    };
  }
  const size = 2 * cells;
  const eigen = symmetricEigen(chain.denseHamiltonian(), size);
  const left = new Float64Array(size * cells);
  const right = new Float64Array(size * cells);
  for (let k = 0; k < size; k++) {
    const sign = eigen.values[k] < 0 ? -1 : 1;
    for (let n = 0; n < cells; n++) {
      left[k * cells + n] = sign * eigen.vectors[k * size + 2 * n];
      right[k * cells + n] = eigen.vectors[k * size + 2 * n + 1];
    }
  }
  return {
    cells,
    count: size,
    left,
    right,
    energies: eigen.values.map(Math.abs).sort(),
    statesPerEdgeMode: 2,
    method: "dense",
    eigen,
  };
}
