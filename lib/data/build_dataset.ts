import { createHash, type Hash } from "node:crypto";
import type { ComputeDevice } from "../gpu/mod.ts";
import { writeAtomic } from "../io/mod.ts";
import { chunkPool } from "./chunk_pool.ts";
import { datasetComputePlan } from "./dataset_compute.ts";
import { contentHash, type DatasetHeader, encodePreamble, headerFor } from "./format.ts";
import type { DatasetSpec, Split } from "./spec.ts";
import { SPLITS } from "./spec.ts";
import type { Chunk } from "./chunk.ts";

/** Progress of a build, reported after every chunk. */
export interface BuildProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedSeconds: number;
}

/** Options of {@linkcode buildDataset}. */
export interface DatasetBuildOptions {
  /** Worker threads (default: the number of cores, at most 8); GPU builds use the main thread. */
  readonly workers?: number;
  /** Samples per chunk (default 32 on the CPU, 256 on the GPU); never changes a byte. */
  readonly chunkSize?: number;
  /**
   * Where to compute (from `selectComputeDevice` of lib/gpu). A GPU device labels the plain chiral
   * samples and computes their `projector` in float32 ({@linkcode datasetComputePlan}): a
   * different dataset from the CPU reference, with `compute` in its header and its own content
   * hash. Default: the CPU reference.
   */
  readonly device?: ComputeDevice | null;
  /** Called after every chunk. */
  readonly onProgress?: (progress: BuildProgress) => void;
}

/**
 * Generates a dataset and writes it to `path` atomically: into a temporary file beside it, then a
 * rename, so a reader never sees half a file and a failed build leaves nothing behind. The bytes
 * do not depend on the worker count or the chunk size; they depend on the compute (CPU reference
 * or GPU, see {@linkcode DatasetBuildOptions.device}), which the header records. Returns the header,
 * with its content hash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, datasetSpec } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 8, validation: 2, test: 2 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * const header = await buildDataset(spec, path, { workers: 1 });
 * assert.match(header.hash, /^[0-9a-f]{64}$/);
 * await Deno.remove(path);
 * ```
 */
export async function buildDataset(
  spec: DatasetSpec,
  path: string,
  options: DatasetBuildOptions = {},
): Promise<DatasetHeader> {
  const plan = datasetComputePlan(spec, options.device);
  const workers = plan.context
    ? 1
    : options.workers ?? Math.min(navigator.hardwareConcurrency || 1, 8);
  const chunkSize = options.chunkSize ?? (plan.context ? 256 : 32);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer: received ${chunkSize}`);
  }
  const placeholder = headerFor(spec, undefined, plan.compute);
  const preamble = encodePreamble(placeholder);
  const dataStart = preamble.length;
  const pool = chunkPool(spec, workers, { gpu: plan.context });
  const hashes = new Map<string, Hash>(
    placeholder.sections.map((
      section,
    ) => [`${section.split}/${section.array}`, createHash("sha256")]),
  );
  try {
    return await writeAtomic(path, async (file) => {
      await writeAt(file, 0, preamble);
      const jobs: Array<[Split, number, number]> = [];
      for (const split of SPLITS) {
        for (let start = 0; start < spec.splits[split]; start += chunkSize) {
          jobs.push([split, start, Math.min(start + chunkSize, spec.splits[split])]);
        }
      }
      const total = jobs.reduce((sum, [, start, end]) => sum + end - start, 0);
      const began = performance.now();
      let done = 0;
      // Keep a window of chunks in flight; write them in order so each section hashes in order.
      const window = 2 * workers;
      const inFlight: Promise<Chunk>[] = [];
      let nextJob = 0;
      while (nextJob < jobs.length && inFlight.length < window) {
        inFlight.push(pool.generate(...jobs[nextJob++]));
      }
      while (inFlight.length > 0) {
        const chunk = await inFlight.shift()!;
        if (nextJob < jobs.length) inFlight.push(pool.generate(...jobs[nextJob++]));
        for (const section of placeholder.sections) {
          if (section.split !== chunk.split) continue;
          const bytes = new Uint8Array(chunk.arrays[section.array]!);
          await writeAt(
            file,
            dataStart + section.offset + chunk.start * section.sampleBytes,
            bytes,
          );
          hashes.get(`${section.split}/${section.array}`)!.update(bytes);
        }
        done += chunk.end - chunk.start;
        options.onProgress?.({ done, total, elapsedSeconds: (performance.now() - began) / 1000 });
      }
      // Pad the file to its full length (the last section's alignment).
      const last = placeholder.sections[placeholder.sections.length - 1];
      const end = dataStart + last.offset + Math.ceil(last.byteLength / 8) * 8;
      await file.truncate(end);
      const digests = placeholder.sections.map((section) => {
        const hash = hashes.get(`${section.split}/${section.array}`)!;
        const padding = Math.ceil(section.byteLength / 8) * 8 - section.byteLength;
        if (padding > 0) hash.update(new Uint8Array(padding));
        return hash.digest("hex");
      });
      const header = headerFor(spec, contentHash(spec, digests, plan.compute), plan.compute);
      await writeAt(file, 0, encodePreamble(header));
      await file.sync();
      return header;
    });
  } finally {
    pool.close();
  }
}

async function writeAt(file: Deno.FsFile, position: number, bytes: Uint8Array): Promise<void> {
  await file.seek(position, Deno.SeekMode.Start);
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}
