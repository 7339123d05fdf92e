import assert from "node:assert/strict";
import { mlp } from "../lib/models/mod.ts";
import { type BackendName, selectBackend, tf } from "../lib/tensor/mod.ts";
import { syntheticSource, trainModel } from "../lib/train/mod.ts";

Deno.test("the same model trains to the same numbers on wasm, cpu and webgpu", async () => {
  const source = syntheticSource({ sampleShape: [6, 6], seed: 2, signal: 0.5, noise: 1 });
  const runs = [];
  for (const backend of ["wasm", "cpu", "webgpu"] as BackendName[]) {
    const info = await selectBackend(backend);
    const model = mlp({ hidden: [16] }).build({
      input: { representation: "projector", cells: 6, shape: [6, 6] },
      classWindings: [0, 1],
      seed: 3,
      init: { kind: "random" },
    });
    const before = tf.memory().numTensors;
    runs.push(
      await trainModel({
        model,
        source,
        optimizer: { kind: "adam", learningRate: 0.01 },
        steps: 20,
        batchSize: 32,
        seed: 5,
        evaluateEvery: 5,
      }),
    );
    assert.equal(tf.memory().numTensors, before, backend);
    model.dispose();
    assert.equal(runs[runs.length - 1].backend.backend, backend);
    if (backend === "webgpu") assert(info.adapter !== null && info.adapter.description !== "");
  }
  await selectBackend("wasm");
  // Release the webgpu backend's device (llvmpipe here) now rather than at process exit.
  tf.removeBackend("webgpu");
  const [wasm, ...others] = runs;
  for (const other of others) {
    const label = other.backend.backend;
    assert(Math.abs(other.test.accuracy - wasm.test.accuracy) <= 1 / 128, label);
    other.curves.forEach((point, i) => {
      assert(Math.abs(point.loss - wasm.curves[i].loss) < 1e-4, `${label} loss at ${point.step}`);
      assert(Math.abs(point.validationAccuracy - wasm.curves[i].validationAccuracy) <= 1 / 128);
    });
    other.gradientNorms.forEach((point, i) => {
      assert(Math.abs(point.norm - wasm.gradientNorms[i].norm) < 1e-4 * point.norm, label);
    });
  }
});
