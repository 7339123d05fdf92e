// Private: the worker threads that run chunks of the suite's wasm kernels beside the main
// thread, on tfjs's shared memory. A chunk is one call of an export of wasm/gemm_shared.wasm on
// a sub-problem (a range of rows, columns or batch entries); the caller cuts the problem so that
// every output element is computed by the same instructions as on one thread, so the results do
// not depend on the thread count nor on which thread ran which chunk. Workers are unreferenced:
// they never keep the process alive.
import { Worker } from "node:worker_threads";

// The worker (wasm/_gemm_worker.ts, beside the .wasm files so that a sandbox granting read access
// to lib/tensor/wasm can start it) imports nothing of the suite: it gets this layout with its
// setup.
/** What a worker receives once: the module bytes, tfjs's shared memory, the board, its index. */
interface WorkerSetup {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly memory: WebAssembly.Memory;
  readonly board: SharedArrayBuffer;
  readonly index: number;
  /** The board's layout and the export names (the worker imports nothing of the suite). */
  readonly layout: typeof BOARD;
  readonly exports: typeof EXPORTS;
}

/** The exports a job may call, by index. */
const EXPORTS = ["gemm", "adam"] as const;

/**
 * The board: `ints` int32 slots, then `chunks` × `stride` float64 arguments. A job is a list of
 * chunks, each one call of the export `fn` with its own arguments (gemm: its scratch appended,
 * the claiming thread's own). Every thread, the main one included, claims the next chunk with
 * an atomic add on `next` until none is left, and counts it in `finished` once run; the main
 * thread returns when all are finished. Which thread runs a chunk changes nothing in its
 * result, and a worker the OS has not scheduled only leaves its chunks to the others.
 * Slots: `seq` the job number (a worker wakes on a change), `fn` the export's index (−1: exit),
 * `argc` the arguments per chunk, `count` the chunks, `next`, `finished`, `error` (a chunk
 * threw), then one scratch offset per worker from `scratch`. `spins`: polls before sleeping.
 */
const BOARD = {
  seq: 0,
  fn: 1,
  argc: 2,
  count: 3,
  next: 4,
  finished: 5,
  error: 6,
  scratch: 8,
  ints: 272,
  chunks: 32,
  stride: 20,
  spins: 2_000,
  /** `next` between jobs: any claim then is past the end (set before a job is written). */
  closed: 1 << 30,
} as const;

/** One job: an export and the arguments of each chunk (gemm: without the scratch). */
export interface Job {
  readonly fn: typeof EXPORTS[number];
  readonly chunks: readonly (readonly number[])[];
}

interface Pool {
  readonly memory: WebAssembly.Memory;
  readonly workers: Worker[];
  readonly header: Int32Array;
  readonly args: Float64Array;
  /** Per worker: its GEMM scratch offset in the heap (0: none yet) and its size in floats. */
  readonly scratch: { offset: number; floats: number }[];
}

let pool: Pool | null = null;

/** How many workers are running on `memory` (the main thread not counted). */
export function workerCount(memory: WebAssembly.Memory): number {
  return pool !== null && pool.memory === memory ? pool.workers.length : 0;
}

/** Each worker's GEMM scratch (the caller sizes and frees them). */
export function workerScratch(): { offset: number; floats: number }[] {
  return pool?.scratch ?? [];
}

/** The most chunks a job may have. */
export const MAX_CHUNKS: number = BOARD.chunks;

/**
 * Runs `count` workers on `memory` with the module `bytes` (stopping the ones there were);
 * resolves once they are ready to take chunks.
 */
export async function resizePool(
  memory: WebAssembly.Memory,
  bytes: Uint8Array<ArrayBuffer>,
  count: number,
): Promise<void> {
  if (workerCount(memory) === count && (count > 0 || pool === null)) return;
  stopPool();
  if (count === 0) return;
  const board = new SharedArrayBuffer(BOARD.ints * 4 + BOARD.chunks * BOARD.stride * 8);
  const header = new Int32Array(board, 0, BOARD.ints);
  header[BOARD.next] = BOARD.closed;
  const workers = await Promise.all(
    Array.from(
      { length: count },
      (_, index) => startWorker({ bytes, memory, board, index, layout: BOARD, exports: EXPORTS }),
    ),
  );
  pool = {
    memory,
    workers,
    header,
    args: new Float64Array(board, BOARD.ints * 4, BOARD.chunks * BOARD.stride),
    scratch: workers.map(() => ({ offset: 0, floats: 0 })),
  };
}

async function startWorker(setup: WorkerSetup): Promise<Worker> {
  const worker = new Worker(new URL("./wasm/_gemm_worker.ts", import.meta.url));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("A GEMM worker did not start within 30 s")),
        30_000,
      );
      worker.once("message", () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      worker.postMessage(setup);
    });
  } catch (error) {
    worker.terminate();
    throw error;
  }
  worker.unref();
  return worker;
}

/** Stops every worker. */
export function stopPool(): void {
  if (pool === null) return;
  pool.header[BOARD.fn] = -1;
  Atomics.add(pool.header, BOARD.seq, 1);
  Atomics.notify(pool.header, BOARD.seq);
  for (const worker of pool.workers) worker.terminate();
  pool = null;
}

/**
 * Runs every chunk of `job` on this thread and the workers, each chunk once, and returns when
 * all are done; throws when one failed. `local(args)` runs a chunk here (gemm: with this
 * thread's scratch). Needs running workers and at most {@linkcode MAX_CHUNKS} chunks.
 */
export function runJob(job: Job, local: (args: readonly number[]) => void): void {
  const { header, args, scratch } = pool!;
  const count = job.chunks.length;
  scratch.forEach((own, i) => header[BOARD.scratch + i] = own.offset);
  const argc = job.chunks[0].length;
  job.chunks.forEach((chunk, i) => args.set(chunk, i * BOARD.stride));
  header[BOARD.fn] = EXPORTS.indexOf(job.fn);
  header[BOARD.argc] = argc;
  header[BOARD.count] = count;
  header[BOARD.error] = 0;
  Atomics.store(header, BOARD.finished, 0);
  Atomics.store(header, BOARD.next, 0);
  Atomics.add(header, BOARD.seq, 1);
  Atomics.notify(header, BOARD.seq);
  let failure: unknown = null;
  for (;;) {
    const chunk = Atomics.add(header, BOARD.next, 1);
    if (chunk >= count) break;
    try {
      if (failure === null) local(job.chunks[chunk]);
    } catch (error) {
      failure = error;
    }
    Atomics.add(header, BOARD.finished, 1);
  }
  for (let spin = 0;; spin++) {
    const finished = Atomics.load(header, BOARD.finished);
    if (finished === count) break;
    if (spin > BOARD.spins) Atomics.wait(header, BOARD.finished, finished, 1);
  }
  // Close the board before the next job is written: a late claim lands past the end.
  Atomics.store(header, BOARD.next, BOARD.closed);
  if (failure !== null) throw failure;
  if (header[BOARD.error] !== 0) throw new Error("A wasm kernel chunk failed on a worker thread");
}
