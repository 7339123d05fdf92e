// Private: the layout of the shared control block between _gemm_pool.ts and _gemm_worker.ts.

/** What a worker receives once: the module bytes, tfjs's shared memory, its control block. */
export interface WorkerSetup {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
}

/** The exports a job may call, by index. */
export const EXPORTS = ["gemm", "adam"] as const;

/**
 * Int32 slots of the control block (`ints` of them, then `args` float64 arguments): the job's
 * sequence number, the last one done, the export's index (−1: exit), the argument count,
 * whether the last job threw, and the last sequence number claimed. A job is run by whichever
 * thread claims it first (compare-and-swap of `claim` from seq − 1 to seq): the worker, or the
 * main thread once its own part is done, so a worker the OS has not scheduled never holds the
 * main thread up (the same instructions run either way). `spins`: polls before a thread sleeps.
 */
export const CONTROL = {
  seq: 0,
  done: 1,
  fn: 2,
  argc: 3,
  error: 4,
  claim: 5,
  ints: 8,
  args: 24,
  spins: 20_000,
} as const;
