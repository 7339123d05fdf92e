// The suite's wasm numbers are pinned bit for bit: short training runs of every learnable
// architecture and the convolution and product kernels they reach give the SHA-256 digests below,
// recorded with the code that computed the published 0.3.0 records (commit 85800fb, whose kernels
// re-ran those records identical). A faster kernel must keep them: any change of summation order,
// of the multiply-add (fused, relaxed SIMD: these are the digests of a CPU with FMA, as every
// x86-64 since 2013 and every ARMv8 has) or of an operand offset changes a digest. The published
// records themselves hold accuracies, which a small numeric change need not move
// (published_records_test.ts re-runs some of them).
import assert from "node:assert/strict";
import {
  type Architecture,
  cnn,
  cybinskiCnn,
  mlp,
  offsetKernel,
  resnet,
  symmetric,
  topo,
} from "../lib/models/mod.ts";
import { selectBackend, setWasmThreads, tf, wasmThreads } from "../lib/tensor/mod.ts";
import { syntheticSource, trainModel } from "../lib/train/mod.ts";

const EXPECTED: Record<string, string> = {
  "mlp": "9a42d84c97cc5e2e",
  "cnn": "dc36e0ff7c34af2d",
  "resnet": "d4db3446737809d3",
  "symmetric": "6e5068e34f63b3c0",
  "topo": "193db2eddbf35fb5",
  "offset-kernel": "9a88f3986e9ba00d",
  "cybinski-cnn": "777bff8d7a2427ef",
  "conv2d stride 1": "8df89784edbfb5ab",
  "conv2d stride 2": "0964acc4cb27eaba",
  "matMul": "e651f394586f171f",
};

/** The first 16 hex digits of the SHA-256 of the arrays' bytes, in order. */
async function digest(arrays: Float32Array[]): Promise<string> {
  const bytes = new Uint8Array(arrays.reduce((total, array) => total + array.byteLength, 0));
  let at = 0;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, 16);
}

const NETWORKS: [string, Architecture, "amplitudes" | "projector", number, [number, number]][] = [
  ["mlp", mlp(), "amplitudes", 16, [16, 32]],
  ["cnn", cnn(), "amplitudes", 16, [16, 32]],
  ["resnet", resnet(), "amplitudes", 16, [16, 32]],
  ["symmetric", symmetric(), "projector", 16, [16, 16]],
  ["topo", topo(), "amplitudes", 16, [16, 32]],
  ["offset-kernel", offsetKernel(), "amplitudes", 16, [16, 32]],
  ["cybinski-cnn", cybinskiCnn(), "amplitudes", 8, [16, 16]],
];

Deno.test("wasm training and kernels give the digests of the code behind the published 0.3.0 records", async () => {
  await selectBackend("wasm");
  const initialThreads = wasmThreads();
  await setWasmThreads(2);
  const actual: Record<string, string> = {};
  try {
    for (const [name, architecture, representation, cells, shape] of NETWORKS) {
      const source = syntheticSource({
        sampleShape: shape,
        seed: 3,
        samples: { train: 256, validation: 16, test: 16 },
      });
      const model = architecture.build({
        input: { representation, cells, shape },
        classWindings: [0, 1],
        seed: 1,
        init: { kind: "random" },
      });
      const run = await trainModel({
        model,
        source,
        optimizer: { kind: "adam", learningRate: 1e-3 },
        steps: 3,
        batchSize: 64,
        seed: 9,
        evaluateEvery: 1,
      });
      const weights = await Promise.all(
        model.variables.map((variable) => variable.data() as Promise<Float32Array>),
      );
      actual[name] = await digest([...weights, new Float32Array(run.curves.map((p) => p.loss))]);
      model.dispose();
    }
    // 2-D convolutions: stride 1 (im2col and the GEMM), stride 2 (the direct filter gradient).
    const x = tf.randomNormal([4, 9, 9, 3], 0, 1, "float32", 1) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 8], 0, 1, "float32", 2) as tf.Tensor4D;
    for (const stride of [1, 2] as const) {
      const y = tf.conv2d(x, w, stride, "same");
      const g = tf.randomNormal(y.shape, 0, 1, "float32", 3);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, "same"), g))
      )([x, w]);
      actual[`conv2d stride ${stride}`] = await digest(
        await Promise.all([y, dx, dw].map((t) => t.data() as Promise<Float32Array>)),
      );
      tf.dispose([y, g, dx, dw]);
    }
    tf.dispose([x, w]);
    // Products: panels, transposed A, transposed B, batched B, narrow transposed A, few blocks
    // and panels, and a 2-column product (XNNPACK).
    const products: Float32Array[] = [];
    const cases: [number[], number[], boolean, boolean][] = [
      [[128, 2048], [2048, 128], false, false],
      [[128, 2048], [128, 128], true, false],
      [[37, 300], [64, 300], false, true],
      [[3, 40, 300], [3, 300, 8], false, false],
      [[2, 300, 20], [2, 300, 16], true, false],
      [[12, 2000], [2000, 16], false, false],
      [[128, 2048], [2048, 2], false, false],
    ];
    for (const [shapeA, shapeB, transposeA, transposeB] of cases) {
      const a = tf.randomNormal(shapeA, 0, 1, "float32", 4);
      const b = tf.randomNormal(shapeB, 0, 1, "float32", 5);
      const product = tf.matMul(a, b, transposeA, transposeB);
      products.push(await product.data() as Float32Array);
      tf.dispose([a, b, product]);
    }
    actual["matMul"] = await digest(products);
  } finally {
    await setWasmThreads(initialThreads);
  }
  assert.deepEqual(actual, EXPECTED);
});
