import assert from "node:assert/strict";
import { tf } from "../lib/tensor/tf.ts";
import { batches, CATALOG, loadDataset } from "../lib/data/mod.ts";
import { topo } from "../lib/models/topo.ts";
import type { InitScheme } from "../lib/models/architecture.ts";

function build(
  cells: number,
  classWindings: number[],
  init: InitScheme = { kind: "exact" },
  kernel?: "offset" | "full",
) {
  return topo({ kernel }).build({
    input: { representation: "amplitudes", cells, shape: [cells, 2 * cells] },
    classWindings,
    seed: 3,
    init,
  });
}

Deno.test("topo at exact init: ν_net = RSWN within 1e-4 and 100% accuracy on every chiral standard dataset", async () => {
  // One model trained at 32 cells (offset kernel) evaluated at every size by resizing.
  const plain = build(32, [0, 1]);
  const extended = build(32, [-1, 0, 1, 2]);
  const full = build(32, [0, 1], { kind: "exact" }, "full");
  try {
    // The on-site stress set breaks chiral symmetry: Q_AB is then not 2·Σ_{E>0} ψ^A ψ^Bᵀ, and
    // the network (built on the positive-energy states) is exact only in class AIII.
    for (const spec of CATALOG.filter((entry) => entry.disorder?.onsite === undefined)) {
      const file = await loadDataset(spec);
      try {
        const base = spec.model === "plain" ? plain : extended;
        const input = {
          representation: "amplitudes" as const,
          cells: spec.cells,
          shape: [spec.cells, 2 * spec.cells],
        };
        const models = [spec.cells === 32 ? base : base.resize!(input)];
        if (spec.cells === 32 && spec.model === "plain") models.push(full);
        for (const model of models) {
          let worst = 0;
          let correct = 0;
          let total = 0;
          for (
            const batch of batches(file, {
              split: "test",
              representation: "amplitudes",
              batchSize: 250,
            })
          ) {
            const x = tf.tensor(batch.inputs, [batch.size, spec.cells, 2 * spec.cells]);
            const nu = await model.invariant!(x).data();
            const predicted = await tf.round(model.apply(x)).data();
            const windings = spec.model === "plain" ? [0, 1] : [-1, 0, 1, 2];
            x.dispose();
            const rswn = file.labels("test").realSpaceWinding;
            batch.indices.forEach((index, k) => {
              worst = Math.max(worst, Math.abs(nu[k] - rswn[index]));
              correct += predicted[k] === windings[batch.labels[k]] ? 1 : 0;
              total++;
            });
            if (total >= 500) break;
          }
          assert(worst < 1e-4, `${spec.name}: max |ν_net − RSWN| = ${worst}`);
          assert.equal(correct, total, `${spec.name}: ${correct}/${total} correct`);
        }
      } finally {
        file.close();
      }
    }
  } finally {
    plain.dispose();
    extended.dispose();
    full.dispose();
  }
});

Deno.test("topo: inits, distance from exact modulo symmetries, gradients flow", async () => {
  const exact = build(16, [0, 1]);
  assert((await exact.distanceFromExact!()) < 1e-7);
  // The symmetries: c → −λc with K → K/λ² leaves ν and the distance unchanged.
  const [c, kernel] = exact.variables;
  c.assign(tf.mul(c, -3) as tf.Tensor1D);
  kernel.assign(tf.div(kernel, 9) as tf.Tensor1D);
  assert((await exact.distanceFromExact!()) < 1e-6);
  const noisy = build(16, [0, 1], { kind: "noise", sigma: 0.1 });
  const distance = await noisy.distanceFromExact!();
  assert(distance > 0.02 && distance < 0.3, `noise 0.1 → distance ${distance}`);
  const random = build(16, [0, 1], { kind: "random" });
  assert((await random.distanceFromExact!()) > 0.5);
  assert.equal(random.parameterCount(), 16 + 31); // the integer head has no sharpness
  const x = tf.randomNormal([4, 16, 32], 0, 0.2, "float32", 1);
  const { grads } = tf.variableGrads(
    () => tf.sum(random.apply(x)) as tf.Scalar,
    random.variables as tf.Variable[],
  );
  for (const [name, gradient] of Object.entries(grads)) {
    assert((await tf.norm(gradient).data())[0] > 0, `no gradient for ${name}`);
  }
  tf.dispose([x, ...Object.values(grads)]);
  for (const model of [exact, noisy, random]) model.dispose();
});

Deno.test("topo: bad inputs are refused with the value named", () => {
  const architecture = topo();
  assert.throws(
    () =>
      architecture.build({
        input: { representation: "projector", cells: 8, shape: [8, 8] },
        classWindings: [0, 1],
        seed: 1,
        init: { kind: "exact" },
      }),
    /accepts amplitudes: received "projector"/,
  );
  assert.throws(
    () =>
      architecture.build({
        input: { representation: "amplitudes", cells: 8, shape: [8, 8] },
        classWindings: [0, 1],
        seed: 1,
        init: { kind: "exact" },
      }),
    /shape \[8, 16\]: received \[8,8\]/,
  );
  assert.throws(() => topo({ kernel: "dense" as never }), /kernel must be "offset" or "full"/);
  assert.throws(
    () =>
      architecture.build({
        input: { representation: "amplitudes", cells: 8, shape: [8, 16] },
        classWindings: [0, 1],
        seed: 1,
        init: { kind: "noise", sigma: -1 },
      }),
    /sigma must be a finite number ≥ 0: received -1/,
  );
  const full = topo({ kernel: "full" }).build({
    input: { representation: "amplitudes", cells: 8, shape: [8, 16] },
    classWindings: [0, 1],
    seed: 1,
    init: { kind: "exact" },
  });
  assert.throws(
    () => full.resize!({ representation: "amplitudes", cells: 16, shape: [16, 32] }),
    /not size-agnostic/,
  );
  full.dispose();
});
