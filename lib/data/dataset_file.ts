import { createHash } from "node:crypto";
import type { Representation } from "./spec.ts";
import { type DatasetCompute, parseDatasetCompute } from "./dataset_compute.ts";
import { datasetSpec } from "./dataset_spec.ts";
import {
  contentHash,
  type DatasetHeader,
  DatasetIntegrityError,
  FORMAT_VERSION,
  MAGIC,
} from "./format.ts";
import { type ArrayName, datasetLayout, type Section } from "./layout.ts";
import { GENERATOR_VERSION } from "./sample.ts";
import type { DatasetSpec, Split } from "./spec.ts";

/** The labels and diagnostics of one split, fully in memory (a few bytes per sample). */
export interface SplitLabels {
  readonly winding: Int8Array;
  readonly ambiguous: Uint8Array;
  readonly realSpaceWinding: Float64Array;
  readonly bulkGap: Float64Array;
  readonly analyticPhase: Int8Array;
  readonly inverseLocalizationLength: Float64Array;
  /** `N/ξ` of each sample from its own hoppings (see `cellsOverXi`). */
  readonly cellsOverXi: Float64Array;
  /** Row-major `count × PARAMETER_NAMES.length`. */
  readonly parameters: Float64Array;
}

/** Options of {@linkcode DatasetFile.open}. */
export interface OpenOptions {
  /** Recompute the content hash and refuse a mismatch (default true). */
  readonly verify?: boolean;
}

/**
 * An open dataset file: the header, the labels of each split, and random access to the samples
 * of every representation without reading the rest (so sets larger than memory train).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 6, validation: 0, test: 2 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * assert.equal(file.readSamples("train", "projector", [0, 5]).length, 2 * 64);
 * assert.deepEqual([...file.labels("test").winding], [0, 1]);
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export class DatasetFile {
  readonly #file: Deno.FsFile;
  readonly #dataStart: number;
  readonly #labels = new Map<Split, SplitLabels>();

  private constructor(
    readonly path: string,
    readonly header: DatasetHeader,
    file: Deno.FsFile,
    dataStart: number,
  ) {
    this.#file = file;
    this.#dataStart = dataStart;
  }

  /** The dataset's spec. */
  get spec(): DatasetSpec {
    return this.header.spec;
  }

  /** The content hash (hex SHA-256) that results cite. */
  get hash(): string {
    return this.header.hash;
  }

  /** What computed the labels: the CPU reference unless the header names a GPU build. */
  get compute(): DatasetCompute {
    return parseDatasetCompute(this.header.compute);
  }

  /**
   * Opens and checks a dataset file: magic, header, layout, length and (by default) the content
   * hash. Any failure is a {@linkcode DatasetIntegrityError} naming the file.
   */
  static async open(path: string, options: OpenOptions = {}): Promise<DatasetFile> {
    const file = await Deno.open(path, { read: true });
    try {
      const preamble = new Uint8Array(12);
      if (
        readFully(file, 0, preamble) < 12 ||
        !MAGIC.every((byte, i) => i >= 4 || preamble[i] === byte)
      ) {
        throw new DatasetIntegrityError(`${path}: not a topolearn dataset file (bad magic)`);
      }
      const version = preamble[4] * 256 + preamble[5];
      if (version !== FORMAT_VERSION || !MAGIC.every((byte, i) => preamble[i] === byte)) {
        throw new DatasetIntegrityError(
          `${path}: dataset format version ${version}, this suite reads version ${FORMAT_VERSION} ` +
            `(written by another suite version: rebuild it with deno task data build)`,
        );
      }
      const length = new DataView(preamble.buffer).getUint32(8, true);
      const size = (await file.stat()).size;
      if (length > size - 12) {
        throw new DatasetIntegrityError(`${path}: header length ${length} beyond the file`);
      }
      const body = new Uint8Array(length);
      readFully(file, 12, body);
      let header: DatasetHeader;
      try {
        header = JSON.parse(new TextDecoder().decode(body));
      } catch (error) {
        throw new DatasetIntegrityError(`${path}: unreadable header (${(error as Error).message})`);
      }
      if (header.format !== "topolearn-dataset" || header.formatVersion !== FORMAT_VERSION) {
        throw new DatasetIntegrityError(
          `${path}: unknown format ${header.format} v${header.formatVersion}`,
        );
      }
      if (header.generatorVersion !== GENERATOR_VERSION) {
        throw new DatasetIntegrityError(
          `${path}: generator version ${header.generatorVersion}, this suite writes ${GENERATOR_VERSION}`,
        );
      }
      let spec: DatasetSpec;
      try {
        spec = datasetSpec(header.spec);
      } catch (error) {
        throw new DatasetIntegrityError(
          `${path}: invalid spec in header (${(error as Error).message})`,
        );
      }
      const layout = datasetLayout(spec);
      if (JSON.stringify(layout) !== JSON.stringify(header.sections)) {
        throw new DatasetIntegrityError(`${path}: section layout does not match its spec`);
      }
      const last = layout[layout.length - 1];
      const expected = 12 + length + last.offset + Math.ceil(last.byteLength / 8) * 8;
      if (size !== expected) {
        throw new DatasetIntegrityError(
          `${path}: ${size} bytes, expected ${expected} (truncated or padded)`,
        );
      }
      try {
        parseDatasetCompute(header.compute);
      } catch (error) {
        throw new DatasetIntegrityError(`${path}: ${(error as Error).message}`);
      }
      const dataset = new DatasetFile(path, { ...header, spec }, file, 12 + length);
      if (options.verify ?? true) dataset.#verify();
      return dataset;
    } catch (error) {
      file.close();
      throw error;
    }
  }

  #verify(): void {
    const buffer = new Uint8Array(1 << 22);
    const digests = this.header.sections.map((section) => {
      const hash = createHash("sha256");
      const padded = Math.ceil(section.byteLength / 8) * 8;
      for (let done = 0; done < padded; done += buffer.length) {
        const view = buffer.subarray(0, Math.min(buffer.length, padded - done));
        readFully(this.#file, this.#dataStart + section.offset + done, view);
        hash.update(view);
      }
      return hash.digest("hex");
    });
    const actual = contentHash(this.spec, digests, this.compute);
    if (actual !== this.header.hash) {
      throw new DatasetIntegrityError(
        `${this.path}: content hash ${actual} does not match the header's ${this.header.hash}: the file was corrupted or edited`,
      );
    }
  }

  #section(split: Split, array: ArrayName): Section {
    const section = this.header.sections.find((s) => s.split === split && s.array === array);
    if (!section) {
      throw new RangeError(
        `Dataset ${this.spec.name} stores no ${array} for ${split}: it has ${
          this.spec.representations.join(", ")
        }`,
      );
    }
    return section;
  }

  /** The labels and diagnostics of a split (read once, then kept). */
  labels(split: Split): SplitLabels {
    let labels = this.#labels.get(split);
    if (!labels) {
      const read = (array: ArrayName) => this.readSection(split, array).buffer;
      labels = {
        winding: new Int8Array(read("winding")),
        ambiguous: new Uint8Array(read("ambiguous")),
        realSpaceWinding: new Float64Array(read("realSpaceWinding")),
        bulkGap: new Float64Array(read("bulkGap")),
        analyticPhase: new Int8Array(read("analyticPhase")),
        inverseLocalizationLength: new Float64Array(read("inverseLocalizationLength")),
        cellsOverXi: new Float64Array(read("cellsOverXi")),
        parameters: new Float64Array(read("parameters")),
      };
      this.#labels.set(split, labels);
    }
    return labels;
  }

  /**
   * The raw bytes of one stored array of a split (labels, diagnostics or a representation), in
   * the file's layout (`header.sections` gives dtype and shape; little endian), without the
   * padding to 8 bytes. An array the file does not store is a `RangeError`.
   */
  readSection(split: Split, array: ArrayName): Uint8Array {
    const section = this.#section(split, array);
    const bytes = new Uint8Array(section.byteLength);
    readFully(this.#file, this.#dataStart + section.offset, bytes);
    return bytes;
  }

  /** The shape of one sample of a representation. */
  sampleShape(representation: Representation): readonly number[] {
    return this.#section("train", representation).sampleShape;
  }

  /**
   * The samples at `indices` of one representation, concatenated (float32). Reads only those
   * samples; runs of consecutive indices are read at once.
   */
  readSamples(
    split: Split,
    representation: Representation,
    indices: ArrayLike<number>,
  ): Float32Array {
    const section = this.#section(split, representation);
    const floats = section.sampleBytes / 4;
    const out = new Float32Array(indices.length * floats);
    const bytes = new Uint8Array(out.buffer);
    for (let k = 0; k < indices.length;) {
      let run = 1;
      while (k + run < indices.length && indices[k + run] === indices[k] + run) run++;
      const first = indices[k];
      if (!Number.isSafeInteger(first) || first < 0 || first + run > section.count) {
        throw new RangeError(`Sample index ${first} outside ${split} (0 … ${section.count - 1})`);
      }
      readFully(
        this.#file,
        this.#dataStart + section.offset + first * section.sampleBytes,
        bytes.subarray(k * section.sampleBytes, (k + run) * section.sampleBytes),
      );
      k += run;
    }
    return out;
  }

  /** Closes the file. */
  close(): void {
    this.#file.close();
  }
}

function readFully(file: Deno.FsFile, position: number, into: Uint8Array): number {
  file.seekSync(position, Deno.SeekMode.Start);
  let done = 0;
  while (done < into.length) {
    const read = file.readSync(into.subarray(done));
    if (read === null) break;
    done += read;
  }
  return done;
}
