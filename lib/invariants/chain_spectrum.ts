import { bidiagonalSpectrum, type ChiralSpectrum, chiralSpectrum } from "../linalg/mod.ts";
import type { SshChain } from "../lattice/mod.ts";

/**
 * The singular triplets of a chiral chain's block `h = H[A, B]` (see
 * {@linkcode ChiralSpectrum}): the positive-energy eigenstates `(u_k, v_k)/√2` at `E = σ_k`.
 * Plain chains (ranges 0 and 1) take the O(N²) bidiagonal path, others the dense one.
 *
 * @example Edge modes of the topological plain chain
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { chainSpectrum } from "./chain_spectrum.ts";
 *
 * const spectrum = chainSpectrum(sshChain({ cells: 40, hoppings: { 0: 0.5, 1: 1 } }));
 * assert(spectrum.singularValues[0] < 1e-10); // the edge-mode pair at E ≈ ±δ
 * assert(spectrum.singularValues[1] > 0.4); // the bulk gap, |w − v| = 0.5 in the clean limit
 * ```
 */
export function chainSpectrum(chain: SshChain): ChiralSpectrum {
  if (!chain.isChiral) {
    throw new RangeError(
      "chainSpectrum needs a chiral chain: this one has on-site terms (onsite disorder)",
    );
  }
  const cells = chain.cells;
  if (chain.isPlain) {
    const intracell = chain.hoppings.get(0) ?? new Float64Array(cells);
    const intercell = chain.hoppings.get(1) ?? new Float64Array(cells - 1);
    return bidiagonalSpectrum(intracell, intercell);
  }
  return chiralSpectrum(chain.chiralBlock(), cells);
}
