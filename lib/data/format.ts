import { createHash } from "node:crypto";
import { SUITE_VERSION } from "../version.ts";
import { canonicalJson } from "../io/mod.ts";
import type { DatasetCompute } from "./dataset_compute.ts";
import { datasetLayout, type Section } from "./layout.ts";
import { GENERATOR_VERSION } from "./sample.ts";
import type { DatasetSpec } from "./spec.ts";

/**
 * The dataset file format version. 2: `amplitudes` in the `site-moment/1` gauge and the `band`
 * representation (1: largest-entry sign, suite 0.2.0).
 */
export const FORMAT_VERSION = 2;

/** The first 8 bytes of every dataset file: "TLDS", the format version (u16 BE), CR LF. */
export const MAGIC: Uint8Array = new Uint8Array([
  0x54,
  0x4c,
  0x44,
  0x53,
  0x00,
  FORMAT_VERSION,
  0x0d,
  0x0a,
]);

/** The JSON header of a dataset file. */
export interface DatasetHeader {
  readonly format: "topolearn-dataset";
  readonly formatVersion: typeof FORMAT_VERSION;
  readonly generatorVersion: string;
  readonly suiteVersion: string;
  /** The validated spec. */
  readonly spec: DatasetSpec;
  /** The content hash (hex SHA-256): see {@linkcode contentHash}. */
  readonly hash: string;
  /** Where every array lies, relative to the data area. */
  readonly sections: readonly Section[];
  /**
   * What computed the labels and `projector`: present for GPU builds only; absent means the
   * float64 CPU reference (see {@linkcode DatasetCompute}).
   */
  readonly compute?: DatasetCompute;
}

/** A dataset file that fails its checks: the message names the file and what is wrong. */
export class DatasetIntegrityError extends Error {
  override name = "DatasetIntegrityError";
}

/**
 * The header for a spec, with a placeholder hash of the final length; `compute` is written only
 * for GPU builds, so a CPU header is byte-identical to one written before GPU builds existed.
 */
export function headerFor(
  spec: DatasetSpec,
  hash = "0".repeat(64),
  compute?: DatasetCompute,
): DatasetHeader {
  return {
    format: "topolearn-dataset",
    formatVersion: FORMAT_VERSION,
    generatorVersion: GENERATOR_VERSION,
    suiteVersion: SUITE_VERSION,
    spec,
    hash,
    sections: datasetLayout(spec),
    ...(compute?.kind === "gpu" ? { compute } : {}),
  };
}

/**
 * Encodes the magic, the header length (u32, little endian) and the header JSON, padded with
 * spaces so that the data area starts on an 8-byte boundary.
 */
export function encodePreamble(header: DatasetHeader): Uint8Array {
  let json = JSON.stringify(header);
  while ((12 + json.length) % 8 !== 0) json += " ";
  const body = new TextEncoder().encode(json);
  const out = new Uint8Array(12 + body.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, body.length, true);
  out.set(body, 12);
  return out;
}

/**
 * The content hash of a dataset: SHA-256 over the canonical spec JSON, a newline, the generator
 * version, a newline, and the hex SHA-256 of every section's bytes (storage order), one per line;
 * for GPU builds a last line `compute gpu <precision> <algorithm>` follows, so a GPU build never
 * shares the hash of the CPU reference (CPU hashes are unchanged by it). Hashing each section
 * separately lets a build hash its chunks as they stream to disk.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { contentHash } from "./format.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: 1, intercell: 1,
 *   splits: { train: 1, validation: 0, test: 0 }, seed: 1,
 * });
 * assert.match(contentHash(spec, ["00"]), /^[0-9a-f]{64}$/);
 * assert.notEqual(contentHash(spec, ["00"]), contentHash(spec, ["01"]));
 * ```
 */
export function contentHash(
  spec: DatasetSpec,
  sectionDigests: readonly string[],
  compute?: DatasetCompute,
): string {
  const hash = createHash("sha256");
  hash.update(`${canonicalJson(spec)}\n${GENERATOR_VERSION}\n${sectionDigests.join("\n")}`);
  if (compute?.kind === "gpu") {
    hash.update(`\ncompute gpu ${compute.precision} ${compute.algorithm}`);
  }
  return hash.digest("hex");
}

/**
 * The cache key of a spec: hex SHA-256 of its canonical JSON and the generator version (known
 * before building, unlike the content hash); for GPU builds also the full compute descriptor,
 * adapter included, so each adapter's build has its own cache file.
 */
export function specKey(spec: DatasetSpec, compute?: DatasetCompute): string {
  const hash = createHash("sha256").update(`${canonicalJson(spec)}\n${GENERATOR_VERSION}`);
  if (compute?.kind === "gpu") hash.update(`\n${canonicalJson(compute)}`);
  return hash.digest("hex");
}
