// Private: the worker threads that run parts of the suite's wasm kernels beside the main thread,
// on tfjs's shared memory. A part is one call of an export of wasm/gemm_shared.wasm on a
// sub-problem (a range of rows, columns or batch entries); the caller chooses parts so that
// every output element is computed by the same instructions as on one thread, so the results
// do not depend on the thread count. Workers are unreferenced: they never keep the process
// alive.
import { Worker } from "node:worker_threads";
import { CONTROL, EXPORTS, type WorkerSetup } from "./_gemm_protocol.ts";

/** A call of one export on a worker. */
export interface Part {
  readonly fn: typeof EXPORTS[number];
  readonly args: readonly number[];
}

interface PoolWorker {
  readonly worker: Worker;
  readonly header: Int32Array;
  readonly args: Float64Array;
  seq: number;
  /** Byte offset of this worker's GEMM scratch in the heap (0: none yet) and its size. */
  scratch: number;
  scratchFloats: number;
}

let workers: PoolWorker[] = [];
let workersMemory: WebAssembly.Memory | null = null;

/** How many workers are running (the main thread not counted). */
export function workerCount(memory: WebAssembly.Memory): number {
  return workersMemory === memory ? workers.length : 0;
}

/** The workers, for their scratch space (index i: part i + 1). */
export function poolWorkers(): readonly PoolWorker[] {
  return workers;
}

/**
 * Runs `count` workers on `memory` with the module `bytes` (stopping the ones there were);
 * resolves once they are ready to take parts.
 */
export async function resizePool(
  memory: WebAssembly.Memory,
  bytes: Uint8Array<ArrayBuffer>,
  count: number,
): Promise<void> {
  if (workersMemory === memory && workers.length === count) return;
  stopPool();
  const started = await Promise.all(
    Array.from({ length: count }, () => startWorker(memory, bytes)),
  );
  workers = started;
  workersMemory = memory;
}

async function startWorker(
  memory: WebAssembly.Memory,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<PoolWorker> {
  const worker = new Worker(new URL("./_gemm_worker.ts", import.meta.url));
  const control = new SharedArrayBuffer(CONTROL.ints * 4 + CONTROL.args * 8);
  const setup: WorkerSetup = { bytes, memory, control };
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
    worker.postMessage(setup);
  });
  worker.unref();
  return {
    worker,
    header: new Int32Array(control, 0, CONTROL.ints),
    args: new Float64Array(control, CONTROL.ints * 4, CONTROL.args),
    seq: 0,
    scratch: 0,
    scratchFloats: 0,
  };
}

/** Stops every worker. */
export function stopPool(): void {
  for (const pool of workers) {
    pool.header[CONTROL.fn] = -1;
    Atomics.store(pool.header, CONTROL.seq, ++pool.seq);
    Atomics.notify(pool.header, CONTROL.seq);
    pool.worker.terminate();
  }
  workers = [];
  workersMemory = null;
}

/**
 * Hands `parts[i]` to worker i, runs `main` on this thread, then runs each part no worker has
 * claimed yet itself and waits for the others; throws when a part failed. `parts.length` must
 * not exceed the worker count. `local(part)` runs a part on this thread.
 */
export function runParts(
  parts: readonly Part[],
  main: () => void,
  local: (part: Part) => void,
): void {
  for (let i = 0; i < parts.length; i++) {
    const pool = workers[i];
    const { fn, args } = parts[i];
    pool.header[CONTROL.fn] = EXPORTS.indexOf(fn);
    pool.header[CONTROL.argc] = args.length;
    pool.args.set(args);
    Atomics.store(pool.header, CONTROL.seq, ++pool.seq);
    Atomics.notify(pool.header, CONTROL.seq);
  }
  let failure: unknown = null;
  try {
    main();
  } catch (error) {
    failure = error;
  }
  let failed = false;
  for (let i = 0; i < parts.length; i++) {
    const pool = workers[i];
    if (
      Atomics.compareExchange(pool.header, CONTROL.claim, pool.seq - 1, pool.seq) === pool.seq - 1
    ) {
      if (failure === null) {
        try {
          local(parts[i]);
        } catch (error) {
          failure = error;
        }
      }
      continue;
    }
    for (let spin = 0; Atomics.load(pool.header, CONTROL.done) !== pool.seq; spin++) {
      if (spin > CONTROL.spins) Atomics.wait(pool.header, CONTROL.done, pool.seq - 1, 1);
    }
    failed ||= pool.header[CONTROL.error] !== 0;
  }
  if (failure !== null) throw failure;
  if (failed) throw new Error("A wasm kernel part failed on a worker thread");
}
