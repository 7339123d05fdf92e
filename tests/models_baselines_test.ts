import assert from "node:assert/strict";
import {
  architectureNames,
  cnn,
  mlp,
  registerArchitecture,
  resnet,
  resolveArchitecture,
  symmetric,
} from "../lib/models/mod.ts";
import type { InputSpec } from "../lib/data/mod.ts";
import type { BuildOptions } from "../lib/models/mod.ts";
import { selectBackend, tf } from "../lib/tensor/mod.ts";
import { syntheticSource, trainModel } from "../lib/train/mod.ts";

const INPUTS: Record<string, InputSpec> = {
  hamiltonian: { representation: "hamiltonian", cells: 8, shape: [8, 2] },
  amplitudes: { representation: "amplitudes", cells: 4, shape: [4, 8] },
  projector: { representation: "projector", cells: 8, shape: [8, 8] },
  band: { representation: "band", cells: 8, shape: [8, 9] },
};

function options(input: InputSpec, seed = 1): BuildOptions {
  return { input, classWindings: [0, 1], seed, init: { kind: "random" } };
}

const SMALL = [
  mlp({ hidden: [16] }),
  cnn({ filters: [4, 4], kernelSize: 3 }),
  resnet({ filters: 4, blocks: 1, kernelSize: 3 }),
  symmetric({ range: 2, hidden: [8] }),
];

for (const architecture of SMALL) {
  Deno.test(`${architecture.name} builds for every representation it accepts and learns`, async () => {
    await selectBackend("wasm");
    for (const representation of architecture.representations) {
      const input = INPUTS[representation];
      const model = architecture.build(options(input));
      const sizes = model.variables.reduce((sum, variable) => sum + variable.size, 0);
      assert.equal(model.parameterCount(), sizes);
      const first = model.firstLayerWeights!();
      assert.equal(first.rank, 2);
      first.dispose();
      const run = await trainModel({
        model,
        source: syntheticSource({ sampleShape: input.shape, seed: 4, signal: 1.5 }),
        optimizer: { kind: "adam", learningRate: 0.01 },
        steps: 30,
        batchSize: 32,
        seed: 2,
        evaluateEvery: 15,
      });
      const label = `${architecture.name} on ${representation}`;
      assert(run.curves[2].loss < run.curves[0].loss, label);
      assert(run.test.accuracy > 0.7, `${label}: accuracy ${run.test.accuracy}`);
      model.dispose();
    }
  });
}

Deno.test("builders reject what they do not accept, naming it", () => {
  assert.throws(
    () => symmetric().build(options(INPUTS.amplitudes)),
    /Architecture symmetric accepts projector: received "amplitudes"/,
  );
  assert.throws(
    () => mlp().build(options({ representation: "amplitudes", cells: 4, shape: [4, 4] })),
    /amplitudes input at 4 cells has shape \[4,8\]: received \[4,4\]/,
  );
  assert.throws(
    () => cnn().build({ ...options(INPUTS.projector), init: { kind: "exact" } }),
    /only a random init: received "exact"/,
  );
  assert.throws(
    () => resnet().build({ ...options(INPUTS.projector), classWindings: [1, 0] }),
    /classWindings/,
  );
  assert.throws(() => cnn({ kernelSize: 4 }), /odd integer: received 4/);
  assert.throws(() => mlp({ hidden: [0] }), /positive integers: received \[0\]/);
  const model = mlp({ hidden: [] }).build(options(INPUTS.projector));
  assert.throws(
    () => model.apply(tf.zeros([2, 4, 4])),
    /built for inputs \[batch, 8,8\]: received \[2,4,4\]/,
  );
  model.dispose();
});

Deno.test("the same seed gives the same weights; another seed others", async () => {
  const weights = async (seed: number) => {
    const model = cnn({ filters: [4], kernelSize: 3 }).build(options(INPUTS.hamiltonian, seed));
    const data = await model.variables[0].data();
    model.dispose();
    return data;
  };
  assert.deepEqual(await weights(3), await weights(3));
  assert.notDeepEqual(await weights(3), await weights(4));
});

Deno.test("symmetric is size-agnostic and reads only the band near the diagonal", async () => {
  await selectBackend("wasm");
  const model = symmetric({ range: 2, hidden: [8] }).build(options(INPUTS.projector));
  const q = tf.randomNormal([3, 8, 8], 0, 1, "float32", 1);
  const far = tf.tensor2d(
    Array.from({ length: 64 }, (_, k) => Math.abs(Math.floor(k / 8) - (k % 8)) > 2 ? 5 : 0),
    [8, 8],
  );
  const base = await model.apply(q).data();
  assert.deepEqual(await model.apply(tf.add(q, far)).data(), base);
  for (const cells of [12, 33]) {
    const resized = model.resize!({ representation: "projector", cells, shape: [cells, cells] });
    assert.deepEqual(resized.apply(tf.zeros([2, cells, cells])).shape, [2, 2]);
    assert.equal(resized.variables, model.variables);
    resized.dispose();
  }
  assert(!model.variables[0].isDisposed);
  model.dispose();
});

Deno.test("the registry resolves architectures by name", () => {
  assert.deepEqual(architectureNames().filter((name) => name !== "wide-mlp"), [
    "cnn",
    "mlp",
    "resnet",
    "symmetric",
    "topo",
    "topo-full",
  ]);
  assert.equal(resolveArchitecture("topo").exactInvariant, true);
  assert.equal(resolveArchitecture("topo-full").sizeAgnostic, false);
  assert.equal(resolveArchitecture("cnn", { filters: [8] }).name, "cnn");
  assert.equal(resolveArchitecture("symmetric").sizeAgnostic, true);
  assert.throws(() => resolveArchitecture("topo-x"), /Unknown architecture "topo-x": known are/);
  assert.throws(() => registerArchitecture("MLP", () => mlp()), /lowercase/);
  assert.throws(() => registerArchitecture("mlp", () => mlp()), /already registered/);
});
