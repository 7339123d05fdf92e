// Private: one worker thread of _thread_pool.ts. It instantiates the suite's kernels
// (wasm/gemm.c) on tfjs's shared heap and, for every job the main thread posts in the control
// block, takes parts until none is left, then counts itself done.
import { parentPort, workerData } from "node:worker_threads";
import {
  ARGS_OFFSET,
  CONTROL,
  KERNEL_NAMES,
  MAX_ARGS,
  SPINS,
  takeParts,
} from "./_thread_control.ts";

const { memory, bytes, control, worker } = workerData as {
  memory: WebAssembly.Memory;
  bytes: Uint8Array<ArrayBuffer>;
  control: number;
  worker: number;
};
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
const kernels = KERNEL_NAMES.map((name) => instance.exports[name] as (...args: number[]) => void);
const words = new Int32Array(memory.buffer, control, ARGS_OFFSET / 4);
const args = new Float64Array(memory.buffer, control + ARGS_OFFSET, MAX_ARGS);
let seen = Atomics.load(words, CONTROL.generation);
/** This thread's scratch slice in jobs that take one (the main thread's is 0). */
const slot = worker + 1;
parentPort!.postMessage("ready");

for (;;) {
  for (let spin = 0; spin < SPINS && Atomics.load(words, CONTROL.generation) === seen; spin++) {
    // spin first: the next job of a training step usually follows within a millisecond
  }
  Atomics.wait(words, CONTROL.generation, seen);
  seen = Atomics.load(words, CONTROL.generation);
  // Counted in from job `from` on (0: not yet); jobs before it, and jobs that take fewer workers,
  // are not this worker's (the difference is taken in 32 bits: generations wrap).
  const from = Atomics.load(words, CONTROL.active + worker);
  if (from === 0 || ((seen - from) | 0) < 0) continue;
  if (worker >= words[CONTROL.workers]) continue;
  const parts = words[CONTROL.parts];
  const kernel = kernels[words[CONTROL.kernel]];
  const jobArgs = Array.from(args.subarray(0, words[CONTROL.argc]));
  try {
    takeParts(words, parts, (part) => kernel(...jobArgs, part, parts, slot));
  } catch {
    Atomics.store(words, CONTROL.failed, 1);
  }
  Atomics.add(words, CONTROL.done, 1);
  Atomics.notify(words, CONTROL.done);
}
