/**
 * Datasets: deterministic, hashed, cached SSH-family datasets in the representations the studies
 * need (`hamiltonian`, `amplitudes`, `projector`), with labels from the real-space winding
 * number, an on-disk format whose content hash results cite, and the standard catalog. Labels
 * come from the float64 CPU reference, or, for plain chiral chains, optionally from the WebGPU
 * path of lib/gpu (a different dataset, recorded in the header and the hash).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 0 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * const { hash } = await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * assert.equal(file.hash, hash);
 * file.close();
 * await Deno.remove(path);
 * ```
 *
 * @module
 */
export * from "./spec.ts";
export * from "./dataset_spec.ts";
export * from "./sample.ts";
export * from "./representations.ts";
export * from "./layout.ts";
export * from "./chunk.ts";
export * from "./chunk_pool.ts";
export * from "./dataset_compute.ts";
export * from "./gpu_chunk.ts";
export * from "./format.ts";
export * from "./build_dataset.ts";
export * from "./dataset_file.ts";
export * from "./dataset_cache.ts";
export * from "./batches.ts";
export * from "./catalog.ts";
export * from "./summary.ts";
export * from "./card.ts";
export * from "./dataset_source.ts";
