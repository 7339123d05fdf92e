// Private: one GEMM worker thread of _gemm_pool.ts. It instantiates the suite's wasm module
// (wasm/gemm_shared.wasm) on tfjs's shared memory, then serves jobs forever through a shared
// control block, without the event loop: wait for a new sequence number, claim the job, call the
// named export with the arguments, publish the sequence number as done (or the error).
import { parentPort } from "node:worker_threads";
import { CONTROL, EXPORTS, type WorkerSetup } from "./_gemm_protocol.ts";

parentPort!.once("message", (setup: WorkerSetup) => {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(setup.bytes), {
    env: { memory: setup.memory },
  });
  const functions = EXPORTS.map((name) => instance.exports[name] as (...args: number[]) => void);
  const header = new Int32Array(setup.control, 0, CONTROL.ints);
  const args = new Float64Array(setup.control, CONTROL.ints * 4, CONTROL.args);
  parentPort!.postMessage("ready");
  let seen = 0;
  for (;;) {
    // Spin a little (the next job of a training step comes within microseconds), then sleep.
    for (let spin = 0; spin < CONTROL.spins && Atomics.load(header, CONTROL.seq) === seen; spin++);
    Atomics.wait(header, CONTROL.seq, seen);
    seen = Atomics.load(header, CONTROL.seq);
    if (header[CONTROL.fn] < 0) return;
    // The main thread may have taken the job already.
    if (Atomics.compareExchange(header, CONTROL.claim, seen - 1, seen) !== seen - 1) continue;
    const which = header[CONTROL.fn];
    try {
      functions[which](...args.subarray(0, header[CONTROL.argc]));
      header[CONTROL.error] = 0;
    } catch {
      header[CONTROL.error] = 1;
    }
    Atomics.store(header, CONTROL.done, seen);
    Atomics.notify(header, CONTROL.done);
  }
});
