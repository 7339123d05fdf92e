import assert from "node:assert/strict";
import { mlp } from "../lib/models/mod.ts";
import {
  arraySource,
  summarizeConfusion,
  syntheticSource,
  type TrainingRun,
  trainModel,
  type TrainOptions,
} from "../lib/train/mod.ts";
import { selectBackend, tf } from "../lib/tensor/mod.ts";

const SHAPE = [4, 4];
const toySource = syntheticSource({ sampleShape: SHAPE, seed: 11 });

function linearModel(seed = 1) {
  return mlp({ hidden: [8] }).build({
    input: { representation: "projector", cells: 4, shape: SHAPE },
    classWindings: [0, 1],
    seed,
    init: { kind: "random" },
  });
}

async function trainFor(overrides: Partial<TrainOptions> = {}): Promise<TrainingRun> {
  const model = overrides.model ?? linearModel();
  try {
    return await trainModel({
      model,
      source: toySource,
      optimizer: { kind: "adam", learningRate: 0.01 },
      steps: 12,
      batchSize: 32,
      seed: 5,
      evaluateEvery: 4,
      ...overrides,
    });
  } finally {
    if (!overrides.model) model.dispose();
  }
}

/** The run without its timings. */
function numbers(run: TrainingRun) {
  const { samplesPerSecond: _s, trainSeconds: _t, wallSeconds: _w, ...rest } = run;
  return rest;
}

for (const backend of ["wasm", "cpu"] as const) {
  Deno.test(`training is deterministic for a seed and frees its tensors on ${backend}`, async () => {
    await selectBackend(backend);
    const before = tf.memory().numTensors;
    const first = await trainFor();
    assert.equal(tf.memory().numTensors, before);
    const second = await trainFor();
    assert.deepEqual(numbers(second), numbers(first));
    const other = await trainFor({ seed: 6 });
    assert.notDeepEqual(other.curves, first.curves);
    assert.equal(first.backend.backend, backend);
  });
}

Deno.test("a run records curves, gradient norms from step 0, and test metrics", async () => {
  await selectBackend("wasm");
  const run = await trainFor();
  assert.deepEqual(run.curves.map((point) => point.step), [0, 4, 8, 12]);
  assert.deepEqual(run.gradientNorms.map((point) => point.step), [0, 4, 8, 12]);
  assert(run.gradientNorms.every((point) => point.norm > 0 && Number.isFinite(point.norm)));
  assert(run.curves[3].loss < run.curves[0].loss);
  assert.equal(run.stepsRun, 12);
  assert.equal(run.parameters, 16 * 8 + 8 + 8 * 2 + 2);
  assert.deepEqual(Object.keys(run.test.perClassAccuracy), ["0", "1"]);
  assert.equal(run.test.samples, 128);
  assert(run.samplesPerSecond! > 0);
  assert.equal(JSON.parse(JSON.stringify(run)).stepsToTarget, null);
});

Deno.test("steps 0 evaluates only; a target accuracy stops early", async () => {
  await selectBackend("wasm");
  const model = linearModel();
  const before = await model.variables[0].data();
  const evaluated = await trainFor({ model, steps: 0 });
  assert.deepEqual(await model.variables[0].data(), before);
  assert.equal(evaluated.stepsRun, 0);
  assert.equal(evaluated.samplesPerSecond, null);
  assert.deepEqual(evaluated.curves.map((point) => point.step), [0]);
  model.dispose();
  const early = await trainFor({ steps: 400, targetAccuracy: 0.9, evaluateEvery: 5 });
  assert(early.stepsToTarget !== null && early.stepsToTarget % 5 === 0);
  assert.equal(early.stepsRun, early.stepsToTarget);
  assert(early.curves[early.curves.length - 1].validationAccuracy >= 0.9);
});

Deno.test("SGD with momentum and schedules trains; exact models report their distance", async () => {
  await selectBackend("wasm");
  for (const schedule of [{ kind: "step", every: 5, factor: 0.5 }, { kind: "cosine" }] as const) {
    const run = await trainFor({
      optimizer: { kind: "sgd", learningRate: 0.1, momentum: 0.9, schedule },
    });
    assert(run.curves[run.curves.length - 1].loss < run.curves[0].loss);
  }
  const model = linearModel();
  let calls = 0;
  const exact = { ...model, distanceFromExact: () => Promise.resolve(++calls) };
  const run = await trainFor({ model: exact });
  assert.deepEqual(
    run.distanceFromExact,
    [1, 2, 3, 4].map((distance, i) => ({ step: 4 * i, distance })),
  );
  model.dispose();
});

Deno.test("bad options and bad sources throw RangeError naming the value", async () => {
  await selectBackend("wasm");
  await assert.rejects(
    () => trainFor({ steps: -1 }),
    /steps must be a non-negative integer: received -1/,
  );
  await assert.rejects(() => trainFor({ batchSize: 0 }), /batchSize/);
  await assert.rejects(
    () => trainFor({ targetAccuracy: 1.5 }),
    /targetAccuracy must be in \(0, 1\]/,
  );
  await assert.rejects(
    () => trainFor({ optimizer: { kind: "adam", learningRate: 0 } }),
    /Learning rate/,
  );
  await assert.rejects(
    () => trainFor({ batchSize: 1000 }),
    /must not exceed the 256 training samples/,
  );
  const split = { inputs: new Float32Array(4), labels: new Int32Array([0, 3]) };
  assert.throws(
    () =>
      arraySource({
        sampleShape: [2],
        classWindings: [0, 1],
        train: split,
        validation: split,
        test: split,
      }),
    /labels must be in \[0, 1\]: received 3/,
  );
  await assert.rejects(() => selectBackend("tpu" as "cpu"), RangeError);
});

Deno.test("training batches are seeded, reshuffled every epoch and cover the split", () => {
  const labels = Int32Array.from({ length: 10 }, (_, i) => i % 2);
  const inputs = Float32Array.from({ length: 10 }, (_, i) => i);
  const split = { inputs, labels };
  const source = arraySource({
    sampleShape: [1],
    classWindings: [0, 1],
    train: split,
    validation: split,
    test: split,
  });
  const take = (seed: number, count: number) => {
    const out: number[][] = [];
    for (const batch of source.trainBatches(3, seed)) {
      out.push([...batch.inputs]);
      if (out.length === count) return out;
    }
    return out;
  };
  const epochs = take(1, 6);
  assert.deepEqual(take(1, 6), epochs);
  assert.notDeepEqual(take(2, 6), epochs);
  const first = epochs.slice(0, 3).flat();
  assert.equal(new Set(first).size, 9);
  assert.notDeepEqual(epochs.slice(3).flat(), first);
  assert.deepEqual([...source.validation(4)].map((batch) => batch.size), [4, 4, 2]);
});

Deno.test("metrics name absent classes null, never NaN", () => {
  const metrics = summarizeConfusion([[2, 0, 0], [0, 0, 0], [1, 0, 1]], 1, [-1, 0, 1]);
  assert.deepEqual(metrics.perClassAccuracy, { "-1": 1, "0": null, "1": 0.5 });
  assert.equal(metrics.accuracy, 0.75);
});

Deno.test("auto picks webgpu only on a real adapter", async () => {
  const { gpuAdapterInfo } = await import("../lib/tensor/backend.ts");
  const adapter = await gpuAdapterInfo();
  const chosen = await selectBackend("auto");
  assert.equal(chosen.backend, adapter && !adapter.isFallbackAdapter ? "webgpu" : "wasm");
  await selectBackend("wasm");
});
