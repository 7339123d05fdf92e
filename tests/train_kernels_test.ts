import assert from "node:assert/strict";
import { adamUpdate, tf } from "../lib/tensor/mod.ts";
import { Rng } from "../lib/rng.ts";

function random(shape: number[], seed: number): tf.Tensor {
  const rng = Rng.stream(seed, "test", "kernels");
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Float64 reference: C = op(A)·op(B) with batch broadcasting; op transposes the last two axes. */
function referenceMatMul(a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean): tf.Tensor {
  const at = ta ? tf.transpose(a, [...Array(a.rank - 2).keys(), a.rank - 1, a.rank - 2]) : a;
  const bt = tb ? tf.transpose(b, [...Array(b.rank - 2).keys(), b.rank - 1, b.rank - 2]) : b;
  return tf.sum(tf.mul(tf.expandDims(at, -1), tf.expandDims(bt, -3)), -2);
}

const CASES: [number[], number[]][] = [
  [[3, 4], [4, 5]],
  [[2, 3, 4], [2, 4, 5]],
  [[2, 3, 4], [4, 5]],
  [[1, 3, 4], [2, 4, 5]],
];

function oriented(shape: number[], transpose: boolean): number[] {
  const out = [...shape];
  if (transpose) {
    [out[out.length - 2], out[out.length - 1]] = [out[out.length - 1], out[out.length - 2]];
  }
  return out;
}

for (const backend of ["wasm", "cpu"]) {
  Deno.test(`BatchMatMul and its gradient match a broadcast reference on ${backend}`, async () => {
    await tf.setBackend(backend);
    let seed = 0;
    for (const [shapeA, shapeB] of CASES) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const a = random(oriented(shapeA, ta), seed++);
          const b = random(oriented(shapeB, tb), seed++);
          const weight = random([...shapeA.slice(0, -1), shapeB[shapeB.length - 1]], seed++);
          const loss =
            (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) =>
              tf.sum(tf.mul(f(x, y), weight));
          const fast = tf.grads(loss((x, y) => tf.matMul(x, y, ta, tb)))([a, b]);
          const slow = tf.grads(loss((x, y) => referenceMatMul(x, y, ta, tb)))([a, b]);
          const label = `${backend} [${shapeA}]×[${shapeB}] tA=${ta} tB=${tb}`;
          assert(
            maxDiff(
              await tf.matMul(a, b, ta, tb).data(),
              await referenceMatMul(a, b, ta, tb).data(),
            ) <
              1e-4,
            label,
          );
          assert.deepEqual(fast[0].shape, a.shape, label);
          assert.deepEqual(fast[1].shape, b.shape, label);
          assert(maxDiff(await fast[0].data(), await slow[0].data()) < 1e-4, `${label} dA`);
          assert(maxDiff(await fast[1].data(), await slow[1].data()) < 1e-4, `${label} dB`);
          tf.dispose([a, b, weight, ...fast, ...slow]);
        }
      }
    }
  });
}

async function onBoth(f: () => tf.Tensor): Promise<number> {
  await tf.setBackend("wasm");
  const wasm = await f().data();
  await tf.setBackend("cpu");
  const cpu = await f().data();
  const scale = Math.max(...Array.from(cpu, Math.abs), 1);
  return maxDiff(wasm, cpu) / scale;
}

Deno.test("wasm Conv2DBackpropFilter and Conv2DBackpropInput equal the cpu backend's", async () => {
  const cases: [number[], number[]][] = [[[3, 1, 17, 6], [1, 5, 6, 4]], [[2, 7, 9, 3], [
    3,
    2,
    3,
    4,
  ]]];
  for (const [xShape, wShape] of cases) {
    for (const stride of [1, 2]) {
      for (const pad of ["same", "valid"] as const) {
        const x = await random(xShape, 1).array();
        const w = await random(wShape, 2).array();
        const loss = (input: tf.Tensor, filter: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, stride, pad)));
        const label = `x [${xShape}] w [${wShape}] stride ${stride} ${pad}`;
        const dW = await onBoth(() => tf.grad((f) => loss(tf.tensor(x), f))(tf.tensor(w)));
        const dX = await onBoth(() => tf.grad((i) => loss(i, tf.tensor(w)))(tf.tensor(x)));
        assert(dW < 1e-5, `${label}: dW relative difference ${dW}`);
        assert(dX < 1e-5, `${label}: dX relative difference ${dX}`);
      }
    }
  }
});

Deno.test("the fused Adam update follows tfjs's formula on wasm and cpu", async () => {
  const step = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3 };
  const [value, m, v, g] = [0, 1, 2, 3].map((seed) => random([5, 7], seed));
  const vAbs = tf.abs(v);
  const reference = async () => {
    await tf.setBackend("cpu");
    const m1 = tf.add(tf.mul(m, step.beta1), tf.mul(g, 1 - step.beta1));
    const v1 = tf.add(tf.mul(vAbs, step.beta2), tf.mul(tf.square(g), 1 - step.beta2));
    const update = tf.div(
      tf.div(m1, 1 - step.beta1 ** step.step),
      tf.add(tf.sqrt(tf.div(v1, 1 - step.beta2 ** step.step)), step.epsilon),
    );
    return [
      await tf.sub(value, tf.mul(update, step.learningRate)).data(),
      await m1.data(),
      await v1.data(),
    ];
  };
  const expected = await reference();
  for (const backend of ["wasm", "cpu"]) {
    await tf.setBackend(backend);
    const moved = [value, m, vAbs, g].map((t) => tf.tensor(t.dataSync(), t.shape));
    const got = adamUpdate(moved[0], moved[1], moved[2], moved[3], step);
    for (let i = 0; i < 3; i++) assert(maxDiff(await got[i].data(), expected[i]) < 1e-6, backend);
    tf.dispose([...moved, ...got]);
  }
  await tf.setBackend("wasm");
});

Deno.test("wasm BatchMatMul on the suite's GEMM equals the cpu backend's, edges included", async () => {
  // n a multiple of 8 (the GEMM's case); m off the 4-row tile; k across the 256-deep blocks.
  const cases: [number[], number[]][] = [
    [[7, 300], [300, 16]],
    [[2, 5, 9], [2, 9, 8]],
    [[3, 6, 4], [4, 24]],
    [[1, 6, 4], [2, 4, 8]],
  ];
  let seed = 10;
  for (const [shapeA, shapeB] of cases) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = await random(oriented(shapeA, ta), seed++).array();
        const b = await random(oriented(shapeB, tb), seed++).array();
        const product = () => tf.matMul(tf.tensor(a), tf.tensor(b), ta, tb);
        const difference = await onBoth(product);
        assert(difference < 1e-6, `[${shapeA}]×[${shapeB}] tA=${ta} tB=${tb}: ${difference}`);
      }
    }
  }
  await tf.setBackend("wasm");
  const a = random([9, 33], 1);
  const b = random([33, 16], 2);
  assert.deepEqual(await tf.matMul(a, b).data(), await tf.matMul(a, b).data(), "deterministic");
});

Deno.test("wasm conv1d and its gradients on the suite's GEMM equal the cpu backend's", async () => {
  // [x shape, filter shape]: 8 filters with 8·k taps and 16 filters with 15 taps.
  const cases: [number[], number[]][] = [[[3, 11, 8], [3, 8, 8]], [[2, 9, 3], [5, 3, 16]]];
  for (const [xShape, wShape] of cases) {
    for (const pad of ["same", "valid"] as const) {
      const x = await random(xShape, 3).array();
      const w = await random(wShape, 4).array();
      const conv = (input: tf.Tensor, filter: tf.Tensor) =>
        tf.conv1d(input as tf.Tensor3D, filter as tf.Tensor3D, 1, pad);
      const loss = (input: tf.Tensor, filter: tf.Tensor) => tf.sum(tf.square(conv(input, filter)));
      const label = `x [${xShape}] w [${wShape}] ${pad}`;
      const y = await onBoth(() => conv(tf.tensor(x), tf.tensor(w)));
      const dW = await onBoth(() => tf.grad((f) => loss(tf.tensor(x), f))(tf.tensor(w)));
      const dX = await onBoth(() => tf.grad((i) => loss(i, tf.tensor(w)))(tf.tensor(x)));
      assert(y < 1e-6, `${label}: y relative difference ${y}`);
      assert(dW < 1e-6, `${label}: dW relative difference ${dW}`);
      assert(dX < 1e-6, `${label}: dX relative difference ${dX}`);
    }
  }
  await tf.setBackend("wasm");
});

Deno.test("wasm Sum over leading axes equals the cpu backend's", async () => {
  for (const [shape, axis] of [[[6, 5, 21], [0, 1]], [[40, 32], 0], [[3, 4, 5], [1, 0]]] as const) {
    const x = await random([...shape], 5).array();
    for (const keepDims of [false, true]) {
      const difference = await onBoth(() => tf.sum(tf.tensor(x), [...[axis].flat()], keepDims));
      assert(difference < 1e-6, `[${shape}] axis ${axis}: ${difference}`);
    }
  }
  await tf.setBackend("wasm");
  assert.deepEqual(tf.sum(tf.ones([2, 3, 4]), [0, 1], true).shape, [1, 1, 4]);
});

Deno.test("the fused Adam update gives identical values on wasm and cpu", async () => {
  const step = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 7 };
  const inputs = await Promise.all([0, 1, 2, 3].map((seed) => random([37], seed + 20).data()));
  inputs[2] = inputs[2].map(Math.abs);
  const results: Float32Array[][] = [];
  for (const backend of ["wasm", "cpu"]) {
    await tf.setBackend(backend);
    const [value, m, v, g] = inputs.map((data) => tf.tensor(data));
    const got = adamUpdate(value, m, v, g, step);
    results.push(await Promise.all(got.map((t) => t.data() as Promise<Float32Array>)));
    tf.dispose([value, m, v, g, ...got]);
  }
  assert.deepEqual(results[0], results[1]);
  await tf.setBackend("wasm");
});
