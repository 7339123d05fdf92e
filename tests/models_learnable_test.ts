import assert from "node:assert/strict";
import { tf } from "../lib/tensor/tf.ts";
import { chainFactors, realSpaceWinding } from "../lib/invariants/mod.ts";
import { type SshChain, sshChain } from "../lib/lattice/mod.ts";
import { amplitudesOf, projectorOf } from "../lib/data/mod.ts";
import { offsetKernel, type OffsetKernelConfig } from "../lib/models/offset_kernel.ts";
import { architectureNames, resolveArchitecture } from "../lib/models/registry.ts";
import type { InitScheme } from "../lib/models/architecture.ts";
import { syntheticSource } from "../lib/train/synthetic_source.ts";
import { trainModel } from "../lib/train/train.ts";
import { planCells } from "../lib/studies/plan.ts";
import { profile } from "../lib/studies/profiles.ts";
import { disordered } from "./_chains.ts";

function build(
  cells: number,
  init: InitScheme = { kind: "exact" },
  config: OffsetKernelConfig = {},
  representation: "amplitudes" | "projector" = "amplitudes",
) {
  return offsetKernel(config).build({
    input: {
      representation,
      cells,
      shape: [cells, representation === "amplitudes" ? 2 * cells : cells],
    },
    classWindings: [0, 1],
    seed: 3,
    init,
  });
}

function amplitudes(chain: SshChain): tf.Tensor {
  return tf.tensor(amplitudesOf(chainFactors(chain)), [1, chain.cells, 2 * chain.cells]);
}

/** PHYSICS.md §1's table: hoppings and the winding. */
const TABLE: Array<[Record<number, number>, number]> = [
  [{ 0: 1, 1: 0.5 }, 0],
  [{ 0: 0.5, 1: 1 }, 1],
  [{ 0: 0.3, 1: 0.5, 2: 1 }, 2],
  [{ 0: 0.3, 1: 0.2, [-1]: 1 }, -1],
  [{ 0: 0.2, 1: 1, 2: 0.3 }, 1],
  [{ 0: 0.1, [-1]: 0.4, 2: 1 }, 2],
];

Deno.test("offset-kernel: the same parameter count at every size, and resizing shares the weights", async () => {
  const counts = [16, 32, 64, 128].map((cells) => {
    const model = build(cells, { kind: "random" });
    const count = model.parameterCount();
    model.dispose();
    return count;
  });
  assert.deepEqual(counts, [24, 24, 24, 24]);
  assert.equal(build(8, { kind: "random" }, { reach: 5 }).parameterCount(), 5);
  const model = build(32, { kind: "random" });
  const resized = model.resize!({ representation: "amplitudes", cells: 64, shape: [64, 128] });
  assert.equal(resized.parameterCount(), 24);
  assert.equal(resized.variables[0], model.variables[0]);
  const chain = sshChain({ cells: 64, hoppings: { 0: 0.4, 1: 1 } });
  const before = (await resized.apply(amplitudes(chain)).data())[0];
  model.variables[0].assign(tf.mul(model.variables[0], 2) as tf.Tensor1D);
  assert.notEqual((await resized.apply(amplitudes(chain)).data())[0], before);
  resized.dispose();
  assert.equal(model.variables[0].isDisposed, false); // the resized copy does not own them
  model.dispose();
  const architecture = resolveArchitecture("offset-kernel");
  assert.equal(architecture.sizeAgnostic, true);
  assert.equal(architecture.exactInvariant, true);
  assert.equal(architecture.defaultHead, "integer");
});

Deno.test("offset-kernel at exact weights: the RSWN to 1e-5 on PHYSICS.md §1's chains and a disordered one", async () => {
  for (const cells of [40, 64]) {
    // The full reach of the chain reads every offset; the default reach 24 truncates the tail.
    const full = build(cells, { kind: "exact" }, { reach: cells - 1 });
    const projector = build(cells, { kind: "exact" }, { reach: cells - 1 }, "projector");
    const chains = [
      ...TABLE.map(([hoppings]) => sshChain({ cells, hoppings })),
      disordered(cells, 0.5, 0.5, 7),
    ];
    for (const [k, chain] of chains.entries()) {
      const rswn = realSpaceWinding(chain);
      // (The last chain of the table converges slowly: its RSWN is 1.990 at 40 cells.)
      if (k < TABLE.length) assert.equal(Math.round(rswn), TABLE[k][1]);
      const nu = (await full.invariant!(amplitudes(chain)).data())[0];
      assert(Math.abs(nu - rswn) < 1e-5, `${cells} cells, chain ${k}: ν̂ ${nu}, RSWN ${rswn}`);
      const q = tf.tensor(Float32Array.from(projectorOf(chainFactors(chain))), [1, cells, cells]);
      const fromProjector = (await projector.invariant!(q).data())[0];
      assert(Math.abs(fromProjector - rswn) < 1e-5, `projector, chain ${k}: ${fromProjector}`);
      // The integer head rounds to the winding; its read-out fixes every integer.
      const head = (await full.apply(amplitudes(chain)).data())[0];
      assert.equal(Math.round(head), Math.round(rswn));
    }
    full.dispose();
    projector.dispose();
  }
  // The default reach (24) at 64 cells: within 1e-3 of the RSWN on the table.
  const model = build(64);
  for (const [hoppings] of TABLE) {
    const chain = sshChain({ cells: 64, hoppings });
    const nu = (await model.invariant!(amplitudes(chain)).data())[0];
    assert(Math.abs(nu - realSpaceWinding(chain)) < 1e-3, `reach 24: ν̂ ${nu}`);
  }
  assert.equal(await model.distanceFromExact!(), 0);
  model.dispose();
});

Deno.test("offset-kernel: the output is invariant under a gauge change of the eigenvectors", async () => {
  const cells = 24;
  const model = build(cells, { kind: "random" });
  const chains: Array<[SshChain, boolean]> = [
    [sshChain({ cells, hoppings: { 0: 0.6, 1: 1 } }), false],
    [disordered(cells, 0.8, 1, 2), false],
    // Fully dimerized: every positive energy is the same, one degenerate cluster.
    [sshChain({ cells, hoppings: { 0: 0, 1: 1 } }), true],
  ];
  for (const [chain, degenerate] of chains) {
    const states = amplitudesOf(chainFactors(chain)); // [k][site], sites A1 B1 A2 B2 …
    const sites = 2 * cells;
    const gauged = Float32Array.from(states);
    // Flip the sign of every other state.
    for (let k = 0; k < cells; k += 2) {
      for (let s = 0; s < sites; s++) gauged[k * sites + s] *= -1;
    }
    // In the degenerate cluster, rotate states 3 and 4 into each other: another basis of the
    // same eigenspace.
    const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
    const rotated = Float32Array.from(gauged);
    if (degenerate) {
      for (let site = 0; site < sites; site++) {
        const [x, y] = [gauged[3 * sites + site], gauged[4 * sites + site]];
        rotated[3 * sites + site] = c * x - s * y;
        rotated[4 * sites + site] = s * x + c * y;
      }
    }
    const outputs = await Promise.all(
      [states, rotated].map(async (values) =>
        (await model.apply(tf.tensor(values, [1, cells, sites])).data())[0]
      ),
    );
    assert(
      Math.abs(outputs[0] - outputs[1]) < 1e-5,
      `gauge changed ν̂: ${outputs[0]} → ${outputs[1]}`,
    );
  }
  model.dispose();
});

Deno.test("offset-kernel: training from a random init reduces the loss, and the prior is linear-exact", async () => {
  const model = build(8, { kind: "random" }, { reach: 4 }, "projector");
  const source = syntheticSource({ sampleShape: [8, 8], seed: 2, signal: 3 });
  const run = await trainModel({
    model,
    source,
    optimizer: { kind: "adam", learningRate: 0.05 },
    steps: 60,
    batchSize: 32,
    seed: 1,
    evaluateEvery: 20,
  });
  const [first, last] = [run.curves[0].loss, run.curves.at(-1)!.loss];
  assert(last < first, `loss ${first} → ${last}`);
  assert(run.distanceFromExact !== undefined && run.distanceFromExact.length === run.curves.length);
  model.dispose();
  // The penalty vanishes at the exact weights (and on any κ(d) = α·d), not elsewhere.
  const exact = build(8, { kind: "exact" }, { reach: 4 }, "projector");
  assert.equal((await exact.penalty!().data())[0], 0);
  exact.variables[0].assign(tf.mul(exact.variables[0], 1.7) as tf.Tensor1D);
  assert(Math.abs((await exact.penalty!().data())[0]) < 1e-12);
  exact.variables[0].assign(tf.tensor1d([1, 2, 1, 1]));
  assert((await exact.penalty!().data())[0] > 0.1);
  assert((await exact.distanceFromExact!()) > 0.4);
  exact.dispose();
  const noisy = build(8, { kind: "noise", sigma: 0.1 }, { reach: 4 }, "projector");
  const distance = await noisy.distanceFromExact!();
  assert(distance > 0.01 && distance < 0.3, `noise 0.1 → ${distance}`);
  noisy.dispose();
});

Deno.test("offset-kernel: bad hyperparameters and inputs are refused with the value named", () => {
  assert.throws(
    () => offsetKernel({ reach: 0 }),
    /reach must be an integer in \[1, 256\]: received 0/,
  );
  assert.throws(() => offsetKernel({ smoothness: -1 }), /smoothness .* received -1/);
  assert.throws(() => offsetKernel({ quantize: 1 }), /quantize must be in \[0, 1\): received 1/);
  assert.throws(() => offsetKernel({ initScale: 0 }), /initScale must be a positive number/);
  assert.throws(
    () =>
      offsetKernel().build({
        input: { representation: "hamiltonian", cells: 8, shape: [8, 2] },
        classWindings: [0, 1],
        seed: 0,
        init: { kind: "random" },
      }),
    /accepts amplitudes, projector: received "hamiltonian"/,
  );
  assert.throws(() => build(8, { kind: "noise", sigma: -1 }), /sigma must be a finite number/);
  assert.throws(
    () =>
      offsetKernel().build({
        input: { representation: "amplitudes", cells: 8, shape: [8, 8] },
        classWindings: [0, 1],
        seed: 0,
        init: { kind: "random" },
      }),
    /shape \[8, 16\]: received \[8,8\]/,
  );
});

Deno.test("offset-kernel enters the studies like every registered architecture", () => {
  assert(architectureNames().includes("offset-kernel"));
  const quick = profile("quick");
  const cells = planCells({
    profile: quick,
    studies: ["trainability", "disorder", "size", "winding"],
    architectures: ["offset-kernel"],
  });
  const studies = new Set(cells.map(({ study }) => study.name));
  assert.deepEqual([...studies].sort(), ["disorder", "size", "trainability", "winding"]);
  for (const { cell } of cells) {
    assert.equal(cell.architecture, "offset-kernel");
    assert.equal(cell.head, "integer");
    assert.equal(cell.representation, "amplitudes");
    assert.equal(cell.learningRate, 3e-2); // its own, declared on the architecture
  }
  // Architectures that declare none keep their family's rate.
  const [topo] = planCells({ profile: quick, studies: ["trainability"], architectures: ["topo"] });
  const [mlp] = planCells({ profile: quick, studies: ["trainability"], architectures: ["mlp"] });
  assert.equal(topo.cell.learningRate, 1e-2);
  assert.equal(mlp.cell.learningRate, 1e-3);
  assert(cells.some(({ cell }) => cell.init.kind === "random"));
  assert(cells.some(({ cell }) => cell.init.kind === "exact"));
});
