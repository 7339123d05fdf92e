/**
 * Exact invariants of the SSH family: the real-space winding number with its diagnostics, the
 * momentum-space winding number of the clean chain, and the analytic phase of the disordered
 * plain chain (PHYSICS.md §1–3).
 *
 * @example Real space agrees with momentum space
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { momentumSpaceWinding, realSpaceWinding } from "./mod.ts";
 *
 * const hoppings = { 0: 0.3, 1: 0.5, 2: 1 };
 * const nu = realSpaceWinding(sshChain({ cells: 60, hoppings }));
 * assert(Math.abs(nu - momentumSpaceWinding(hoppings)) < 1e-6);
 * ```
 *
 * @module
 */
export {
  realSpaceWinding,
  type RealSpaceWindingOptions,
  type WindingDiagnostics,
  windingDiagnostics,
} from "./real_space_winding.ts";
export { blochGap, type CleanHoppings, momentumSpaceWinding } from "./momentum_space_winding.ts";
export {
  andersonBoundary,
  andersonBoundaryCurve,
  type AndersonParameters,
  type AndersonPhase,
  andersonPhase,
  meanLogHopping,
} from "./anderson_phase.ts";
export { chainSpectrum } from "./chain_spectrum.ts";
export { type ChainFactors, chainFactors } from "./chain_factors.ts";
export {
  type CentralCells,
  centralCells,
  centralWinding,
  projectorWinding,
} from "./central_winding.ts";
// h-lit (issue 14): the literature protocols' label rules.
export {
  discreteMomentumWinding,
  type Ring,
  twistedBoundaryWinding,
} from "./twisted_boundary_winding.ts";
