// Private: the suite's WebAssembly SIMD matrix product (wasm/gemm.c, built by
// wasm/build_gemm.ts), instantiated on TensorFlow.js's own wasm memory so that it reads and
// writes tensors in place.
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

const wasmBytes = await Deno.readFile(new URL("./wasm/gemm.wasm", import.meta.url));
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

function gemmInstance(backend: BackendWasm): GemmModule {
  const memory = emscripten(backend).asm.memory;
  if (gemmModule === null || gemmModule.memory !== memory) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {
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

/** Whether {@linkcode runGemm} can write `n` output columns. */
export function gemmFits(n: number): boolean {
  return n > 0 && n % NR === 0;
}

/**
 * For each of `batch` products, C (=|+=) A·B with A m × k and B k × n (strides in elements,
 * C's column stride 1); `c.batch = 0` sums the products into one C. `n` must pass
 * {@linkcode gemmFits}.
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
  const floats = KC * dims.n + KC * MR;
  if (module.scratchFloats < floats) {
    if (module.scratch !== 0) emscripten(backend)._free(module.scratch);
    module.scratch = emscripten(backend)._malloc(4 * floats);
    module.scratchFloats = floats;
  }
  module.exports.gemm(
    dims.batch,
    dims.m,
    dims.n,
    dims.k,
    heapOffset(backend, a.info),
    a.batch,
    a.row,
    a.column,
    heapOffset(backend, b.info),
    b.batch,
    b.row,
    b.column,
    heapOffset(backend, c.info),
    c.batch,
    c.row,
    accumulate ? 1 : 0,
    module.scratch,
  );
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
  gemmInstance(backend).exports.adam(size, ...offsets, ...coefficients);
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
