/**
 * **topolearn** — a reproducible benchmark of whether neural networks can learn topological
 * invariants. This module is the public API of its physics core: SSH-family chains with
 * disorder, their exact invariants, the seeded PRNG and the linear algebra beneath.
 *
 * Conventions (site order, hopping ranges, disorder, the real-space winding number) are those of
 * PHYSICS.md; every value is float64.
 *
 * @example The real-space winding number of a disordered chain, against the analytic phase
 * ```ts
 * import assert from "node:assert/strict";
 * import { andersonPhase, realSpaceWinding, sshChain } from "./mod.ts";
 *
 * const nu = realSpaceWinding(sshChain({
 *   cells: 300,
 *   hoppings: { 0: 0.5, 1: 1 },
 *   disorder: { intracell: 8, intercell: 4 },
 *   seed: 1,
 * }));
 * const phase = andersonPhase({
 *   intracell: 0.5,
 *   intercell: 1,
 *   intracellDisorder: 8,
 *   intercellDisorder: 4,
 * });
 * assert.equal(phase.winding, 0);
 * assert(Math.abs(nu - phase.winding) < 0.5);
 * ```
 *
 * @example Real space against momentum space for an extended chain
 * ```ts
 * import assert from "node:assert/strict";
 * import { momentumSpaceWinding, realSpaceWinding, sshChain } from "./mod.ts";
 *
 * const hoppings = { 0: 0.3, 1: 0.2, [-1]: 1 };
 * assert.equal(momentumSpaceWinding(hoppings), -1);
 * assert(Math.abs(realSpaceWinding(sshChain({ cells: 60, hoppings })) + 1) < 1e-6);
 * ```
 *
 * @module
 */
export {
  type Hoppings,
  type SshChain,
  sshChain,
  type SshChainOptions,
  type SshDisorder,
} from "./lib/lattice/mod.ts";
export {
  andersonBoundary,
  andersonBoundaryCurve,
  type AndersonParameters,
  type AndersonPhase,
  andersonPhase,
  blochGap,
  type CentralCells,
  centralCells,
  centralWinding,
  type ChainFactors,
  chainFactors,
  chainSpectrum,
  type CleanHoppings,
  meanLogHopping,
  momentumSpaceWinding,
  projectorWinding,
  realSpaceWinding,
  type RealSpaceWindingOptions,
  type WindingDiagnostics,
  windingDiagnostics,
} from "./lib/invariants/mod.ts";
export {
  bidiagonalSpectrum,
  type ChiralSpectrum,
  chiralSpectrum,
  type SymmetricEigen,
  symmetricEigen,
  tridiagonalEigenvalues,
  type TridiagonalEigenvectorOptions,
  tridiagonalEigenvectors,
} from "./lib/linalg/mod.ts";
export { Rng, type StreamKey } from "./lib/rng.ts";
export { SUITE_VERSION } from "./lib/version.ts";
