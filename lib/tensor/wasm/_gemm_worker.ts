// Private: one GEMM worker thread of ../_gemm_pool.ts. It instantiates the suite's wasm module
// (gemm_shared.wasm) on tfjs's shared memory, then serves jobs forever from the shared board
// (its layout comes with the setup; see _gemm_pool.ts), without the event loop: wait for a new
// job number, claim chunks until none is left, run each, count it finished. It imports nothing
// of the suite, so that read access to this folder is all it needs.
import { parentPort } from "node:worker_threads";

interface WorkerSetup {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly memory: WebAssembly.Memory;
  readonly board: SharedArrayBuffer;
  readonly index: number;
  readonly layout: Readonly<Record<string, number>>;
  readonly exports: readonly string[];
}

parentPort!.once("message", (setup: WorkerSetup) => {
  const BOARD = setup.layout;
  const EXPORTS = setup.exports;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(setup.bytes), {
    env: { memory: setup.memory },
  });
  const functions = EXPORTS.map((name) => instance.exports[name] as (...args: number[]) => void);
  const header = new Int32Array(setup.board, 0, BOARD.ints);
  const args = new Float64Array(setup.board, BOARD.ints * 4, BOARD.chunks * BOARD.stride);
  const gemm = EXPORTS.indexOf("gemm");
  parentPort!.postMessage("ready");
  let seen = Atomics.load(header, BOARD.seq);
  for (;;) {
    // Spin a little (the next job of a training step comes within microseconds), then sleep.
    for (let spin = 0; spin < BOARD.spins && Atomics.load(header, BOARD.seq) === seen; spin++);
    Atomics.wait(header, BOARD.seq, seen);
    seen = Atomics.load(header, BOARD.seq);
    for (;;) {
      const chunk = Atomics.add(header, BOARD.next, 1);
      // Read after the claim: the main thread writes a job before it resets `next`.
      const which = header[BOARD.fn];
      if (which < 0) return;
      if (chunk >= header[BOARD.count]) break;
      try {
        const from = chunk * BOARD.stride;
        const call = Array.from(args.subarray(from, from + header[BOARD.argc]));
        if (which === gemm) call.push(header[BOARD.scratch + setup.index]);
        functions[which](...call);
      } catch {
        header[BOARD.error] = 1;
      }
      Atomics.add(header, BOARD.finished, 1);
      Atomics.notify(header, BOARD.finished);
    }
  }
});
