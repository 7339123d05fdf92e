/**
 * Dense and structured float64 linear algebra for the physics core: a dense symmetric
 * eigensolver, tridiagonal eigenvalues and eigenvectors, and the singular triplets (hence the
 * polar factor `Q_AB`) of chiral blocks, dense or bidiagonal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { symmetricEigen } from "./mod.ts";
 *
 * const { values } = symmetricEigen(new Float64Array([0, 1, 1, 0]), 2);
 * assert(Math.abs(values[0] + 1) < 1e-15);
 * ```
 *
 * @module
 */
export { type SymmetricEigen, symmetricEigen } from "./symmetric_eigen.ts";
export { tridiagonalEigenvalues } from "./tridiagonal_eigenvalues.ts";
export {
  type TridiagonalEigenvectorOptions,
  tridiagonalEigenvectors,
} from "./tridiagonal_eigenvectors.ts";
export { type ChiralSpectrum, chiralSpectrum } from "./chiral_spectrum.ts";
export { bidiagonalSpectrum } from "./bidiagonal_spectrum.ts";
export { solveLinear } from "./solve_linear.ts";
