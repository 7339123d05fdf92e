import { implicitQl } from "./_implicit_ql.ts";

/**
 * Eigenvalues (ascending) of the real symmetric tridiagonal matrix with the given diagonal and
 * off-diagonal (`offDiagonal[i] = T[i, i+1]`, length `n − 1` or `n`), by implicit QL without
 * eigenvectors: about 30·n² flops. Absolute accuracy is a small multiple of `ε·‖T‖`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tridiagonalEigenvalues } from "./tridiagonal_eigenvalues.ts";
 *
 * const values = tridiagonalEigenvalues(new Float64Array([0, 0]), new Float64Array([1]));
 * assert(Math.abs(values[0] + 1) < 1e-15 && Math.abs(values[1] - 1) < 1e-15);
 * ```
 */
export function tridiagonalEigenvalues(
  diagonal: Float64Array,
  offDiagonal: Float64Array,
): Float64Array {
  const order = diagonal.length;
  if (order < 1) throw new RangeError("Tridiagonal matrix must have at least one row");
  if (offDiagonal.length !== order - 1 && offDiagonal.length !== order) {
    throw new RangeError(
      `Off-diagonal must have ${
        order - 1
      } entries for order ${order}: received ${offDiagonal.length}`,
    );
  }
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(order);
  e.set(offDiagonal.subarray(0, order - 1));
  implicitQl(d, e, null, order);
  return d.sort();
}
