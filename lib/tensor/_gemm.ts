// Private: the suite's WebAssembly SIMD matrix product (wasm/gemm.c, built by
// wasm/build_gemm.ts), instantiated on TensorFlow.js's own wasm memory so that it reads and
// writes tensors in place. Where that memory is shared (tf.ts starts tfjs on a shared memory),
// large products and Adam updates are split between this thread and the worker threads of
// _gemm_pool.ts: by batch entries, by blocks of 4 rows or by panels of 8 columns, never along
// the summed dimension, so that each output element is computed by exactly the instructions of
// the one-thread path (bitwise identical results for any thread count).
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { type Part, poolWorkers, resizePool, runParts, workerCount } from "./_gemm_pool.ts";

const wasmBytes = await Deno.readFile(new URL("./wasm/gemm.wasm", import.meta.url));
const sharedWasmBytes = await Deno.readFile(new URL("./wasm/gemm_shared.wasm", import.meta.url));
/** Products below this many multiply-adds stay on one thread (a hand-off costs ~10 µs). */
const PARALLEL_MADDS = 1 << 17;
/** Adam updates below this many values stay on one thread. */
const PARALLEL_VALUES = 1 << 14;
const NR = 8;
const KC = 256;
const MR = 4;

interface Exports {
  gemm(...args: number[]): void;
  pad_rows(...args: number[]): void;
  adam(...args: number[]): void;
  column_sums(...args: number[]): void;
}

interface GemmModule {
  readonly memory: WebAssembly.Memory;
  readonly exports: Exports;
  scratch: number;
  scratchFloats: number;
}

let gemmModule: GemmModule | null = null;

/** What the suite uses of tfjs's Emscripten module (the non-threaded SIMD build). */
interface EmscriptenModule {
  asm: { memory: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

function emscripten(backend: BackendWasm): EmscriptenModule {
  return backend.wasm as unknown as EmscriptenModule;
}

function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
}

function gemmInstance(backend: BackendWasm): GemmModule {
  const memory = emscripten(backend).asm.memory;
  if (gemmModule === null || gemmModule.memory !== memory) {
    const bytes = isShared(memory) ? sharedWasmBytes : wasmBytes;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { memory },
    });
    gemmModule = {
      memory,
      exports: instance.exports as unknown as Exports,
      scratch: 0,
      scratchFloats: 0,
    };
  }
  return gemmModule;
}

/**
 * Runs the wasm kernels of `backend` on `count` threads (this one and `count − 1` workers);
 * returns the count in effect: 1 where tfjs's memory is not shared.
 */
export async function setKernelThreads(backend: BackendWasm, count: number): Promise<number> {
  const memory = emscripten(backend).asm.memory;
  const threads = isShared(memory) ? count : 1;
  for (const pool of poolWorkers()) {
    if (pool.scratch !== 0) emscripten(backend)._free(pool.scratch);
    pool.scratch = pool.scratchFloats = 0;
  }
  await resizePool(memory, sharedWasmBytes, threads - 1);
  return threads;
}

/** The thread count the wasm kernels of `backend` run on now. */
export function kernelThreads(backend: BackendWasm): number {
  return 1 + workerCount(emscripten(backend).asm.memory);
}

/** The byte offset of `info`'s data in the wasm heap. */
export function heapOffset(backend: BackendWasm, info: tf.TensorInfo): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset;
}

/** One operand of {@linkcode runGemm}: a tensor, its batch stride, row stride and column stride. */
export interface Operand {
  readonly info: tf.TensorInfo;
  readonly batch: number;
  readonly row: number;
  readonly column: number;
}

/** Whether {@linkcode runGemm} can write `n` output columns (any positive count). */
export function gemmFits(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/** Floats of GEMM scratch for products of `n` columns. */
function scratchFloats(n: number): number {
  return KC * NR * Math.ceil(n / NR) + KC * MR + MR * NR;
}

/**
 * For each of `batch` products, C (=|+=) A·B with A m × k and B k × n (strides in elements,
 * C's column stride 1); `c.batch = 0` sums the products into one C. `n` must pass
 * {@linkcode gemmFits}; a last panel of fewer than 8 columns is computed whole in scratch.
 */
export function runGemm(
  backend: BackendWasm,
  dims: { batch: number; m: number; n: number; k: number },
  a: Operand,
  b: Operand,
  c: { info: tf.TensorInfo; batch: number; row: number },
  accumulate = false,
): void {
  const module = gemmInstance(backend);
  const A = heapOffset(backend, a.info);
  const B = heapOffset(backend, b.info);
  const C = heapOffset(backend, c.info);
  const { batch, m, n, k } = dims;
  const threads = kernelThreads(backend);
  const split = threads > 1 && batch * m * n * k >= PARALLEL_MADDS
    ? splitGemm(dims, a, b, c, threads)
    : null;
  // One call: [batch, m, n, k, A, B, C] relative to the whole problem.
  const call = (part: number[]): number[] => [
    part[0],
    part[1],
    part[2],
    k,
    A + 4 * part[4],
    a.batch,
    a.row,
    a.column,
    B + 4 * part[5],
    b.batch,
    b.row,
    b.column,
    C + 4 * part[6],
    c.batch,
    c.row,
    accumulate ? 1 : 0,
  ];
  if (split === null) {
    module.exports.gemm(...call([batch, m, n, k, 0, 0, 0]), scratchFor(backend, module, n));
    return;
  }
  const pieces = split.map((part) => call(part));
  const workers = poolWorkers();
  const parts: Part[] = pieces.slice(1).map((args, i) => ({
    fn: "gemm",
    args: [...args, workerScratch(backend, workers[i], split[i + 1][2])],
  }));
  // Room for any part here, before the workers start: a part no worker has claimed yet when
  // this thread is done runs here, on the same scratch (the same values either way).
  const scratch = scratchFor(backend, module, Math.max(...split.map((part) => part[2])));
  runParts(
    parts,
    () => module.exports.gemm(...pieces[0], scratch),
    (part) => module.exports.gemm(...part.args.slice(0, -1), scratch),
  );
}

/** A main-thread scratch for products of `n` columns. */
function scratchFor(backend: BackendWasm, module: GemmModule, n: number): number {
  const floats = scratchFloats(n);
  if (module.scratchFloats < floats) {
    if (module.scratch !== 0) emscripten(backend)._free(module.scratch);
    module.scratch = emscripten(backend)._malloc(4 * floats);
    module.scratchFloats = floats;
  }
  return module.scratch;
}

function workerScratch(
  backend: BackendWasm,
  pool: { scratch: number; scratchFloats: number },
  n: number,
): number {
  const floats = scratchFloats(n);
  if (pool.scratchFloats < floats) {
    if (pool.scratch !== 0) emscripten(backend)._free(pool.scratch);
    pool.scratch = emscripten(backend)._malloc(4 * floats);
    pool.scratchFloats = floats;
  }
  return pool.scratch;
}

/**
 * The problem cut into `threads` parts `[batch, m, n, k, aOffset, bOffset, cOffset]` (offsets in
 * floats): along the batch where each entry has its own C, else along the rows (in blocks of MR)
 * where A is packed anyway or the columns are too few, else along the columns (in panels of NR,
 * each thread packing only its own panels of B). Never along k, whose order of summation is
 * what makes every element's value.
 */
function splitGemm(
  dims: { batch: number; m: number; n: number; k: number },
  a: Operand,
  b: Operand,
  c: { batch: number; row: number },
  threads: number,
): number[][] | null {
  const { batch, m, n, k } = dims;
  const cuts = (units: number): number[] =>
    Array.from({ length: threads + 1 }, (_, t) => Math.floor((t * units) / threads));
  if (c.batch !== 0 && batch >= threads) {
    const at = cuts(batch);
    return at.slice(0, -1).map((from, t) => [
      at[t + 1] - from,
      m,
      n,
      k,
      from * a.batch,
      from * b.batch,
      from * c.batch,
    ]);
  }
  const rowBlocks = Math.ceil(m / MR);
  const panels = Math.ceil(n / NR);
  const byRows = rowBlocks >= threads && (a.column !== 1 || panels < threads);
  if (byRows) {
    const at = cuts(rowBlocks).map((block) => Math.min(block * MR, m));
    return at.slice(0, -1).map((from, t) => [
      batch,
      at[t + 1] - from,
      n,
      k,
      from * a.row,
      0,
      from * c.row,
    ]);
  }
  if (panels >= threads) {
    const at = cuts(panels).map((panel) => Math.min(panel * NR, n));
    return at.slice(0, -1).map((from, t) => [
      batch,
      m,
      at[t + 1] - from,
      k,
      0,
      from * b.column,
      from,
    ]);
  }
  return null;
}

/**
 * `x` `[rows, width, channels]` copied into a new `[rows, before + width + after, channels]`
 * with zeros around each row (the caller frees it).
 */
export function padRows(
  backend: BackendWasm,
  x: tf.TensorInfo,
  rows: number,
  width: number,
  channels: number,
  before: number,
  after: number,
): tf.TensorInfo {
  const out = backend.makeOutput([rows, before + width + after, channels], "float32");
  gemmInstance(backend).exports.pad_rows(
    rows,
    width,
    channels,
    before,
    after,
    heapOffset(backend, x),
    heapOffset(backend, out),
  );
  return out;
}

/**
 * Adam over float32 tensors in the wasm heap, in float64 with the operations of adam_update.ts's
 * JavaScript loop (identical results): `inputs` value, m, v, gradient; `outputs` value', m', v'.
 */
export function adamInPlace(
  backend: BackendWasm,
  inputs: readonly tf.TensorInfo[],
  outputs: readonly tf.TensorInfo[],
  coefficients: readonly number[],
): void {
  const size = tf.util.sizeFromShape(inputs[0].shape);
  const offsets = [...inputs, ...outputs].map((info) => heapOffset(backend, info));
  const module = gemmInstance(backend);
  const threads = size >= PARALLEL_VALUES ? kernelThreads(backend) : 1;
  if (threads === 1) {
    module.exports.adam(size, ...offsets, ...coefficients);
    return;
  }
  // Element-wise: any cut gives the same values. Cuts at multiples of 4 keep SIMD alignment.
  const at = Array.from(
    { length: threads + 1 },
    (_, t) => Math.min(size, 4 * Math.floor((t * Math.ceil(size / 4)) / threads)),
  );
  at[threads] = size;
  const call = (t: number): number[] => [
    at[t + 1] - at[t],
    ...offsets.map((offset) => offset + 4 * at[t]),
    ...coefficients,
  ];
  const parts: Part[] = Array.from({ length: threads - 1 }, (_, t) => ({
    fn: "adam",
    args: call(t + 1),
  }));
  runParts(
    parts,
    () => module.exports.adam(...call(0)),
    (part) => module.exports.adam(...part.args),
  );
}

/** `out[c] = Σ_r x[r, c]` over a float32 `[rows, columns]` layout, rows summed in order. */
export function columnSums(
  backend: BackendWasm,
  x: tf.TensorInfo,
  rows: number,
  columns: number,
  out: tf.TensorInfo,
): void {
  gemmInstance(backend).exports.column_sums(
    rows,
    columns,
    heapOffset(backend, x),
    heapOffset(backend, out),
  );
}
