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
export {
  BAND_OFFSETS,
  CHAIN_MODELS,
  type ChainModel,
  type DatasetSpec,
  EXTENDED_RANGES,
  type InputSpec,
  type Range,
  type Representation,
  REPRESENTATIONS,
  type Split,
  SPLITS,
} from "./spec.ts";
export { datasetSpec, type DatasetSpecInput } from "./dataset_spec.ts";
export {
  classWindingsOf,
  drawDisorder,
  drawUniform,
  generateSample,
  GENERATOR_VERSION,
  MAX_ATTEMPTS,
  PARAMETER_NAMES,
  type Sample,
} from "./sample.ts";
export {
  amplitudesOf,
  bandOf,
  chainRepresentation,
  hamiltonianOf,
  projectorOf,
} from "./representations.ts";
export {
  AMPLITUDE_GAUGE,
  fixSign,
  gaugedChiralStates,
  siteMoment,
  ZERO_MODE_TOLERANCE,
} from "./amplitude_gauge.ts";
export { RANDOM_SIGN_GAUGE_SEED, randomSignGauge } from "./random_sign_gauge.ts";
export {
  type ArrayName,
  bytesOf,
  datasetLayout,
  type DType,
  LABEL_ARRAYS,
  representationShape,
  type Section,
} from "./layout.ts";
export { type Chunk, chunkFromSamples, generateChunk } from "./chunk.ts";
export { type ChunkPool, chunkPool, type ChunkPoolOptions } from "./chunk_pool.ts";
export {
  CPU_COMPUTE,
  type DatasetCompute,
  type DatasetComputePlan,
  datasetComputePlan,
  GPU_ALGORITHM,
  gpuIneligibility,
  parseDatasetCompute,
} from "./dataset_compute.ts";
export {
  type ChainBatchLabeler,
  type ChainBatchLabels,
  generateBatchedChunk,
  generateGpuChunk,
} from "./gpu_chunk.ts";
export {
  contentHash,
  type DatasetHeader,
  DatasetIntegrityError,
  encodePreamble,
  FORMAT_VERSION,
  headerFor,
  MAGIC,
  specKey,
} from "./format.ts";
export { buildDataset, type BuildProgress, type DatasetBuildOptions } from "./build_dataset.ts";
export { DatasetFile, type OpenOptions, type SplitLabels } from "./dataset_file.ts";
export { cachePath, defaultCacheDir, loadDataset, type LoadOptions } from "./dataset_cache.ts";
export { type Batch, batches, type BatchOptions, usableIndices } from "./batches.ts";
export {
  CATALOG,
  catalogSpec,
  datasetDraw,
  drawBase,
  drawName,
  drawSeed,
  drawSpec,
  MAX_DRAWS,
} from "./catalog.ts";
export { type RetiredDataset, retiredDataset, retiredDatasetsMessage } from "./retired_datasets.ts";
export { datasetSpecFileSchema, parseSpecFile, readSpecFile } from "./spec_file.ts";
export { type DatasetSummary, summarize } from "./summary.ts";
export { type LabelBoundary, labelBoundary } from "./label_boundary.ts";
export { chainCellsOverXi } from "./chain_cells_over_xi.ts";
export {
  PROXY_BASELINES,
  type ProxyBaselineName,
  proxyBaselines,
  type ProxyBaselineScore,
} from "./proxy_baselines.ts";
export { datasetCard, phaseDiagramSvg } from "./card.ts";
export {
  datasetNpz,
  type NpzArray,
  npzArraySchema,
  type NpzManifest,
  npzManifestSchema,
} from "./dataset_npz.ts";
export { npyArray } from "./npy_array.ts";
// h-lit (issue 14): the datasets of the two literature protocols (generated in memory).
export {
  CYBINSKI_CARD,
  CYBINSKI_SPECS,
  cybinskiChain,
  cybinskiOpenChain,
  type CybinskiPart,
  cybinskiPart,
  type CybinskiSample,
  type CybinskiSizes,
  type CybinskiSpec,
} from "./cybinski_dataset.ts";
export {
  type EigenvectorGauge,
  HOLANDA_CARD,
  HOLANDA_SPECS,
  holandaGrid,
  type HolandaHamiltonian,
  holandaHoppings,
  type HolandaModel,
  type HolandaSpec,
  periodicEigenvectors,
  ringRepresentation,
} from "./holanda_dataset.ts";
