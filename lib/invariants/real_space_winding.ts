import { hoppingReach, type SshChain } from "../lattice/mod.ts";
import { chainFactors } from "./chain_factors.ts";
import { type CentralCells, centralCells, centralWinding } from "./central_winding.ts";

/** Options of {@linkcode realSpaceWinding} and {@linkcode windingDiagnostics}. */
export interface RealSpaceWindingOptions {
  /** Fraction of cells dropped at each end before the trace, in (0, 0.5). Default 1/4. */
  readonly trim?: number;
}

/** The real-space winding number with what a user needs to trust it. */
export interface WindingDiagnostics {
  /** ν, the real-space winding number (PHYSICS.md §3). */
  readonly realSpaceWinding: number;
  /** `round(ν)`. */
  readonly winding: number;
  /** `|ν − round(ν)|`. */
  readonly quantizationError: number;
  /**
   * The smallest |E| in the bulk: the smallest |E| once the `|round(ν)|` edge-mode pairs (the
   * states the winding protects at zero energy) are set aside.
   */
  readonly bulkGap: number;
  /** The smallest |E| of all states, edge modes included. */
  readonly smallestEnergy: number;
  /** The central cells of the trace. */
  readonly centre: CentralCells;
  /** `"bidiagonal"` (plain chiral chain, O(N²) spectrum), `"dense-chiral"` or `"dense"`. */
  readonly method: "bidiagonal" | "dense-chiral" | "dense";
}

/**
 * The real-space winding number `ν = (1/L')·Tr'(Q_BA [X, Q_AB])` of an open chain, traced over
 * the central `L'` cells (PHYSICS.md §3). For chiral chains `Q_AB` is the polar factor of the
 * chiral block; with on-site disorder `Q = 1 − 2P` is built from the dense spectrum.
 *
 * @example The checked values of PHYSICS.md §1
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { realSpaceWinding } from "./real_space_winding.ts";
 *
 * const topological = sshChain({ cells: 60, hoppings: { 0: 0.5, 1: 1 } });
 * assert(Math.abs(realSpaceWinding(topological) - 1) < 1e-6);
 * const trivial = sshChain({ cells: 60, hoppings: { 0: 1, 1: 0.5 } });
 * assert(Math.abs(realSpaceWinding(trivial)) < 1e-6);
 * ```
 */
export function realSpaceWinding(chain: SshChain, options: RealSpaceWindingOptions = {}): number {
  return windingDiagnostics(chain, options).realSpaceWinding;
}

/**
 * {@linkcode realSpaceWinding} with its diagnostics: the bulk gap, the quantization error, the
 * central cells and the method used.
 *
 * @example A disordered chain in the topological Anderson region
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { windingDiagnostics } from "./real_space_winding.ts";
 *
 * const chain = sshChain({
 *   cells: 200,
 *   hoppings: { 0: 1.1, 1: 1 },
 *   disorder: { intracell: 2.5, intercell: 1.25 },
 *   seed: 3,
 * });
 * const { winding, method } = windingDiagnostics(chain);
 * assert(method === "bidiagonal" && (winding === 0 || winding === 1));
 * ```
 */
export function windingDiagnostics(
  chain: SshChain,
  options: RealSpaceWindingOptions = {},
): WindingDiagnostics {
  const range = hoppingReach(chain);
  const centre = centralCells(chain.cells, options.trim ?? 0.25, range);
  const factors = chainFactors(chain);
  const nu = centralWinding(factors.left, factors.right, factors.count, chain.cells, centre);
  if (!Number.isFinite(nu)) {
    throw new Error(`Real-space winding number is not finite (${nu}): the spectrum failed`);
  }
  const winding = Math.round(nu);
  const { energies } = factors;
  const edgeStates = Math.min(factors.statesPerEdgeMode * Math.abs(winding), energies.length - 1);
  return {
    realSpaceWinding: nu,
    winding: winding === 0 ? 0 : winding, // no −0
    quantizationError: Math.abs(nu - winding),
    bulkGap: energies[edgeStates],
    smallestEnergy: energies[0],
    centre,
    method: factors.method,
  };
}
