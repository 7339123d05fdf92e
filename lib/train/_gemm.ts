// Private: the suite's WebAssembly SIMD matrix product (wasm/gemm.c, built by
// wasm/build_gemm.ts), instantiated on TensorFlow.js's own wasm memory so that it reads and
// writes tensors in place.
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

const _bytes = await Deno.readFile(new URL("./wasm/gemm.wasm", import.meta.url));
const _NR = 8;
const _KC = 256;
const _MR = 4;

interface _Exports {
  gemm(...args: number[]): void;
  pad_rows(...args: number[]): void;
  adam(...args: number[]): void;
  column_sums(...args: number[]): void;
}

interface _Module {
  readonly memory: WebAssembly.Memory;
  readonly exports: _Exports;
  scratch: number;
  scratchFloats: number;
}

let _module: _Module | null = null;

/** What the suite uses of tfjs's Emscripten module (the non-threaded SIMD build). */
interface _Emscripten {
  asm: { memory: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

function _emscripten(backend: BackendWasm): _Emscripten {
  return backend.wasm as unknown as _Emscripten;
}

function _instance(backend: BackendWasm): _Module {
  const memory = _emscripten(backend).asm.memory;
  if (_module === null || _module.memory !== memory) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(_bytes), {
      env: { memory },
    });
    _module = {
      memory,
      exports: instance.exports as unknown as _Exports,
      scratch: 0,
      scratchFloats: 0,
    };
  }
  return _module;
}

/** The byte offset of `info`'s data in the wasm heap. */
export function _offset(backend: BackendWasm, info: tf.TensorInfo): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset;
}

/** One operand of {@linkcode _gemm}: a tensor, its batch stride, row stride and column stride. */
export interface _Operand {
  readonly info: tf.TensorInfo;
  readonly batch: number;
  readonly row: number;
  readonly column: number;
}

/** Whether {@linkcode _gemm} can write `n` output columns. */
export function _gemmFits(n: number): boolean {
  return n > 0 && n % _NR === 0;
}

/**
 * For each of `batch` products, C (=|+=) A·B with A m × k and B k × n (strides in elements,
 * C's column stride 1); `c.batch = 0` sums the products into one C. `n` must pass
 * {@linkcode _gemmFits}.
 */
export function _gemm(
  backend: BackendWasm,
  dims: { batch: number; m: number; n: number; k: number },
  a: _Operand,
  b: _Operand,
  c: { info: tf.TensorInfo; batch: number; row: number },
  accumulate = false,
): void {
  const module = _instance(backend);
  const floats = _KC * dims.n + _KC * _MR;
  if (module.scratchFloats < floats) {
    if (module.scratch !== 0) _emscripten(backend)._free(module.scratch);
    module.scratch = _emscripten(backend)._malloc(4 * floats);
    module.scratchFloats = floats;
  }
  module.exports.gemm(
    dims.batch,
    dims.m,
    dims.n,
    dims.k,
    _offset(backend, a.info),
    a.batch,
    a.row,
    a.column,
    _offset(backend, b.info),
    b.batch,
    b.row,
    b.column,
    _offset(backend, c.info),
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
export function _padRows(
  backend: BackendWasm,
  x: tf.TensorInfo,
  rows: number,
  width: number,
  channels: number,
  before: number,
  after: number,
): tf.TensorInfo {
  const out = backend.makeOutput([rows, before + width + after, channels], "float32");
  _instance(backend).exports.pad_rows(
    rows,
    width,
    channels,
    before,
    after,
    _offset(backend, x),
    _offset(backend, out),
  );
  return out;
}

/**
 * Adam over float32 tensors in the wasm heap, in float64 with the operations of adam_update.ts's
 * JavaScript loop (identical results): `inputs` value, m, v, gradient; `outputs` value', m', v'.
 */
export function _adamInPlace(
  backend: BackendWasm,
  inputs: readonly tf.TensorInfo[],
  outputs: readonly tf.TensorInfo[],
  coefficients: readonly number[],
): void {
  const size = tf.util.sizeFromShape(inputs[0].shape);
  const offsets = [...inputs, ...outputs].map((info) => _offset(backend, info));
  _instance(backend).exports.adam(size, ...offsets, ...coefficients);
}

/** `out[c] = Σ_r x[r, c]` over a float32 `[rows, columns]` layout, rows summed in order. */
export function _columnSums(
  backend: BackendWasm,
  x: tf.TensorInfo,
  rows: number,
  columns: number,
  out: tf.TensorInfo,
): void {
  _instance(backend).exports.column_sums(rows, columns, _offset(backend, x), _offset(backend, out));
}
