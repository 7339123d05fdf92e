// The gauge study (issue 13 §6): scores a model in the fixed gauge and with random eigenvector
// signs. Its fixed-gauge score is the disorder study's own; models that build gauge-invariant
// quantities do not move; a gauge-dependent mlp does; sandboxed submissions are asked about the
// random-sign inputs too (the parent stages them).
import assert from "node:assert/strict";
import { join } from "node:path";
import { catalogSpec, loadDataset, randomSignGauge, usableIndices } from "../lib/data/mod.ts";
import type { StudyRecord } from "../lib/records/mod.ts";
import { planCells, profile, runCell } from "../lib/studies/mod.ts";
import { submit } from "../lib/submissions/mod.ts";
import { activeBackend } from "../lib/tensor/mod.ts";

const TINY = profile("tiny");

/** Runs the gauge cells of `architectures` (fresh trainings, `steps` each). */
async function run(architectures: string[], steps: number): Promise<StudyRecord[]> {
  const records: StudyRecord[] = [];
  for (
    const { study, cell } of planCells({
      profile: TINY,
      studies: ["gauge"],
      architectures,
      backend: "wasm",
    })
  ) {
    records.push(await runCell(study, cell.steps ? { ...cell, steps } : cell, false));
  }
  return records;
}

const find = (records: StudyRecord[], id: string) =>
  records.find((record) => record.cell.id === id)!;

Deno.test({
  name: "the gauge study: gauge-invariant models do not move, an mlp does, projectors do not apply",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const records = await run(["mlp", "offset-kernel", "symmetric"], 100);
    // Trained on wasm: the record says over how many threads its kernels ran (timing only).
    assert.equal(
      find(records, "mlp.seed=0.init=random").timing.threads,
      activeBackend().wasmThreads,
    );
    const mlp = find(records, "mlp.seed=0.init=random").metrics as Record<string, number>;
    assert(mlp.samples > 0 && mlp.samples <= TINY.testSamples, `scored ${mlp.samples}`);
    assert(mlp.cleanAccuracy > 0.9, `mlp clean accuracy ${mlp.cleanAccuracy}`);
    // The mlp reads signs: with random ones its clean accuracy falls towards a coin's.
    assert(
      mlp.cleanRandomGaugeAccuracy < 0.75,
      `random-sign clean ${mlp.cleanRandomGaugeAccuracy}`,
    );
    assert(mlp.changedShare > 0.2, `changed share ${mlp.changedShare}`);
    const share = (mlp.fixedGaugeAccuracy - mlp.accuracy) / (mlp.cleanAccuracy - mlp.accuracy);
    assert(Math.abs(mlp.gaugeShareOfDrop - share) < 1e-12);
    // offset-kernel builds Q_AB, in which each state's sign cancels: no prediction changes.
    for (const id of ["offset-kernel.seed=0.init=random", "offset-kernel.seed=0.init=exact"]) {
      const metrics = find(records, id).metrics as Record<string, number>;
      assert.equal(metrics.changedShare, 0, id);
      assert.equal(metrics.accuracy, metrics.fixedGaugeAccuracy, id);
      assert.equal(metrics.cleanRandomGaugeAccuracy, metrics.cleanAccuracy, id);
    }
    const symmetric = find(records, "symmetric.seed=0.init=random");
    assert.equal(symmetric.status, "not-applicable");
    assert.match(
      symmetric.reason!,
      /symmetric reads projector, which does not depend on the signs/,
    );
  },
});

Deno.test("published: each gauge record's fixed-gauge scores are the disorder study's, same model and samples", async () => {
  const folder = "reports/0.3.0/standard/records"; // the version the gauge study joined
  let compared = 0;
  for await (const entry of Deno.readDir(join(folder, "gauge"))) {
    const gauge = JSON.parse(await Deno.readTextFile(join(folder, "gauge", entry.name)));
    if (gauge.status !== "ok") continue;
    const disorder = JSON.parse(await Deno.readTextFile(join(folder, "disorder", entry.name)));
    assert.equal(gauge.metrics.fixedGaugeAccuracy, disorder.metrics.accuracy, entry.name);
    assert.equal(gauge.metrics.samples, disorder.metrics.samples, entry.name);
    assert.equal(gauge.metrics.cleanAccuracy, disorder.metrics.cleanAccuracy, entry.name);
    assert.deepEqual(
      gauge.metrics.fixedGaugeBins.map((bin: { accuracy: number | null }) => bin.accuracy),
      disorder.metrics.bins.map((bin: { accuracy: number | null }) => bin.accuracy),
      entry.name,
    );
    compared++;
  }
  assert.equal(compared, 73, "10 seeds of 7 amplitudes models, and 3 exact cells");
});

Deno.test("the random sign gauge flips about half the states, each sample on its own", () => {
  const states = 32;
  const sites = 64;
  const samples = Float32Array.from({ length: 50 * states * sites }, (_, i) => 1 + (i % 13));
  const flipped = randomSignGauge(samples, states, sites);
  let negated = 0;
  for (let row = 0; row < 50 * states; row++) {
    if (flipped[row * sites] < 0) negated++;
  }
  const share = negated / (50 * states);
  assert(share > 0.45 && share < 0.55, `share of flipped states ${share}`);
  // Each sample on its own: the same flips alone, in another order, in a batch of one.
  const size = states * sites;
  const reversed = new Float32Array(samples.length);
  for (let i = 0; i < 50; i++) {
    reversed.set(samples.subarray(i * size, (i + 1) * size), (49 - i) * size);
  }
  const flippedReversed = randomSignGauge(reversed, states, sites);
  for (let i = 0; i < 50; i++) {
    const own = flipped.subarray(i * size, (i + 1) * size);
    assert.deepEqual(flippedReversed.subarray((49 - i) * size, (50 - i) * size), own);
    assert.deepEqual(
      randomSignGauge(samples.subarray(i * size, (i + 1) * size), states, sites),
      own,
    );
  }
  // Another seed, other flips; the magnitudes never change.
  assert.notDeepEqual(randomSignGauge(samples, states, sites, 2), flipped);
  assert(flipped.every((value, i) => Math.abs(value) === samples[i]));
});

Deno.test({
  name: "a sandboxed submission that reads amplitudes is scored on the random-sign inputs too",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const folder = await Deno.makeTempDir({ prefix: "submission-amplitudes-" });
    const root = await Deno.makeTempDir({ prefix: "reports-" });
    try {
      const info = JSON.parse(await Deno.readTextFile("tests/hostile/honest/info.json"));
      await Deno.writeTextFile(
        join(folder, "info.json"),
        JSON.stringify({
          ...info,
          name: "gauge-linear",
          summary: "A linear model on the first state's amplitudes",
          description: "A test fixture: reads the signs of the amplitudes.",
          representations: ["amplitudes"],
        }),
      );
      await Deno.writeTextFile(
        join(folder, "architecture.ts"),
        `import { type Architecture, Rng, tf } from "topolearn/contract";
const architecture: Architecture = {
  name: "gauge-linear", version: "1.0.0", description: "linear on the first state",
  representations: ["amplitudes"], sizeAgnostic: false,
  build({ input, classWindings, seed }) {
    const [, sites] = input.shape;
    const rng = Rng.stream(seed, "init", "gauge-linear");
    const weights = tf.variable(tf.tensor2d(
      Float32Array.from({ length: sites * classWindings.length }, () => 0.1 * rng.normal()),
      [sites, classWindings.length],
    ));
    return {
      variables: [weights],
      apply: (x) => tf.tidy(() =>
        tf.matMul(tf.reshape(tf.slice(x, [0, 0, 0], [x.shape[0], 1, sites]), [x.shape[0], sites]), weights)
      ) as tf.Tensor2D,
      parameterCount: () => weights.size,
      dispose: () => weights.dispose(),
    };
  },
};
export default architecture;
`,
      );
      const records = await submit(folder, {
        profile: TINY,
        studies: ["gauge"],
        root,
        limits: { seconds: 120, memoryBytes: 1536 * 2 ** 20, parameters: 1_000_000 },
      });
      const [gauge] = records;
      assert.equal(gauge.status, "ok");
      assert.equal(typeof gauge.metrics.fixedGaugeAccuracy, "number");
      assert.equal(typeof gauge.metrics.accuracy, "number");
      // A linear map of the first state without a bias is odd in it: the child's prediction
      // changes exactly where the parent's random gauge flipped that state.
      const file = await loadDataset(catalogSpec("plain-disorder-32"));
      try {
        const indices = usableIndices(file, "test", true).slice(0, TINY.testSamples);
        const [states, sites] = file.sampleShape("amplitudes");
        const inputs = file.readSamples("test", "amplitudes", indices);
        const flipped = randomSignGauge(inputs, states, sites);
        let first = 0;
        for (let i = 0; i < indices.length; i++) {
          const row = i * states * sites;
          let k = row;
          while (inputs[k] === 0) k++;
          if (flipped[k] === -inputs[k]) first++;
        }
        assert(first > 0 && first < indices.length, `${first} of ${indices.length} flipped`);
        assert.equal(gauge.metrics.changedShare, first / indices.length);
      } finally {
        file.close();
      }
    } finally {
      await Deno.remove(folder, { recursive: true });
      await Deno.remove(root, { recursive: true });
    }
  },
});
