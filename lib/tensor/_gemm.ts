// Private: the suite's WebAssembly SIMD matrix product (wasm/gemm.c, built by
// wasm/build_gemm.ts), instantiated on TensorFlow.js's own wasm memory so that it reads and
// writes tensors in place.
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { type KernelName, ThreadPool } from "./_thread_pool.ts";
import { CONTROL_BYTES, MAX_WORKERS } from "./_thread_control.ts";

const wasmBytes = await Deno.readFile(new URL("./wasm/gemm.wasm", import.meta.url));
const NR = 8;
const KC = 256;
const MR = 4;

/** Products of fewer multiply-adds than this run on one thread (a job costs ~10 µs). */
const PARALLEL_WORK = 1 << 18;

interface GemmModule {
  readonly memory: WebAssembly.Memory;
  readonly pool: ThreadPool;
  scratch: number;
  scratchFloats: number;
}

let gemmModule: GemmModule | null = null;
let threads = defaultThreads();

/** The value of environment variable `name`, or undefined where unset or not readable. */
function readEnv(name: string): string | undefined {
  const granted = Deno.permissions.querySync({ name: "env", variable: name }).state === "granted";
  return granted ? Deno.env.get(name) : undefined;
}

/**
 * TOPOLEARN_WASM_THREADS where set (1 … 1 + MAX_WORKERS, else RangeError), else the CPUs SLURM
 * gave the task (SLURM_CPUS_PER_TASK, at most 1 + MAX_WORKERS), else the machine's logical cores
 * (at most 1 + MAX_WORKERS).
 */
function defaultThreads(): number {
  const most = 1 + MAX_WORKERS;
  const variable = "TOPOLEARN_WASM_THREADS";
  const configured = readEnv(variable);
  if (configured !== undefined) {
    const count = Number(configured);
    if (!Number.isInteger(count) || count < 1 || count > most) {
      throw new RangeError(
        `${variable} must be an integer from 1 to ${most}: received "${configured}"`,
      );
    }
    return count;
  }
  const slurm = Number(readEnv("SLURM_CPUS_PER_TASK"));
  if (Number.isInteger(slurm) && slurm >= 1) return Math.min(slurm, most);
  return Math.max(1, Math.min(navigator.hardwareConcurrency ?? 1, most));
}

/** The threads the suite's wasm kernels split their work over (see wasm_threads.ts). */
export function threadCount(): number {
  return threads;
}

/** The threads jobs split over now: the thread count, or fewer while workers are not ready. */
export function effectiveThreadCount(): number {
  return Math.min(threads, 1 + (gemmModule?.pool.activeWorkers ?? 0));
}

/**
 * Sets the thread count (1 … 1 + MAX_WORKERS, checked by the caller) and resolves once the
 * workers it needs have started on `backend`'s heap, to the threads jobs use.
 */
export async function setThreadCount(count: number, backend: BackendWasm): Promise<number> {
  threads = count;
  return 1 + Math.min(await gemmInstance(backend).pool.grow(count - 1), count - 1);
}

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
    const control = emscripten(backend)._malloc(CONTROL_BYTES);
    const pool = new ThreadPool(memory, wasmBytes, control, instance.exports);
    gemmModule = {
      memory,
      pool,
      scratch: 0,
      scratchFloats: 0,
    };
    // Workers start in the background; jobs take them on as they report ready.
    if (threads > 1) pool.grow(threads - 1);
  }
  return gemmModule;
}

/** Jobs of at least this much work run in PARTS_PER_THREAD parts per thread, else one. */
const SPLIT_FINER = 8 * PARALLEL_WORK;
const PARTS_PER_THREAD = 4;

/** The threads a job of `work` multiply-adds (or element copies) runs on. */
function jobThreads(work: number): number {
  return work < PARALLEL_WORK ? 1 : threads;
}

/**
 * Runs `kernel` over `args` on `backend`'s heap, on up to `threads` threads when `work` is
 * worth splitting (in several parts per thread when there is enough of it).
 */
function runJob(backend: BackendWasm, kernel: KernelName, args: number[], work: number): void {
  const parts = work >= SPLIT_FINER ? PARTS_PER_THREAD : 1;
  gemmInstance(backend).pool.run(kernel, args, jobThreads(work), parts);
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
  const work = dims.batch * dims.m * dims.n * dims.k;
  // A scratch slice per thread (a thread runs its parts one after another).
  const floats = (KC * dims.n + KC * MR) * jobThreads(work);
  if (module.scratchFloats < floats) {
    if (module.scratch !== 0) emscripten(backend)._free(module.scratch);
    const scratch = emscripten(backend)._malloc(4 * floats);
    [module.scratch, module.scratchFloats] = scratch === 0 ? [0, 0] : [scratch, floats];
    if (scratch === 0) {
      throw new RangeError(`The wasm heap has no room for ${4 * floats} bytes of GEMM scratch`);
    }
  }
  runJob(backend, "gemm_part", [
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
  ], work);
}

/**
 * C (m × n, row stride n) = X·W in XNNPACK's arithmetic, one unfused multiply and add per step
 * from +0 (tfjs's kernel for products of fewer than 8 columns: see chain_part in gemm.c), with
 * X read as its transpose (`x[p·ld + i]`) and W[p, j] at `w[j·columnStride + p·depthStride]`;
 * split over the threads by blocks of 8 rows of C.
 */
export function runChainProduct(
  backend: BackendWasm,
  dims: { m: number; n: number; k: number },
  x: { info: tf.TensorInfo; ld: number },
  w: { info: tf.TensorInfo; columnStride: number; depthStride: number },
  out: tf.TensorInfo,
): void {
  runJob(backend, "chain_part", [
    dims.m,
    dims.n,
    dims.k,
    heapOffset(backend, x.info),
    x.ld,
    heapOffset(backend, w.info),
    w.columnStride,
    w.depthStride,
    heapOffset(backend, out),
    dims.n,
  ], dims.m * dims.n * dims.k);
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
  runJob(backend, "pad_rows_part", [
    rows,
    width,
    channels,
    before,
    after,
    heapOffset(backend, x),
    heapOffset(backend, out),
  ], rows * (before + width + after) * channels);
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
  // Work 8 per value: Adam's float64 arithmetic (a square root and a division) per value.
  runJob(backend, "adam_part", [size, ...offsets, ...coefficients], 8 * size);
}

/** `out[c] = Σ_r x[r, c]` over a float32 `[rows, columns]` layout, rows summed in order. */
export function columnSums(
  backend: BackendWasm,
  x: tf.TensorInfo,
  rows: number,
  columns: number,
  out: tf.TensorInfo,
): void {
  runJob(backend, "column_sums_part", [
    rows,
    columns,
    heapOffset(backend, x),
    heapOffset(backend, out),
  ], rows * columns);
}

/**
 * `out[b, j, i] = x[b, i, j]` over `[batch, rows, columns]` 4-byte elements (bit copies), split
 * over the threads.
 */
export function transposeMatrices(
  backend: BackendWasm,
  x: tf.TensorInfo,
  out: tf.TensorInfo,
  batch: number,
  rows: number,
  columns: number,
): void {
  runJob(
    backend,
    "transpose_part",
    [batch, rows, columns, heapOffset(backend, x), heapOffset(backend, out)],
    batch * rows * columns,
  );
}

/**
 * `out[r, c] = x[r, c] + bias[c]` (`bias[c] + x[r, c]` where `biasFirst`) over float32
 * `[rows, columns]`, split over the threads.
 */
export function addBias(
  backend: BackendWasm,
  x: tf.TensorInfo,
  bias: tf.TensorInfo,
  out: tf.TensorInfo,
  rows: number,
  columns: number,
  biasFirst: boolean,
): void {
  runJob(backend, "add_bias_part", [
    rows,
    columns,
    heapOffset(backend, x),
    heapOffset(backend, bias),
    heapOffset(backend, out),
    biasFirst ? 1 : 0,
  ], rows * columns);
}

/** `out = dy · step(x)` over `size` float32 values (the ReLU gradient), split over the threads. */
export function reluBackprop(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  x: tf.TensorInfo,
  out: tf.TensorInfo,
  size: number,
): void {
  runJob(
    backend,
    "relu_backprop_part",
    [size, heapOffset(backend, dy), heapOffset(backend, x), heapOffset(backend, out)],
    size,
  );
}

/**
 * A 4-D slice of 4-byte elements (`shape` x's, `begin` and `size` of rank 4), split over the
 * threads.
 */
export function slice4(
  backend: BackendWasm,
  x: tf.TensorInfo,
  out: tf.TensorInfo,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): void {
  runJob(backend, "slice4_part", [
    ...shape.slice(1),
    ...begin,
    ...size,
    heapOffset(backend, x),
    heapOffset(backend, out),
  ], tf.util.sizeFromShape(size as number[]));
}

/**
 * A 4-D constant pad of 4-byte elements (`shape` x's, `before` and `outShape` of rank 4, `value`
 * the fill's bits as an int32), split over the threads.
 */
export function pad4(
  backend: BackendWasm,
  x: tf.TensorInfo,
  out: tf.TensorInfo,
  shape: readonly number[],
  before: readonly number[],
  outShape: readonly number[],
  value: number,
): void {
  runJob(backend, "pad4_part", [
    ...shape,
    ...before,
    ...outShape,
    value,
    heapOffset(backend, x),
    heapOffset(backend, out),
  ], tf.util.sizeFromShape(outShape as number[]));
}

/**
 * The filter gradient of a strided NHWC convolution into `dw` (zeroed), as the JavaScript loop
 * of conv2d_backprop_filter_wasm.ts computes it (float64 terms, float32 sums, same order), split
 * over the threads by filter tap.
 */
export function filterGradientLoop(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  dw: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): void {
  runJob(
    backend,
    "filter_gradient_loop_part",
    [
      info.batchSize,
      info.inHeight,
      info.inWidth,
      info.inChannels,
      info.outHeight,
      info.outWidth,
      info.outChannels,
      info.filterHeight,
      info.filterWidth,
      info.strideHeight,
      info.strideWidth,
      info.padInfo.top,
      info.padInfo.left,
      heapOffset(backend, x),
      heapOffset(backend, dy),
      heapOffset(backend, dw),
    ],
    info.batchSize * info.outHeight * info.outWidth * info.filterHeight * info.filterWidth *
      info.inChannels * info.outChannels,
  );
}

/**
 * The im2col matrix `[taps, batch·Hp·Wp]` of a stride-1 NHWC convolution's filter gradient: the
 * input's channel-major zero-padded planes, then a shifted copy of a plane per tap (see
 * padded_planes_part and im2col_part in gemm.c), each step split over the threads.
 */
export function im2col(
  backend: BackendWasm,
  x: tf.TensorInfo,
  col: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  paddedHeight: number,
  paddedWidth: number,
): void {
  const positions = info.batchSize * paddedHeight * paddedWidth;
  const length = positions + (info.filterHeight - 1) * paddedWidth + info.filterWidth - 1;
  const planes = backend.makeOutput([info.inChannels, length], "float32");
  runJob(backend, "padded_planes_part", [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    paddedHeight,
    paddedWidth,
    info.padInfo.top,
    info.padInfo.left,
    length,
    heapOffset(backend, x),
    heapOffset(backend, planes),
  ], info.inChannels * length);
  runJob(backend, "im2col_part", [
    info.inChannels,
    paddedWidth,
    info.filterHeight,
    info.filterWidth,
    positions,
    length,
    heapOffset(backend, planes),
    heapOffset(backend, col),
  ], tf.util.sizeFromShape(col.shape));
  backend.disposeData(planes.dataId);
}
