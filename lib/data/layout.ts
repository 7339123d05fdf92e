import { REPRESENTATIONS, SPLITS } from "./spec.ts";
import type { DatasetSpec, Split } from "./spec.ts";
import type { Representation } from "./spec.ts";
import { PARAMETER_NAMES } from "./sample.ts";
import { BAND_OFFSETS } from "./spec.ts";

/** Element types of the stored arrays. */
export type DType = "float64" | "float32" | "int8" | "uint8";

/** The label and diagnostic arrays stored with every dataset, in storage order. */
export const LABEL_ARRAYS = [
  "parameters",
  "realSpaceWinding",
  "bulkGap",
  "inverseLocalizationLength",
  "cellsOverXi",
  "winding",
  "ambiguous",
  "analyticPhase",
] as const;

/** The name of a stored array. */
export type ArrayName = (typeof LABEL_ARRAYS)[number] | Representation;

/** One stored array of one split: `count` samples of `sampleShape`, contiguous. */
export interface Section {
  readonly split: Split;
  readonly array: ArrayName;
  readonly dtype: DType;
  readonly sampleShape: readonly number[];
  readonly count: number;
  /** Bytes of one sample. */
  readonly sampleBytes: number;
  /** Offset from the start of the data area (8-byte aligned). */
  readonly offset: number;
  readonly byteLength: number;
}

const BYTES: Record<DType, number> = { float64: 8, float32: 4, int8: 1, uint8: 1 };

/** Bytes per element of a dtype. */
export function bytesOf(dtype: DType): number {
  return BYTES[dtype];
}

/**
 * The shape of one sample of a representation (float32), as documented at
 * {@linkcode Representation}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { representationShape } from "./layout.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 16, intracell: 1, intercell: 1,
 *   splits: { train: 1, validation: 0, test: 0 }, seed: 1,
 * });
 * assert.deepEqual(representationShape(spec, "amplitudes"), [16, 32]);
 * assert.deepEqual(representationShape(spec, "hamiltonian"), [16, 2]);
 * ```
 */
export function representationShape(spec: DatasetSpec, representation: Representation): number[] {
  const cells = spec.cells;
  switch (representation) {
    case "hamiltonian":
      return [
        cells,
        (spec.model === "plain" ? 2 : 4) + (spec.disorder?.onsite !== undefined ? 1 : 0),
      ];
    case "amplitudes":
      return [cells, 2 * cells];
    case "projector":
      return [cells, cells];
    case "band":
      return [cells, BAND_OFFSETS.length];
  }
}

/**
 * Every section of a dataset file, in storage order: for each split, the label arrays then the
 * representations the spec stores.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { datasetLayout } from "./layout.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 16, intracell: 1, intercell: 1,
 *   splits: { train: 3, validation: 0, test: 1 }, seed: 1, representations: ["projector"],
 * });
 * const sections = datasetLayout(spec);
 * assert.equal(sections.length, 3 * 9); // per split: 8 label arrays and the projector
 * assert(sections.every((section) => section.offset % 8 === 0));
 * ```
 */
export function datasetLayout(spec: DatasetSpec): Section[] {
  const sections: Section[] = [];
  let offset = 0;
  const add = (split: Split, array: ArrayName, dtype: DType, sampleShape: number[]) => {
    const count = spec.splits[split];
    const sampleBytes = sampleShape.reduce((size, extent) => size * extent, 1) * BYTES[dtype];
    const byteLength = sampleBytes * count;
    sections.push({ split, array, dtype, sampleShape, count, sampleBytes, offset, byteLength });
    offset += Math.ceil(byteLength / 8) * 8;
  };
  for (const split of SPLITS) {
    add(split, "parameters", "float64", [PARAMETER_NAMES.length]);
    add(split, "realSpaceWinding", "float64", []);
    add(split, "bulkGap", "float64", []);
    add(split, "inverseLocalizationLength", "float64", []);
    add(split, "cellsOverXi", "float64", []);
    add(split, "winding", "int8", []);
    add(split, "ambiguous", "uint8", []);
    add(split, "analyticPhase", "int8", []);
    for (const representation of REPRESENTATIONS) {
      if (spec.representations.includes(representation)) {
        add(split, representation, "float32", representationShape(spec, representation));
      }
    }
  }
  return sections;
}
