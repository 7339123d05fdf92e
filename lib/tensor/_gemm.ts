// Private: the suite's WebAssembly SIMD matrix product (wasm/gemm.c, built by
// wasm/build_gemm.ts), instantiated on TensorFlow.js's own wasm memory so that it reads and
// writes tensors in place. Where that memory is shared (tf.ts starts tfjs on a shared memory),
// large products and Adam updates are cut into chunks that this thread and the worker threads
// of _gemm_pool.ts claim as they come free: by batch entries, by blocks of 4 rows or by panels
// of 8 columns, never along the summed dimension, so that each output element is computed by
// exactly the instructions of the one-thread path (bitwise identical results for any thread
// count and whichever thread runs a chunk).
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { MAX_CHUNKS, resizePool, runJob, workerCount, workerScratch } from "./_gemm_pool.ts";

const wasmBytes = await Deno.readFile(new URL("./wasm/gemm.wasm", import.meta.url));
const sharedWasmBytes = await Deno.readFile(new URL("./wasm/gemm_shared.wasm", import.meta.url));
/** Products below this many multiply-adds stay on one thread (a hand-off costs ~10 µs). */
const PARALLEL_MADDS = 1 << 17;
/** Adam updates below this many values stay on one thread. */
const PARALLEL_VALUES = 1 << 14;
/** Chunks per thread: enough that a descheduled worker holds back little, few enough to pack. */
const CHUNKS_PER_THREAD = 4;
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
  for (const scratch of workerScratch()) {
    if (scratch.offset !== 0) emscripten(backend)._free(scratch.offset);
    scratch.offset = scratch.floats = 0;
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
    ? splitGemm(dims, a, b, c, Math.min(MAX_CHUNKS, CHUNKS_PER_THREAD * threads))
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
  // Every thread's scratch holds the widest chunk, before any thread starts.
  const widest = Math.max(...split.map((part) => part[2]));
  const scratch = scratchFor(backend, module, widest);
  for (const own of workerScratch()) {
    const floats = scratchFloats(widest);
    if (own.floats < floats) {
      if (own.offset !== 0) emscripten(backend)._free(own.offset);
      own.offset = emscripten(backend)._malloc(4 * floats);
      own.floats = floats;
    }
  }
  runJob(
    { fn: "gemm", chunks: split.map(call) },
    (args) => module.exports.gemm(...args, scratch),
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

/**
 * The problem cut into up to `threads` parts `[batch, m, n, k, aOffset, bOffset, cOffset]`
 * (offsets in floats): along the batch where each entry has its own C, else along the rows (in blocks of MR)
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
  const cuts = (units: number): number[] => {
    const parts = Math.min(threads, units);
    return Array.from({ length: parts + 1 }, (_, t) => Math.floor((t * units) / parts));
  };
  if (c.batch !== 0 && batch >= 2) {
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
  const byRows = rowBlocks >= 2 && (a.column !== 1 || panels < 2);
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
  if (panels >= 2) {
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
  const chunks = Math.min(MAX_CHUNKS, CHUNKS_PER_THREAD * threads);
  const quads = Math.ceil(size / 4);
  const at = Array.from(
    { length: chunks + 1 },
    (_, t) => Math.min(size, 4 * Math.floor((t * quads) / chunks)),
  );
  const calls = at.slice(0, -1).map((from, t) => [
    at[t + 1] - from,
    ...offsets.map((offset) => offset + 4 * from),
    ...coefficients,
  ]);
  runJob({ fn: "adam", chunks: calls }, (args) => module.exports.adam(...args));
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
