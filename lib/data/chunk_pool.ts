import type { GpuContext } from "../gpu/mod.ts";
import { type Chunk, generateChunk } from "./chunk.ts";
import { generateGpuChunk } from "./gpu_chunk.ts";
import type { DatasetSpec, Split } from "./spec.ts";

/** Options of {@linkcode chunkPool}. */
export interface ChunkPoolOptions {
  /**
   * Label the plain chiral samples on this WebGPU device ({@linkcode generateGpuChunk}). The
   * device belongs to the calling thread: a GPU pool runs there alone, one chunk at a time, and
   * `workers` is ignored. Default `null` (the CPU).
   */
  readonly gpu?: GpuContext | null;
}

/** A source of generated chunks: inline, or spread over worker threads. */
export interface ChunkPool {
  /** Generates one chunk. */
  generate(split: Split, start: number, end: number): Promise<Chunk>;
  /** Stops the workers. */
  close(): void;
}

/**
 * A pool of `workers` generators of chunks of `spec`: the calling thread and `workers − 1` Deno
 * workers, taking jobs in turn (the calling thread computes its turns synchronously, while the
 * workers run). Since a sample depends only on `(spec, split, index)`, the worker count never
 * changes a byte. With `options.gpu` the chunks come from {@linkcode generateGpuChunk} instead,
 * in the calling thread.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { chunkPool } from "./chunk_pool.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: 1, intercell: 0.5,
 *   splits: { train: 2, validation: 0, test: 0 }, seed: 1, balance: false,
 * });
 * const pool = chunkPool(spec, 1);
 * const chunk = await pool.generate("train", 0, 2);
 * pool.close();
 * assert.deepEqual([...new Int8Array(chunk.arrays.winding!)], [0, 0]);
 * ```
 */
export function chunkPool(
  spec: DatasetSpec,
  workers: number,
  options: ChunkPoolOptions = {},
): ChunkPool {
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 64) {
    throw new RangeError(`workers must be an integer in [1, 64]: received ${workers}`);
  }
  const gpu = options.gpu ?? null;
  if (gpu) {
    // One chunk at a time on the device, in order.
    let queue: Promise<unknown> = Promise.resolve();
    return {
      generate(split, start, end) {
        const job = queue.then(() => generateGpuChunk(spec, split, start, end, gpu));
        queue = job.catch(() => {});
        return job;
      },
      close() {},
    };
  }
  if (workers === 1) {
    return {
      generate: (split, start, end) => Promise.resolve(generateChunk(spec, split, start, end)),
      close() {},
    };
  }
  const threads = Array.from(
    { length: workers - 1 },
    () => new Worker(new URL("./_generate_worker.ts", import.meta.url), { type: "module" }),
  );
  const pending = new Map<
    number,
    { resolve: (chunk: Chunk) => void; reject: (error: Error) => void }
  >();
  for (const thread of threads) {
    thread.onmessage = (event: MessageEvent<{ id: number; chunk?: Chunk; error?: string }>) => {
      const job = pending.get(event.data.id)!;
      pending.delete(event.data.id);
      if (event.data.error) job.reject(new Error(`Dataset worker failed: ${event.data.error}`));
      else job.resolve(event.data.chunk!);
    };
    thread.onerror = (event) => {
      event.preventDefault();
      for (const job of pending.values()) {
        job.reject(new Error(`Dataset worker crashed: ${event.message}`));
      }
      pending.clear();
    };
  }
  let next = 0;
  return {
    generate(split, start, end) {
      const id = next++;
      if (id % workers === 0) {
        try {
          return Promise.resolve(generateChunk(spec, split, start, end));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return new Promise<Chunk>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        threads[id % workers - 1].postMessage({ id, spec, split, start, end });
      });
    },
    close() {
      for (const thread of threads) thread.terminate();
    },
  };
}
