import { generateSample, PARAMETER_NAMES, type Sample } from "./sample.ts";
import type { DatasetSpec, Split } from "./spec.ts";
import { type ArrayName, datasetLayout } from "./layout.ts";

/** Samples `[start, end)` of one split, as the bytes of every section, in storage order. */
export interface Chunk {
  readonly split: Split;
  readonly start: number;
  readonly end: number;
  /** The chunk's bytes for each array of the split. */
  readonly arrays: Partial<Record<ArrayName, ArrayBuffer>>;
}

/**
 * Generates samples `[start, end)` of `split` into per-array buffers laid out exactly as in the
 * dataset file, so a chunk can be written, hashed and sent between workers as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { generateChunk } from "./chunk.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 0 }, seed: 1,
 * });
 * const chunk = generateChunk(spec, "train", 0, 4);
 * assert.deepEqual([...new Int8Array(chunk.arrays.winding!)], [0, 1, 0, 1]);
 * ```
 */
export function generateChunk(spec: DatasetSpec, split: Split, start: number, end: number): Chunk {
  const samples: Sample[] = [];
  for (let index = start; index < end; index++) samples.push(generateSample(spec, split, index));
  return chunkFromSamples(spec, split, start, samples);
}

/**
 * Lays generated samples `start, start + 1, …` of `split` out as a {@linkcode Chunk} (the bytes
 * of every section, in storage order): what {@linkcode generateChunk} and the GPU path share.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { generateSample } from "./sample.ts";
 * import { chunkFromSamples, generateChunk } from "./chunk.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 0 }, seed: 1,
 * });
 * const samples = [2, 3].map((index) => generateSample(spec, "train", index));
 * const chunk = chunkFromSamples(spec, "train", 2, samples);
 * assert.deepEqual(chunk.arrays.projector, generateChunk(spec, "train", 2, 4).arrays.projector);
 * ```
 */
export function chunkFromSamples(
  spec: DatasetSpec,
  split: Split,
  start: number,
  samples: readonly Sample[],
): Chunk {
  const sections = datasetLayout(spec).filter((section) => section.split === split);
  const count = samples.length;
  const buffers = Object.fromEntries(
    sections.map((section) => [section.array, new ArrayBuffer(section.sampleBytes * count)]),
  ) as Record<ArrayName, ArrayBuffer>;
  const views = {
    parameters: new Float64Array(buffers.parameters),
    realSpaceWinding: new Float64Array(buffers.realSpaceWinding),
    bulkGap: new Float64Array(buffers.bulkGap),
    inverseLocalizationLength: new Float64Array(buffers.inverseLocalizationLength),
    cellsOverXi: new Float64Array(buffers.cellsOverXi),
    winding: new Int8Array(buffers.winding),
    ambiguous: new Uint8Array(buffers.ambiguous),
    analyticPhase: new Int8Array(buffers.analyticPhase),
  };
  for (let offset = 0; offset < count; offset++) {
    const sample = samples[offset];
    views.parameters.set(sample.parameters, offset * PARAMETER_NAMES.length);
    views.realSpaceWinding[offset] = sample.realSpaceWinding;
    views.bulkGap[offset] = sample.bulkGap;
    views.inverseLocalizationLength[offset] = sample.inverseLocalizationLength;
    views.cellsOverXi[offset] = sample.cellsOverXi;
    views.winding[offset] = sample.winding;
    views.ambiguous[offset] = sample.ambiguous ? 1 : 0;
    views.analyticPhase[offset] = sample.analyticPhase;
    for (const representation of spec.representations) {
      const values = sample.representations[representation]!;
      new Float32Array(buffers[representation]).set(values, offset * values.length);
    }
  }
  return { split, start, end: start + count, arrays: buffers };
}
