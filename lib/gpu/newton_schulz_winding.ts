import { hoppingReach, type SshChain } from "../lattice/mod.ts";
import { centralCells, projectorWinding } from "../invariants/mod.ts";
import { deflatedBlock } from "./deflated_block.ts";
import { newtonSchulzPolar } from "./newton_schulz_polar.ts";
import { polarSchedule } from "./polar_schedule.ts";

/** Options of {@linkcode newtonSchulzWinding} and of the GPU path. */
export interface PolarWindingOptions {
  /** Fraction of cells dropped at each end before the trace, in (0, 0.5). Default 1/4. */
  readonly trim?: number;
  /** The deflation threshold `τ` (see {@linkcode deflatedBlock}). Default 1e-3. */
  readonly threshold?: number;
}

/** The winding number and polar factor of one chain by the polar iteration. */
export interface PolarWinding {
  /** ν (PHYSICS.md §3). */
  readonly realSpaceWinding: number;
  /** `Q_AB`, row-major `cells × cells` (row: A cell, column: B cell). */
  readonly projector: Float64Array;
  /** Triplets deflated in float64 before the iteration. */
  readonly deflated: number;
}

/**
 * The CPU twin of the GPU path, in float64: {@linkcode deflatedBlock}, then
 * {@linkcode newtonSchulzPolar} with the steps of {@linkcode polarSchedule} for the deflation's
 * lower bound, then the central trace. Same algorithm, same steps as the WGSL kernels; against
 * the exact `realSpaceWinding` of lib/invariants it agrees to better than 1e-8 (tests).
 * O(n³) per chain: a reference, not a fast path (use lib/invariants on the CPU).
 *
 * @example The twin against the exact float64 RSWN
 * ```ts
 * import assert from "node:assert/strict";
 * import { realSpaceWinding } from "../invariants/mod.ts";
 * import { sshChain } from "../lattice/mod.ts";
 * import { newtonSchulzWinding } from "./newton_schulz_winding.ts";
 *
 * const chain = sshChain({ cells: 24, hoppings: { 0: 0.5, 1: 1 } });
 * const twin = newtonSchulzWinding(chain);
 * assert(Math.abs(twin.realSpaceWinding - realSpaceWinding(chain)) < 1e-8);
 * assert.equal(twin.deflated, 1); // the edge-mode pair
 * ```
 */
export function newtonSchulzWinding(
  chain: SshChain,
  options: PolarWindingOptions = {},
): PolarWinding {
  const range = hoppingReach(chain);
  const centre = centralCells(chain.cells, options.trim ?? 0.25, range);
  const prepared = deflatedBlock(chain, { threshold: options.threshold });
  const projector = newtonSchulzPolar(
    prepared.block,
    prepared.order,
    polarSchedule(prepared.lowerBound),
  );
  return {
    realSpaceWinding: projectorWinding(projector, chain.cells, centre),
    projector,
    deflated: prepared.deflated,
  };
}
