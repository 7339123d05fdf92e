import assert from "node:assert/strict";
import {
  architectureNames,
  BADGES,
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
import { trainOnDataset } from "../lib/fit/mod.ts";
import { planCells, profile, unavailableOutcome } from "../lib/studies/mod.ts";
import { trainedModel } from "../lib/studies/trained_model.ts";
import { predict, scoredAccuracy } from "../lib/studies/predict.ts";
import { catalogSpec, loadDataset } from "../lib/data/mod.ts";

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
    "cybinski-cnn",
    "edge-threshold",
    "holanda-forest",
    "holanda-tree",
    "logistic-hamiltonian",
    "logistic-q2",
    "lyapunov-threshold",
    "mlp",
    "offset-kernel",
    "resnet",
    "ridge-offset-sums",
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

const PROXIES = [
  "edge-threshold",
  "logistic-q2",
  "logistic-hamiltonian",
  "lyapunov-threshold",
  "ridge-offset-sums",
];

Deno.test("the proxy baselines carry their badges; the others none", () => {
  assert.deepEqual(BADGES, ["baseline", "oracle", "trained-elsewhere"]);
  for (const name of architectureNames()) {
    const badges = resolveArchitecture(name).badges ?? [];
    const expected = name === "lyapunov-threshold"
      ? ["baseline", "oracle"]
      : PROXIES.includes(name)
      ? ["baseline"]
      : [];
    assert.deepEqual(badges, expected, name);
    assert(badges.every((badge) => BADGES.includes(badge)));
  }
  assert.throws(() => resolveArchitecture("logistic-q2", { hidden: [4] }), /no hyperparameters/);
});

Deno.test("the proxies learn their feature on real chains: the clean set is one threshold", async () => {
  await selectBackend("wasm");
  const results: Record<string, number> = {};
  for (const architecture of ["edge-threshold", "logistic-q2", "ridge-offset-sums"]) {
    const result = await trainOnDataset({
      architecture,
      dataset: "plain-clean-32",
      steps: 300,
      seed: 0,
      optimizer: { kind: "adam", learningRate: 1e-2 },
      evaluateEvery: 300,
      backend: "wasm",
    });
    results[architecture] = result.testAccuracy;
  }
  // The audit's finding (issue 12 §4): a single feature solves the clean family.
  for (const [name, accuracy] of Object.entries(results)) {
    assert(accuracy > 0.97, `${name}: ${accuracy}`);
  }
});

Deno.test("lyapunov-threshold starts at the sign rule and is not applicable to extended chains", async () => {
  const oracle = resolveArchitecture("lyapunov-threshold");
  const plain = { representation: "hamiltonian" as const, cells: 8, shape: [8, 2] };
  for (const head of ["class", "integer"] as const) {
    const model = oracle.build({ ...options(plain), head });
    // v < w: winding 1; v > w: winding 0; the read-out starts at the sign of ⟨ln|w|⟩ − ⟨ln|v|⟩.
    const row = (v: number, w: number) => Array.from({ length: 8 }, (_, n) => [v, n < 7 ? w : 0]);
    const x = tf.tensor3d([row(0.3, 1), row(1.4, 1), row(0.9, 1.1), row(1.1, 0.9)]);
    const out = model.apply(x);
    const said = head === "class"
      ? Array.from(await tf.argMax(out, 1).data())
      : Array.from(await tf.round(out).data());
    assert.deepEqual(said, [1, 0, 1, 0], head);
    tf.dispose([x, out]);
    model.dispose();
  }
  const extended = { representation: "hamiltonian" as const, cells: 8, shape: [8, 4] };
  assert.match(oracle.inputUnavailable!(extended)!, /plain chain's v and w: received 4/);
  assert.throws(() => oracle.build(options(extended)), /received 4 hamiltonian channels/);
  // A study cell on extended chains is refused before any work, with the reason recorded.
  const [planned] = planCells({
    profile: profile("tiny"),
    studies: ["winding"],
    architectures: ["lyapunov-threshold"],
  });
  const outcome = unavailableOutcome(planned.cell)!;
  assert.equal(outcome.status, "not-applicable");
  assert.match(outcome.reason!, /extended-clean-32: lyapunov-threshold reads/);
  const [plainCell] = planCells({
    profile: profile("tiny"),
    studies: ["disorder"],
    architectures: ["lyapunov-threshold"],
  });
  assert.equal(unavailableOutcome(plainCell.cell), null);
  // Trained on plain chains (2 hamiltonian channels), tested with on-site energies (3): refused.
  for (const architecture of ["logistic-hamiltonian", "lyapunov-threshold"]) {
    const [stress] = planCells({
      profile: profile("tiny"),
      studies: ["stress"],
      architectures: [architecture],
    });
    assert.match(
      unavailableOutcome(stress.cell)!.reason!,
      /plain-onsite-32: hamiltonian \[32,3\] is not the trained input \[32,2\]/,
    );
  }
  const [amplitudes] = planCells({
    profile: profile("tiny"),
    studies: ["stress"],
    architectures: ["edge-threshold"],
  });
  assert.equal(unavailableOutcome(amplitudes.cell), null);
});

Deno.test("ridge-offset-sums: integer head by default; the ridge penalty enters the loss", async () => {
  const model = resolveArchitecture("ridge-offset-sums").build(options(INPUTS.projector));
  assert.equal(model.head, "integer");
  assert.equal(model.parameterCount(), 15 + 1);
  const [weights] = model.variables;
  weights.assign(tf.ones(weights.shape));
  assert(Math.abs((await model.penalty!().data())[0] - 1e-3 * 15) < 1e-7);
  // With κ(d) = d the read-out is the RSWN: a fully dimerized topological chain gives 1.
  weights.assign(tf.tensor2d(Array.from({ length: 15 }, (_, k) => k - 7), [15, 1]));
  const q = tf.tensor3d([
    Array.from({ length: 8 }, (_, j) => Array.from({ length: 8 }, (_, i) => (j === i + 1 ? 1 : 0))),
  ]);
  const nu = (await model.apply(q).data())[0];
  assert(Math.abs(nu - 1) < 1e-6, `ν̂ = ${nu}`);
  q.dispose();
  model.dispose();
});

Deno.test("ridge-offset-sums fitted in closed form on windings {0, 1}: the integer head says −1 and 2", async () => {
  await selectBackend("wasm");
  const file = await loadDataset(catalogSpec("extended-clean-32"));
  const unseen: Record<string, number | null> = {};
  try {
    for (const head of ["integer", "class"] as const) {
      const { model } = await trainedModel({
        architecture: "ridge-offset-sums",
        architectureConfig: {},
        representation: "projector",
        dataset: "extended-clean-32",
        trainWindings: [0, 1],
        seed: 0,
        init: { kind: "random" },
        head,
        steps: 0, // the closed-form fit alone
        batchSize: 128,
        learningRate: 1e-2,
        evaluateEvery: 1,
        backend: "wasm",
      }, { useCache: false });
      const predictions = await predict(model, file, "test", "projector");
      const { winding } = file.labels("test");
      unseen[head] = scoredAccuracy(
        file,
        "test",
        predictions,
        (i) => winding[i] === -1 || winding[i] === 2,
      ).accuracy;
      model.dispose();
    }
  } finally {
    file.close();
  }
  console.log(
    `unseen windings −1 and 2: integer head ${unseen.integer}, class head ${unseen.class}`,
  );
  assert(unseen.integer! > 0.99, `integer head: ${unseen.integer}`);
  assert(unseen.class! < 0.05, `class head: ${unseen.class}`);
});
