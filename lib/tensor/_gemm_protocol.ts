// Private: the layout of the shared job board between _gemm_pool.ts and _gemm_worker.ts.

/** What a worker receives once: the module bytes, tfjs's shared memory, the board, its index. */
export interface WorkerSetup {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly memory: WebAssembly.Memory;
  readonly board: SharedArrayBuffer;
  readonly index: number;
}

/** The exports a job may call, by index. */
export const EXPORTS = ["gemm", "adam"] as const;

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
export const BOARD = {
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
