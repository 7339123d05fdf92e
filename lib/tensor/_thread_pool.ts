// Private: worker threads that run parts of the suite's wasm kernels on tfjs's shared heap.
//
// A job is one kernel call split into parts: the main thread writes the arguments into a control
// block in the heap, bumps its generation word, and every thread, the main one included, takes
// the next untaken part (Atomics.add on a counter) until none is left; the main thread then waits
// until every active worker has counted itself done. Several parts per thread let a thread that
// the system slows down (a shared virtual core) take fewer of them. Kernels split their output,
// never a sum, so a job gives the one-part result bit for bit whatever the number of parts.
// Workers start in the background and take parts only once they have reported ready (jobs run
// on fewer threads until then, with the same results); ready workers are unref'd, so they never
// keep a process alive.
import { Worker } from "node:worker_threads";
import {
  ARGS_OFFSET,
  CONTROL,
  CONTROL_BYTES,
  KERNEL_NAMES,
  MAX_ARGS,
  MAX_WORKERS,
  SPINS,
  takeParts,
} from "./_thread_control.ts";

/** A kernel a job runs: one of {@linkcode KERNEL_NAMES}. */
export type KernelName = typeof KERNEL_NAMES[number];

interface PoolWorker {
  readonly worker: Worker;
  ready: Promise<boolean>;
  isReady: boolean;
}

/** Worker threads on one shared memory, with one control block. */
export class ThreadPool {
  readonly #memory: WebAssembly.Memory;
  readonly #bytes: Uint8Array;
  readonly #control: number;
  readonly #kernels: ((...args: number[]) => void)[];
  readonly #workers: PoolWorker[] = [];
  #active = 0;

  /**
   * `control` is the byte offset of CONTROL_BYTES zeroed bytes (8-aligned) in `memory`;
   * `exports` the main thread's instance of the kernels' module `bytes`.
   */
  constructor(
    memory: WebAssembly.Memory,
    bytes: Uint8Array,
    control: number,
    exports: WebAssembly.Exports,
  ) {
    if (!(memory.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError("ThreadPool needs a shared WebAssembly.Memory");
    }
    this.#memory = memory;
    this.#bytes = bytes;
    this.#control = control;
    this.#kernels = KERNEL_NAMES.map((name) => exports[name] as (...args: number[]) => void);
    new Uint8Array(memory.buffer, control, CONTROL_BYTES).fill(0);
  }

  /** Workers that take parts of jobs now. */
  get activeWorkers(): number {
    return this.#active;
  }

  /**
   * Starts workers up to `count` (at most MAX_WORKERS) and resolves, once all of them have
   * reported ready or failed to start, to how many take parts.
   */
  async grow(count: number): Promise<number> {
    for (let w = this.#workers.length; w < Math.min(count, MAX_WORKERS); w++) {
      this.#workers.push(this.#start(w));
    }
    await Promise.all(this.#workers.slice(0, count).map(({ ready }) => ready));
    return this.#active;
  }

  /**
   * Runs kernel `kernel` with `args` on up to `threads` threads (at most 1 + activeWorkers;
   * workers beyond them sit the job out) in `parts` parts per thread: every thread, this one
   * included, takes the next part not yet taken until none is left, so a thread that the system
   * slows down takes fewer parts. Each thread passes its own scratch slot (0 here). Throws
   * `Error` when a worker's part trapped (and a part's own trap here once the workers are done).
   */
  run(kernel: KernelName, args: readonly number[], threads: number, parts = 1): void {
    const index = KERNEL_NAMES.indexOf(kernel);
    const split = Math.max(1, Math.min(threads, 1 + this.#active));
    if (split === 1) {
      this.#kernels[index](...args, 0, 1, 0);
      return;
    }
    if (args.length > MAX_ARGS) {
      throw new RangeError(`A job takes at most ${MAX_ARGS} arguments: received ${args.length}`);
    }
    const total = split * Math.max(1, Math.floor(parts));
    const words = this.#words();
    new Float64Array(this.#memory.buffer, this.#control + ARGS_OFFSET, MAX_ARGS).set(args);
    words[CONTROL.kernel] = index;
    words[CONTROL.argc] = args.length;
    words[CONTROL.parts] = total;
    words[CONTROL.workers] = split - 1;
    words[CONTROL.failed] = 0;
    Atomics.store(words, CONTROL.next, 0);
    Atomics.store(words, CONTROL.done, 0);
    Atomics.add(words, CONTROL.generation, 1);
    Atomics.notify(words, CONTROL.generation);
    try {
      takeParts(words, total, (part) => this.#kernels[index](...args, part, total, 0));
    } finally {
      // Even when a part traps here, the workers finish theirs before the block is reused.
      const target = split - 1;
      for (let spin = 0;; spin++) {
        const done = Atomics.load(words, CONTROL.done);
        if (done >= target) break;
        if (spin > SPINS) Atomics.wait(words, CONTROL.done, done);
      }
    }
    if (words[CONTROL.failed] !== 0) {
      throw new Error(`A worker thread's part of ${kernel} failed (a trap in wasm/gemm.c)`);
    }
  }

  #words(): Int32Array {
    return new Int32Array(this.#memory.buffer, this.#control, ARGS_OFFSET / 4);
  }

  #start(index: number): PoolWorker {
    const worker = new Worker(new URL("./_gemm_worker.ts", import.meta.url), {
      workerData: {
        memory: this.#memory,
        bytes: this.#bytes,
        control: this.#control,
        worker: index,
      },
    });
    const entry: PoolWorker = { worker, isReady: false, ready: Promise.resolve(false) };
    entry.ready = new Promise<boolean>((resolve) => {
      // Referenced until ready (so that awaiting grow() keeps the event loop alive), then unref'd.
      worker.once("message", () => {
        worker.unref();
        entry.isReady = true;
        this.#activateReadyPrefix();
        resolve(true);
      });
      worker.once("error", () => resolve(false));
    });
    return entry;
  }

  /**
   * Counts in the ready workers with no unready worker before them, from the next job on
   * (between jobs only: this runs on the main thread's event loop, never inside `run`).
   */
  #activateReadyPrefix(): void {
    const words = this.#words();
    // From the next job on (generation + 1; never 0, which means "not counted in").
    const from = (Atomics.load(words, CONTROL.generation) + 1) | 0 || 1;
    while (this.#active < this.#workers.length && this.#workers[this.#active].isReady) {
      Atomics.store(words, CONTROL.active + this.#active, from);
      this.#active++;
    }
  }
}
