import type { DatasetFile } from "./dataset_file.ts";
import { EXTENDED_RANGES, type Split } from "./spec.ts";

/**
 * `N/ξ` of every sample of a split, from the sample's own hoppings (its `hamiltonian`
 * representation): `ξ⁻¹ = min_k |γ_k|`, the smallest Lyapunov exponent of the zero-mode
 * transfer matrices of the chiral block. For a plain chain that is
 * `|⟨ln|w_n|⟩ − ⟨ln|v_n|⟩|`; for the extended model the exponents of the order-3 recurrence
 * `Σ_m t_m a_{n+m} = 0`, accumulated over the chain by QR re-orthogonalization (float64). Small
 * `N/ξ` marks a sample whose label the finite size decides (near a phase boundary); studies bin
 * by it. Throws `RangeError` where the dataset does not store `hamiltonian`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, cellsOverXi, DatasetFile, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: 0.5, intercell: 1,
 *   splits: { train: 0, validation: 0, test: 2 }, balance: false, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const ratio = cellsOverXi(file, "test");
 * assert(Math.abs(ratio[0] - 8 * Math.log(2)) < 1e-6); // N·|ln(v/w)|
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function cellsOverXi(file: DatasetFile, split: Split): Float64Array {
  const { spec } = file;
  if (!spec.representations.includes("hamiltonian")) {
    throw new RangeError(
      `N/ξ needs the hamiltonian representation: ${spec.name} does not store it`,
    );
  }
  const count = file.labels(split).winding.length;
  const cells = spec.cells;
  const ranges = spec.model === "plain" ? [0, 1] : [...EXTENDED_RANGES];
  const [channels] = file.sampleShape("hamiltonian").slice(1);
  const data = file.readSamples(
    split,
    "hamiltonian",
    Int32Array.from({ length: count }, (_, i) => i),
  );
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const t = (range: number, bond: number) =>
      data[(k * cells + bond) * channels + ranges.indexOf(range)];
    out[k] = cells *
      (spec.model === "plain" ? plainExponent(t, cells) : extendedExponent(t, cells));
  }
  return out;
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
