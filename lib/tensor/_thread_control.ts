// Private: the layout of the control block that _thread_pool.ts and _gemm_worker.ts share in
// tfjs's heap: Int32 words, then the current job's arguments as float64.

/** Word indices of the control block. */
export const CONTROL = {
  /** Bumped by the main thread for every job; workers wait on it. */
  generation: 0,
  /** Workers that finished the current job. */
  done: 1,
  /** Index in KERNEL_NAMES of the current job's kernel. */
  kernel: 2,
  /** How many arguments the current job has. */
  argc: 3,
  /** How many parts the current job has (taken by whichever thread is free first). */
  parts: 4,
  /** Set by a worker whose part threw. */
  failed: 5,
  /** The next part of the current job not yet taken (threads take parts with Atomics.add). */
  next: 6,
  /** How many workers take parts of the current job (workers 0 … workers − 1). */
  workers: 7,
  /**
   * Words active + w (w < MAX_WORKERS): 0 until the main thread counts worker w in, then the
   * generation of the first job it counts it in (a worker that wakes for an older job skips it).
   */
  active: 8,
} as const;

/** The most worker threads (scratch slots 1 … MAX_WORKERS; the main thread's slot is 0). */
export const MAX_WORKERS = 8;

/** Byte offset of the float64 arguments in the control block. */
export const ARGS_OFFSET = 64;
/** The most arguments a job has (before its part, parts and slot). */
export const MAX_ARGS = 24;
/** Bytes of the control block. */
export const CONTROL_BYTES = ARGS_OFFSET + 8 * MAX_ARGS;
/** The wasm/gemm.c exports a job can run; each takes (…args, part, parts, slot). */
export const KERNEL_NAMES = [
  "gemm_part",
  "adam_part",
  "transpose_part",
  "add_bias_part",
  "relu_backprop_part",
  "pad_rows_part",
  "column_sums_part",
  "slice4_part",
  "pad4_part",
  "filter_gradient_loop_part",
  "padded_planes_part",
  "im2col_part",
  "chain_part",
] as const;
/**
 * Busy-wait iterations before a thread sleeps on a futex (~1.5 ms): long enough that a worker
 * stays awake across the gaps between the jobs of a training step (a futex round trip took 53 µs
 * here, and a CNN step posts some fifteen jobs), short enough to idle soon after.
 */
export const SPINS = 200_000;

/**
 * Runs `run(part)` for the current job's parts that no other thread has taken, taking them one
 * at a time from the control block's `next` counter (the main thread and every worker share
 * this loop), until all `parts` are taken.
 */
export function takeParts(words: Int32Array, parts: number, run: (part: number) => void): void {
  for (let part = Atomics.add(words, CONTROL.next, 1); part < parts;) {
    run(part);
    part = Atomics.add(words, CONTROL.next, 1);
  }
}
