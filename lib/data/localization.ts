import type { DatasetFile } from "./dataset_file.ts";
import type { Split } from "./spec.ts";

/**
 * `N/ξ` of every sample of a split, as stored with the dataset (the `cellsOverXi` label array,
 * computed at generation by `chainCellsOverXi` from the sample's own hoppings): `ξ⁻¹ =
 * min_k |γ_k|`, the smallest Lyapunov exponent of the zero-mode transfer matrices of the chiral
 * block. For a plain chain that is `|⟨ln|w_n|⟩ − ⟨ln|v_n|⟩|`; for the extended model the
 * exponents of the order-3 recurrence `Σ_m t_m a_{n+m} = 0`, accumulated over the chain by QR
 * re-orthogonalization (float64). Small `N/ξ` marks a sample whose label the finite size decides
 * (near a phase boundary); studies bin by it.
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
  return file.labels(split).cellsOverXi;
}
