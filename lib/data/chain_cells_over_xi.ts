/**
 * `N/ξ` of one chain from its per-bond hoppings in the `hamiltonian` layout (`[cells, channels]`,
 * one channel per range of `ranges`, bonds by their left cell; float32 as stored, so a reader
 * of the stored representation gets the same number): `ξ⁻¹ = min_k |γ_k|`, the smallest Lyapunov
 * exponent of the zero-mode transfer matrices of the chiral block (plain: `|⟨ln|w_n|⟩ − ⟨ln|v_n|⟩|`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { hamiltonianOf } from "./representations.ts";
 * import { chainCellsOverXi } from "./chain_cells_over_xi.ts";
 *
 * const chain = sshChain({ cells: 8, hoppings: { 0: 0.5, 1: 1 } });
 * const ratio = chainCellsOverXi(hamiltonianOf(chain, [0, 1], false), [0, 1], 8);
 * assert(Math.abs(ratio - 8 * Math.log(2)) < 1e-6);
 * ```
 */
export function chainCellsOverXi(
  bonds: ArrayLike<number>,
  ranges: readonly number[],
  cells: number,
): number {
  const channels = bonds.length / cells;
  const t = (range: number, bond: number) => {
    const channel = ranges.indexOf(range);
    return channel < 0 ? 0 : bonds[bond * channels + channel];
  };
  const plain = ranges.every((range) => range === 0 || range === 1);
  return cells * (plain ? plainExponent(t, cells) : extendedExponent(t, cells));
}

function plainExponent(t: (range: number, bond: number) => number, cells: number): number {
  let v = 0;
  let w = 0;
  for (let n = 0; n < cells; n++) v += Math.log(Math.abs(t(0, n)) || 1e-300);
  for (let n = 0; n < cells - 1; n++) w += Math.log(Math.abs(t(1, n)) || 1e-300);
  return Math.abs(w / (cells - 1) - v / cells);
}

// The recurrence at B cell i: t_{-1}[i−1]·a_{i−1} + t_0[i]·a_i + t_1[i]·a_{i+1} + t_2[i]·a_{i+2}
// = 0, stepped as a 3 × 3 transfer matrix on (a_{i+1}, a_i, a_{i−1}); the Lyapunov exponents
// come from the QR re-orthogonalized product (the Benettin method).
function extendedExponent(t: (range: number, bond: number) => number, cells: number): number {
  let basis = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const sums = [0, 0, 0];
  let steps = 0;
  for (let i = 1; i < cells - 2; i++) {
    const top = t(2, i) || 1e-300;
    const row = [-t(1, i) / top, -t(0, i) / top, -t(-1, i - 1) / top];
    const apply = (x: number[]) => [row[0] * x[0] + row[1] * x[1] + row[2] * x[2], x[0], x[1]];
    const moved = basis.map(apply);
    // Gram–Schmidt, twice for stability.
    const next: number[][] = [];
    moved.forEach((vector, j) => {
      let u = [...vector];
      for (let pass = 0; pass < 2; pass++) {
        for (const q of next) {
          const dot = u[0] * q[0] + u[1] * q[1] + u[2] * q[2];
          u = u.map((x, c) => x - dot * q[c]);
        }
      }
      const norm = Math.hypot(u[0], u[1], u[2]) || 1e-300;
      sums[j] += Math.log(norm);
      next.push(u.map((x) => x / norm));
    });
    basis = next;
    steps++;
  }
  return Math.min(...sums.map((sum) => Math.abs(sum / steps)));
}
