// Multi-threaded wasm kernels (issue 19): tfjs's heap is a shared memory, worker threads run parts
// of the suite's GEMM, convolutions and Adam on it, and every thread count gives the one-thread
// numbers bit for bit — for the kernels alone over a matrix of shapes (each way the output is
// split: whole products, row blocks, column panels, too small to split) and for whole training
// runs of the benchmark networks.
import assert from "node:assert/strict";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import {
  MAX_WASM_THREADS,
  selectBackend,
  setWasmThreads,
  tf,
  wasmThreads,
} from "../lib/tensor/mod.ts";
import { importSharedMemory } from "../lib/tensor/_shared_heap.ts";
import { ThreadPool } from "../lib/tensor/_thread_pool.ts";
import { Rng } from "../lib/rng.ts";
import { cnn, mlp } from "../lib/models/mod.ts";
import { syntheticSource, trainModel } from "../lib/train/mod.ts";

await selectBackend("wasm");
const initialThreads = wasmThreads();

/** Asserts `actual` and `expected` hold the same float32 bits (a short message at the first miss). */
function assertSameBits(actual: Float32Array, expected: Float32Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const miss = a.findIndex((bits, i) => bits !== e[i]);
  if (miss >= 0) {
    assert.fail(`${label}: element ${miss} is ${actual[miss]}, expected ${expected[miss]}`);
  }
}

/** `compute` on 1, 2 and 3 threads; asserts the three results are equal bit for bit. */
async function sameOnEveryCount(
  label: string,
  compute: () => Promise<Float32Array[]>,
): Promise<void> {
  const results: Float32Array[][] = [];
  for (const threads of [1, 2, 3]) {
    assert.equal(await setWasmThreads(threads), threads, `${threads} threads start`);
    results.push(await compute());
  }
  await setWasmThreads(initialThreads);
  for (const [i, result] of results.entries()) {
    assert.equal(result.length, results[0].length);
    result.forEach((values, j) =>
      assertSameBits(values, results[0][j], `${label}: ${i + 1} threads vs 1, output ${j}`)
    );
  }
}

Deno.test("the wasm heap is a shared memory", () => {
  const backend = tf.backend() as BackendWasm;
  const tensor = tf.ones([4]);
  assert.ok(backend.typedArrayFromHeap(tensor).buffer instanceof SharedArrayBuffer);
  tensor.dispose();
});

/**
 * (batched, broadcast) `op(A)·op(B)` in float64, and Σ|a||b| per element (the scale of its
 * float32 rounding error).
 */
function float64Product(
  a: Float32Array,
  shapeA: number[],
  b: Float32Array,
  shapeB: number[],
  transposeA: boolean,
  transposeB: boolean,
): { values: number[]; magnitudes: number[] } {
  const [rowsA, columnsA] = shapeA.slice(-2);
  const [rowsB, columnsB] = shapeB.slice(-2);
  const [m, k] = transposeA ? [columnsA, rowsA] : [rowsA, columnsA];
  const n = transposeB ? rowsB : columnsB;
  const batchA = shapeA.length > 2 ? shapeA[0] : 1;
  const batchB = shapeB.length > 2 ? shapeB[0] : 1;
  const values: number[] = [];
  const magnitudes: number[] = [];
  for (let batch = 0; batch < Math.max(batchA, batchB); batch++) {
    const offsetA = (batchA === 1 ? 0 : batch) * m * k;
    const offsetB = (batchB === 1 ? 0 : batch) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let magnitude = 0;
        for (let p = 0; p < k; p++) {
          const x = a[offsetA + (transposeA ? p * m + i : i * k + p)];
          const y = b[offsetB + (transposeB ? j * k + p : p * n + j)];
          sum += x * y;
          magnitude += Math.abs(x * y);
        }
        values.push(sum);
        magnitudes.push(magnitude);
      }
    }
  }
  return { values, magnitudes };
}

Deno.test("matrix products give the same numbers on 1, 2 and 3 threads, and the right ones", async () => {
  // [a shape, b shape, transposeA, transposeB]: m ≤ n and m > n (panels or row blocks), k over
  // the 256-deep blocking, batched (whole products per part), broadcast, m not a multiple of 4,
  // products too small to split (part 0 alone), fewer row blocks and column panels than parts
  // (some parts empty), a batched B read in place over several 256-deep blocks, and a narrow
  // transposed A read in place.
  const cases: [number[], number[], boolean, boolean][] = [
    [[128, 2048], [2048, 128], false, false],
    [[12, 2000], [2000, 16], false, false],
    [[3, 40, 300], [3, 300, 8], false, false],
    [[2, 300, 20], [2, 300, 16], true, false],
    [[128, 2048], [128, 128], true, false],
    [[37, 300], [64, 300], false, true],
    [[1030, 72], [72, 16], false, false],
    [[6, 50, 40], [6, 40, 24], false, false],
    [[6, 40, 50], [40, 24], true, false],
    [[3, 9], [9, 8], false, false],
    [[257, 513], [513, 40], false, false],
  ];
  for (const [shapeA, shapeB, transposeA, transposeB] of cases) {
    const a = tf.randomNormal(shapeA, 0, 1, "float32", 1);
    const b = tf.randomNormal(shapeB, 0, 1, "float32", 2);
    const label = `matMul ${shapeA}×${shapeB}${transposeA ? " Aᵀ" : ""}${transposeB ? " Bᵀ" : ""}`;
    await sameOnEveryCount(
      label,
      async () => [await tf.matMul(a, b, transposeA, transposeB).data() as Float32Array],
    );
    // And the right numbers: within float32 rounding of a float64 product (an operand read at a
    // wrong offset is off by far more).
    const product = await tf.matMul(a, b, transposeA, transposeB).data() as Float32Array;
    const reference = float64Product(
      await a.data() as Float32Array,
      shapeA,
      await b.data() as Float32Array,
      shapeB,
      transposeA,
      transposeB,
    );
    assert.equal(product.length, reference.values.length, `${label}: size`);
    product.forEach((value, i) => {
      const tolerance = 1e-5 * reference.magnitudes[i];
      if (!(Math.abs(value - reference.values[i]) <= tolerance)) {
        assert.fail(`${label}: element ${i} is ${value}, expected ${reference.values[i]}`);
      }
    });
    tf.dispose([a, b]);
  }
});

Deno.test("1-D convolutions and both gradients give the same numbers on 1, 2 and 3 threads", async () => {
  for (
    const [batch, width, channels, filters, kernel] of [
      [128, 64, 32, 32, 5],
      [5, 33, 7, 16, 3],
      // Filter gradient: 12 taps in 3 row blocks, 2 column panels, over 8 or 12 parts.
      [128, 128, 4, 16, 3],
    ]
  ) {
    const x = tf.randomNormal([batch, width, channels], 0, 1, "float32", 3) as tf.Tensor3D;
    const w = tf.randomNormal([kernel, channels, filters], 0, 1, "float32", 4) as tf.Tensor3D;
    const weights = tf.randomNormal([batch, width, filters], 0, 1, "float32", 5);
    const loss = (input: tf.Tensor, filter: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv1d(input as tf.Tensor3D, filter as tf.Tensor3D, 1, "same"), weights));
    await sameOnEveryCount(
      `conv1d [${batch},${width},${channels}] * [${kernel},${channels},${filters}]`,
      async () => {
        const [dx, dw] = tf.grads(loss)([x, w]);
        return [
          await tf.conv1d(x, w, 1, "same").data() as Float32Array,
          await dx.data() as Float32Array,
          await dw.data() as Float32Array,
        ];
      },
    );
    tf.dispose([x, w, weights]);
  }
});

Deno.test("training the benchmark networks gives the same weights on 1 and 2 threads", async () => {
  const input = { representation: "amplitudes", cells: 32, shape: [32, 64] } as const;
  const source = syntheticSource({
    sampleShape: input.shape,
    seed: 3,
    samples: { train: 256, validation: 1, test: 1 },
  });
  for (const architecture of [mlp(), cnn()]) {
    const runs: { losses: number[]; weights: Float32Array[] }[] = [];
    for (const threads of [1, 2]) {
      await setWasmThreads(threads);
      const model = architecture.build({
        input,
        classWindings: [0, 1],
        seed: 1,
        init: { kind: "random" },
      });
      const run = await trainModel({
        model,
        source,
        optimizer: { kind: "adam", learningRate: 1e-3 },
        steps: 4,
        batchSize: 128,
        seed: 9,
        evaluateEvery: 2,
      });
      runs.push({
        losses: run.curves.map((point) => point.loss),
        weights: await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>)),
      });
      model.dispose();
    }
    await setWasmThreads(initialThreads);
    assert.ok(runs[0].losses.length > 0 && runs[0].losses.every(Number.isFinite));
    assert.deepEqual(runs[1].losses, runs[0].losses, `${architecture.name} losses`);
    runs[1].weights.forEach((values, i) =>
      assertSameBits(values, runs[0].weights[i], `${architecture.name} variable ${i}`)
    );
  }
});

Deno.test("setWasmThreads rejects counts outside 1 … MAX_WASM_THREADS before changing anything", async () => {
  const before = wasmThreads();
  for (const bad of [0, -1, 1.5, MAX_WASM_THREADS + 1, Number.NaN]) {
    await assert.rejects(
      () => setWasmThreads(bad),
      (error: Error) =>
        error instanceof RangeError &&
        error.message ===
          `Wasm threads must be an integer from 1 to ${MAX_WASM_THREADS}: received ${bad}`,
    );
  }
  assert.equal(wasmThreads(), before);
});

Deno.test("TOPOLEARN_WASM_THREADS sets the thread count, else a SLURM task's CPUs; a bad value stops with its name", async () => {
  const script = 'import { wasmThreads } from "./lib/tensor/mod.ts"; console.log(wasmThreads());';
  const run = (env: Record<string, string>) =>
    new Deno.Command(Deno.execPath(), {
      args: ["eval", script],
      // Only these variables: a TOPOLEARN_WASM_THREADS or SLURM_CPUS_PER_TASK of the caller's
      // must not decide the cases.
      clearEnv: true,
      env: {
        NO_COLOR: "1",
        ...Object.fromEntries(
          ["HOME", "PATH", "DENO_DIR"].flatMap((name) => {
            const value = Deno.env.get(name);
            return value === undefined ? [] : [[name, value]];
          }),
        ),
        ...env,
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const threadsWith = async (env: Record<string, string>) =>
    new TextDecoder().decode((await run(env)).stdout).trim();
  assert.equal(await threadsWith({ TOPOLEARN_WASM_THREADS: "3" }), "3");
  assert.equal(await threadsWith({ SLURM_CPUS_PER_TASK: "4" }), "4");
  assert.equal(await threadsWith({ SLURM_CPUS_PER_TASK: "40" }), String(MAX_WASM_THREADS));
  assert.equal(
    await threadsWith({ SLURM_CPUS_PER_TASK: "40", TOPOLEARN_WASM_THREADS: "2" }),
    "2",
  );
  const bad = await run({ TOPOLEARN_WASM_THREADS: "many" });
  assert.notEqual(bad.code, 0);
  assert.match(
    new TextDecoder().decode(bad.stderr),
    /TOPOLEARN_WASM_THREADS must be an integer from 1 to 9: received "many"/,
  );
});

Deno.test("importSharedMemory moves a module's own memory to a shared import with its limits", () => {
  // (module (memory 2 7) (export "memory" (memory 0)) (func (export "get") (result i32)
  //   i32.const 0 i32.load) (data (i32.const 0) "\2a"))
  const bytes = new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    0x01,
    0x05,
    0x01,
    0x60,
    0x00,
    0x01,
    0x7f, // type: () -> i32
    0x03,
    0x02,
    0x01,
    0x00, // function 0
    0x05,
    0x04,
    0x01,
    0x01,
    0x02,
    0x07, // memory 2..7 pages
    0x07,
    0x10,
    0x02,
    0x06,
    0x6d,
    0x65,
    0x6d,
    0x6f,
    0x72,
    0x79,
    0x02,
    0x00,
    0x03,
    0x67,
    0x65,
    0x74,
    0x00,
    0x00,
    0x0a,
    0x09,
    0x01,
    0x07,
    0x00,
    0x41,
    0x00,
    0x28,
    0x02,
    0x00,
    0x0b, // get
    0x0b,
    0x07,
    0x01,
    0x00,
    0x41,
    0x00,
    0x0b,
    0x01,
    0x2a, // data
  ]);
  const own = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  assert.equal((own.exports.get as () => number)(), 42);
  const shared = importSharedMemory(bytes);
  assert.ok(shared !== null);
  assert.equal(shared.initial, 2);
  assert.equal(shared.maximum, 7);
  const module = new WebAssembly.Module(shared.bytes);
  assert.deepEqual(WebAssembly.Module.imports(module), [
    { module: "env", name: "memory", kind: "memory" },
  ]);
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 7, shared: true });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  assert.equal((instance.exports.get as () => number)(), 42);
  assert.equal(instance.exports.memory, memory);
  assert.equal(new Uint8Array(memory.buffer)[0], 42);
  // No memory of its own, a memory without a maximum, or not wasm at all: left alone.
  assert.equal(importSharedMemory(shared.bytes), null);
  const unbounded = bytes.slice();
  unbounded.set([0x05, 0x03, 0x01, 0x00, 0x02, 0x07], 19);
  assert.equal(importSharedMemory(unbounded.subarray(0, 24)), null);
  assert.equal(importSharedMemory(new Uint8Array([1, 2, 3])), null);
});

Deno.test("wasm Transpose gives the cpu backend's result for every permutation, on 1, 2 and 3 threads", async () => {
  const permutations = (n: number): number[][] =>
    n === 1
      ? [[0]]
      : permutations(n - 1).flatMap((p) =>
        Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])
      );
  for (const shape of [[128, 2048], [3, 1, 17, 9], [2, 5, 1, 3], [1, 1, 4], [7]]) {
    const values = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => i - 3.5);
    for (const perm of permutations(shape.length)) {
      await selectBackend("cpu");
      const expected = await tf.transpose(tf.tensor(values, shape), perm).data() as Float32Array;
      await selectBackend("wasm");
      await sameOnEveryCount(`transpose [${shape}] by [${perm}]`, async () => {
        const x = tf.tensor(values, shape);
        const out = tf.transpose(x, perm);
        assert.deepEqual(out.shape, perm.map((axis) => shape[axis]));
        const data = await out.data() as Float32Array;
        assertSameBits(data, expected, `transpose [${shape}] by [${perm}] vs cpu`);
        tf.dispose([x, out]);
        return [data];
      });
    }
  }
  const ints = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], "int32");
  assert.deepEqual(await tf.transpose(ints).data(), new Int32Array([1, 4, 2, 5, 3, 6]));
  ints.dispose();
});

Deno.test("wasm bias Add gives the cpu backend's sums, either way round, on 1, 2 and 3 threads", async () => {
  // Bias shapes the override takes, and broadcasts it leaves to the built-in kernel.
  const cases: [number[], number[]][] = [
    [[128, 64, 32], [32]],
    [[32], [128, 64, 32]],
    [[300, 7], [7]],
    [[5], [5]],
    [[4, 3], [4, 1]],
    [[4, 3], [1, 3]],
    [[6, 4], [6, 4]],
    [[2, 3], []],
  ];
  for (const [shapeA, shapeB] of cases) {
    const a = tf.randomNormal(shapeA, 0, 1, "float32", 11);
    const b = tf.randomNormal(shapeB, 0, 1, "float32", 12);
    const [valuesA, valuesB] = [await a.data(), await b.data()];
    await selectBackend("cpu");
    const expected = await tf.add(tf.tensor(valuesA, shapeA), tf.tensor(valuesB, shapeB))
      .data() as Float32Array;
    await selectBackend("wasm");
    await sameOnEveryCount(`add [${shapeA}] + [${shapeB}]`, async () => {
      const sum = await tf.add(a, b).data() as Float32Array;
      assertSameBits(sum, expected, `add [${shapeA}] + [${shapeB}] vs cpu`);
      return [sum];
    });
    tf.dispose([a, b]);
  }
  const ints = tf.add(tf.tensor2d([[1, 2]], [1, 2], "int32"), tf.tensor1d([3, 4], "int32"));
  assert.equal(ints.dtype, "int32");
  assert.deepEqual(await ints.data(), new Int32Array([4, 6]));
});

Deno.test("the wasm ReLU gradient kernel gives tfjs's dy · cast(step(x)) bit for bit, on 1, 2 and 3 threads", async () => {
  const special = [Number.NaN, -0, 0, 1e-45, -1e-45, Infinity, -Infinity, 3, -3];
  const size = 300_007; // above the size the kernels split over threads (2¹⁸)
  const x = tf.tensor1d(
    Float32Array.from({ length: size }, (_, i) => i < special.length ? special[i] : Math.sin(i)),
  );
  const dy = tf.tensor1d(
    Float32Array.from({ length: size }, (_, i) => i % 7 === 0 ? -0 : Math.cos(3 * i) * 1e3),
  );
  const expected = await tf.mul(dy, tf.cast(tf.step(x), "float32")).data() as Float32Array;
  await sameOnEveryCount("relu backprop", async () => {
    const out = tf.engine().runKernel("TopolearnReluBackprop", { dy, x }, {}) as tf.Tensor;
    const values = await out.data() as Float32Array;
    assertSameBits(values, expected, "relu backprop vs tfjs's expression");
    out.dispose();
    return [values];
  });
  const grad = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.relu(input), dy)))(x);
  assertSameBits(await grad.data() as Float32Array, expected, "tf.grad of relu");
  tf.dispose([x, dy, grad]);
});

Deno.test("a part that traps fails the job with a clear error on whichever thread it ran, and the pool runs the next job", async () => {
  const bytes = await Deno.readFile(new URL("../lib/tensor/wasm/gemm.wasm", import.meta.url));
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 4, shared: true });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const pool = new ThreadPool(memory, bytes, 0, instance.exports);
  assert.equal(await pool.grow(1), 1);
  // Two 64 × 64 int matrices (16 KiB each) at 4096; out at 100,000: part 1's matrix ends past
  // the 128 KiB memory. Parts go to whichever thread is free: a worker's trap is an Error naming
  // the kernel, the main thread's the RuntimeError it is (after the worker is done).
  const heap = new Int32Array(memory.buffer);
  heap.set(Int32Array.from({ length: 2 * 64 * 64 }, (_, i) => i), 4096 / 4);
  for (let run = 0; run < 20; run++) {
    assert.throws(
      () => pool.run("transpose_part", [2, 64, 64, 4096, 100_000], 2),
      (error: Error) => {
        return error instanceof WebAssembly.RuntimeError ||
          error.message ===
            "A worker thread's part of transpose_part failed (a trap in wasm/gemm.c)";
      },
    );
  }
  // After failed jobs the pool still splits the next one between its threads correctly.
  for (const parts of [1, 3]) {
    new Int32Array(memory.buffer, 36_864, 2 * 64 * 64).fill(-1);
    pool.run("transpose_part", [2, 64, 64, 4096, 36_864], 2, parts);
    const out = new Int32Array(memory.buffer, 36_864, 2 * 64 * 64);
    assert.equal(out[1], 64); // out[0][0][1] = x[0][1][0]
    assert.equal(out[64 * 64 + 1], 64 * 64 + 64); // the second matrix
    assert.ok(out.every((value) => value >= 0), `every element written (${parts} per thread)`);
  }
});

Deno.test("wasm sums over leading axes give float32 sums in row order on 1, 2 and 3 threads", async () => {
  for (const shape of [[128, 64, 32], [300, 37], [9, 2], [4, 5, 70]]) {
    const x = tf.randomNormal(shape, 0, 1, "float32", 13);
    const axes = [...shape.keys()].slice(0, -1);
    const values = await x.data() as Float32Array;
    const columns = shape[shape.length - 1];
    // The reference: each column summed in float32, rows in order.
    const expected = new Float32Array(columns);
    for (let r = 0; r < values.length / columns; r++) {
      for (let c = 0; c < columns; c++) {
        expected[c] = Math.fround(expected[c] + values[r * columns + c]);
      }
    }
    await sameOnEveryCount(`sum [${shape}] over [${axes}]`, async () => {
      const sum = await tf.sum(x, axes).data() as Float32Array;
      assertSameBits(sum, expected, `sum [${shape}] vs float32 in row order`);
      return [sum];
    });
    x.dispose();
  }
});

Deno.test("wasm Slice and PadV2 give the cpu backend's tensors for ranks 1 to 4, on 1, 2 and 3 threads", async () => {
  const rng = Rng.stream(5, "slice-pad-test");
  const int = (n: number) => Math.floor(rng.uniform(0, n));
  for (let trial = 0; trial < 40; trial++) {
    const rank = 1 + (trial % 4);
    // Every fifth trial above the size the kernels split over threads (2¹⁸ elements).
    const large = [[300_000], [100_000, 3], [128, 64, 32], [64, 50, 50, 2]][rank - 1];
    const shape = trial % 5 === 4 ? large : Array.from({ length: rank }, () => 1 + int(6));
    const dtype = trial % 3 === 0 ? "int32" : "float32";
    const size = shape.reduce((a, b) => a * b, 1);
    const values = dtype === "int32"
      ? Int32Array.from({ length: size }, (_, i) => i * 7 - 40)
      : Float32Array.from({ length: size }, (_, i) => Math.sin(i) * 1e3);
    const begin = shape.map((extent) => int(extent));
    const extent = shape.map((e, axis) => 1 + int(e - begin[axis]));
    const paddings = shape.map(() => [int(3), int(3)] as [number, number]);
    // A -0 fill: the cpu backend writes +0, tfjs's wasm kernel (and the suite's) -0.
    const value = [0, 2.5, -7, -0][trial % 4];
    const compute = async (fill = value) => {
      const x = tf.tensor(values, shape, dtype);
      const sliced = tf.slice(x, begin, extent);
      const padded = tf.pad(x, paddings, fill);
      const out = [await sliced.data(), await padded.data()];
      tf.dispose([x, sliced, padded]);
      return out.map((data) => new Float32Array(data.buffer, data.byteOffset, data.length));
    };
    await selectBackend("cpu");
    const expected = await compute(Object.is(value, -0) ? 12345 : value);
    if (Object.is(value, -0) && dtype === "float32") {
      expected[1] = expected[1].map((v) => v === 12345 ? -0 : v);
    } else if (Object.is(value, -0)) {
      expected[1] = new Float32Array((await compute(0))[1]);
    }
    await selectBackend("wasm");
    await sameOnEveryCount(`slice/pad ${dtype} [${shape}]`, async () => {
      const got = await compute();
      got.forEach((data, i) =>
        assertSameBits(data, expected[i], `${["slice", "pad"][i]} [${shape}] vs cpu`)
      );
      return got;
    });
  }
});

/** The JavaScript filter gradients the suite ran before issue 19, as references. */
function referenceLoopFilterGradient(
  xs: Float32Array,
  dys: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const dw = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let ho = 0; ho < outHeight; ho++) {
      for (let kh = 0; kh < filterHeight; kh++) {
        const h = ho * strideHeight - top + kh;
        if (h < 0 || h >= inHeight) continue;
        for (let wo = 0; wo < outWidth; wo++) {
          const dyAt = ((b * outHeight + ho) * outWidth + wo) * outChannels;
          for (let kw = 0; kw < filterWidth; kw++) {
            const w = wo * strideWidth - left + kw;
            if (w < 0 || w >= inWidth) continue;
            const xAt = ((b * inHeight + h) * inWidth + w) * inChannels;
            const dwAt = (kh * filterWidth + kw) * inChannels * outChannels;
            for (let c = 0; c < inChannels; c++) {
              const value = xs[xAt + c];
              const row = dwAt + c * outChannels;
              for (let f = 0; f < outChannels; f++) dw[row + f] += value * dys[dyAt + f];
            }
          }
        }
      }
    }
  }
  return dw;
}

/** The pre-issue-19 im2col and padded dY of the stride-1 filter gradient (then one matMul). */
function referenceIm2col(
  xs: Float32Array,
  dys: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): { col: tf.Tensor; dyPad: tf.Tensor } {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const paddedHeight = outHeight + filterHeight - 1;
  const paddedWidth = outWidth + filterWidth - 1;
  const positions = batchSize * paddedHeight * paddedWidth;
  const rowLength = positions + (filterHeight - 1) * paddedWidth + filterWidth - 1;
  const taps = filterHeight * filterWidth * inChannels;
  const cols = new Float32Array(taps * positions);
  const dyPads = new Float32Array(positions * outChannels);
  const xPad = new Float32Array(inChannels * rowLength);
  for (let b = 0; b < batchSize; b++) {
    for (let h = 0; h < inHeight; h++) {
      const ph = h + top;
      if (ph < 0 || ph >= paddedHeight) continue;
      for (let w = 0; w < inWidth; w++) {
        const pw = w + left;
        if (pw < 0 || pw >= paddedWidth) continue;
        const q = (b * paddedHeight + ph) * paddedWidth + pw;
        const from = ((b * inHeight + h) * inWidth + w) * inChannels;
        for (let c = 0; c < inChannels; c++) xPad[c * rowLength + q] = xs[from + c];
      }
    }
  }
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const shift = kh * paddedWidth + kw;
      for (let c = 0; c < inChannels; c++) {
        const start = c * rowLength + shift;
        cols.set(
          xPad.subarray(start, start + positions),
          ((kh * filterWidth + kw) * inChannels + c) * positions,
        );
      }
    }
  }
  const rowFloats = outWidth * outChannels;
  for (let b = 0; b < batchSize; b++) {
    for (let ho = 0; ho < outHeight; ho++) {
      const from = (b * outHeight + ho) * rowFloats;
      dyPads.set(
        dys.subarray(from, from + rowFloats),
        (b * paddedHeight + ho) * paddedWidth * outChannels,
      );
    }
  }
  return {
    col: tf.tensor(cols, [1, taps, positions]),
    dyPad: tf.tensor(dyPads, [1, positions, outChannels]),
  };
}

Deno.test("2-D filter gradients in the suite's module match the JavaScript they replace bit for bit, on 1, 2 and 3 threads", async () => {
  // [x shape, filter shape, strides, pad]: Cybiński et al.'s three layers, odd sizes, valid and
  // explicit padding, a stride-2 and a stride-(1, 3) case (the direct sum).
  type Case = [
    [number, number, number, number],
    [number, number, number, number],
    [number, number],
    "same" | "valid" | number,
  ];
  const cases: Case[] = [
    [[6, 54, 54, 1], [4, 4, 1, 5], [2, 2], "valid"],
    [[6, 28, 28, 5], [3, 3, 5, 7], [1, 1], "valid"],
    [[64, 28, 28, 7], [3, 3, 7, 9], [1, 1], "valid"],
    [[3, 9, 11, 3], [2, 3, 3, 4], [1, 1], "same"],
    [[2, 7, 10, 2], [3, 2, 2, 3], [1, 3], 1],
    [[2, 8, 8, 3], [3, 3, 3, 2], [2, 2], "same"],
  ];
  for (const [xShape, filterShape, strides, pad] of cases) {
    const info = tf.backend_util.computeConv2DInfo(
      xShape,
      filterShape as [number, number, number, number],
      strides,
      1,
      pad,
    );
    const x = tf.randomNormal(xShape, 0, 1, "float32", 21) as tf.Tensor4D;
    const dy = tf.randomNormal(info.outShape, 0, 1, "float32", 22) as tf.Tensor4D;
    const [xs, dys] = [await x.data() as Float32Array, await dy.data() as Float32Array];
    let expected: Float32Array;
    if (strides[0] === 1 && strides[1] === 1) {
      const { col, dyPad } = referenceIm2col(xs, dys, info);
      expected = await tf.matMul(col as tf.Tensor3D, dyPad as tf.Tensor3D).data() as Float32Array;
      tf.dispose([col, dyPad]);
    } else {
      expected = referenceLoopFilterGradient(xs, dys, info);
    }
    await sameOnEveryCount(
      `filter gradient [${xShape}] * [${filterShape}] / ${strides}`,
      async () => {
        const dw = tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, {
          strides,
          pad,
          dataFormat: "NHWC",
          filterShape,
        }) as tf.Tensor;
        const values = await dw.data() as Float32Array;
        assertSameBits(
          values,
          expected,
          `filter gradient [${xShape}] * [${filterShape}] vs reference`,
        );
        dw.dispose();
        return [values];
      },
    );
    tf.dispose([x, dy]);
  }
});

Deno.test("second derivatives through ReLU on wasm agree with the cpu backend", async () => {
  const values = [-1.5, 0.5, 2, -0.25, 3];
  const second = async () => {
    const x = tf.tensor1d(values);
    const inner = (input: tf.Tensor) =>
      tf.grad((z: tf.Tensor) => tf.sum(tf.mul(tf.relu(z), tf.mul(z, z))))(input);
    const result = await tf.grad((input: tf.Tensor) => tf.sum(inner(input)))(x).data();
    x.dispose();
    return result as Float32Array;
  };
  await selectBackend("cpu");
  const expected = await second();
  await selectBackend("wasm");
  assert.deepEqual(await second(), expected);
});

Deno.test("int32 pads with fills beyond ±2²⁴ keep tfjs's kernel (its float32 rounding)", async () => {
  const x = tf.tensor1d([1, 2], "int32");
  // tfjs's wasm kernel takes the fill through float32: 2²⁴ + 1 becomes 2²⁴.
  assert.deepEqual(
    await tf.pad(x, [[1, 0]], 2 ** 24 + 1).data(),
    new Int32Array([2 ** 24, 1, 2]),
  );
  assert.deepEqual(await tf.pad(x, [[0, 1]], -7).data(), new Int32Array([1, 2, -7]));
  x.dispose();
});

Deno.test("products of fewer than 8 columns give XNNPACK's numbers bit for bit (NaN stays NaN), on 1, 2 and 3 threads", async () => {
  // XNNPACK still computes products of 9 columns; each element is its own chain, so the first
  // columns of A·[W 0] are XNNPACK's A·W. Values include ±∞, ±0, subnormals, overflow and NaN.
  const rng = Rng.stream(11, "narrow-product-test");
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-40, -1e-42, 3e38, -3e38];
  const draw = (shape: number[], rate: number) =>
    tf.tensor(
      Float32Array.from(
        { length: shape.reduce((size, extent) => size * extent, 1) },
        () =>
          rng.next() < rate
            ? specials[rng.integer(specials.length)]
            : rng.normal() * 10 ** rng.integer(5),
      ),
      shape,
    );
  // [m, k, n, batch of A]: the CNN's head and its filter gradient, rows not a multiple of 8,
  // one column, one step, and a batched left factor against a shared right one.
  const cases = [[128, 2048, 2, 1], [2048, 128, 2, 1], [37, 300, 5, 1], [1000, 64, 1, 1], [
    9,
    1,
    7,
    1,
  ], [13, 50, 3, 4]];
  for (const [m, k, n, batch] of cases) {
    for (const rate of [0, 0.01]) {
      const a = draw(batch > 1 ? [batch, m, k] : [m, k], rate);
      const w = draw([k, n], rate);
      const padded = tf.pad(w, [[0, 0], [0, 9 - n]]);
      const full = tf.matMul(a as tf.Tensor2D, padded as tf.Tensor2D);
      const begin = batch > 1 ? [0, 0, 0] : [0, 0];
      const size = batch > 1 ? [batch, m, n] : [m, n];
      const expected = await tf.slice(full, begin, size).data() as Float32Array;
      for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true]]) {
        if (batch > 1 && transposeA) continue;
        const left = transposeA ? tf.transpose(a) : a;
        const right = transposeB ? tf.transpose(w) : w;
        const label = `[${a.shape}]·[${w.shape}]${transposeA ? " Aᵀ" : ""}${
          transposeB ? " Bᵀ" : ""
        }`;
        await sameOnEveryCount(label, async () => {
          const product = tf.matMul(
            left as tf.Tensor2D,
            right as tf.Tensor2D,
            transposeA,
            transposeB,
          );
          const values = await product.data() as Float32Array;
          product.dispose();
          values.forEach((value, i) => {
            const same = Number.isNaN(value)
              ? Number.isNaN(expected[i])
              : Object.is(value, expected[i]);
            if (!same) assert.fail(`${label}: element ${i} is ${value}, XNNPACK's ${expected[i]}`);
          });
          return [values];
        });
        if (transposeA) left.dispose();
        if (transposeB) right.dispose();
      }
      tf.dispose([a, w, padded, full]);
    }
  }
});
