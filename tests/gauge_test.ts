import assert from "node:assert/strict";
import {
  amplitudesOf,
  BAND_OFFSETS,
  bandOf,
  DatasetFile,
  datasetSpec,
  type DatasetSpecInput,
  loadDataset,
  projectorOf,
  retiredDataset,
  siteMoment,
} from "../lib/data/mod.ts";
import pinned from "../lib/data/catalog_hashes.json" with { type: "json" };

const pins = pinned as Record<string, string>;
const RETIRED_PLAIN_CLEAN_32 = "102f2f66c14937e76577cba49440fa8306217dd1005fc52030903518a4454040";
import { chainFactors } from "../lib/invariants/mod.ts";
import { type Hoppings, sshChain } from "../lib/lattice/mod.ts";
import { Rng } from "../lib/rng.ts";
import { datasetSource } from "../lib/fit/mod.ts";
import { mlp } from "../lib/models/mlp.ts";
import { trainModel } from "../lib/train/train.ts";
import { arraySource, augmentedSource } from "../lib/train/mod.ts";
import { cellSchema, configHash } from "../lib/records/mod.ts";
import { makeCell } from "../lib/studies/_cells.ts";
import { profile } from "../lib/studies/profiles.ts";
import { runTask } from "./_cli.ts";
import { predict, scoredAccuracy } from "../lib/studies/predict.ts";
import { selectBackend } from "../lib/tensor/backend.ts";

interface ChainCase {
  readonly cells: number;
  readonly hoppings: Record<number, number>;
  readonly disorder: { intracell: number; intercell: number; onsite: number };
  readonly seed: number;
}

/** Random chains: plain and extended, clean and disordered (chiral and on-site). */
function chainCases(count: number): ChainCase[] {
  const rng = Rng.stream(12, "gauge-cases");
  const cases: ChainCase[] = [];
  for (let c = 0; c < count; c++) {
    const extended = c % 2 === 1;
    const cells = [8, 16, 24][c % 3];
    const hoppings: Record<number, number> = extended
      ? {
        [-1]: rng.uniform(-1, 1),
        0: rng.uniform(-1, 1),
        1: rng.uniform(-1, 1),
        2: rng.uniform(-1, 1),
      }
      : { 0: c % 8 === 0 ? rng.uniform(0, 0.3) : rng.uniform(0, 2), 1: 1 }; // some deep in the topological phase
    const kind = c % 4; // 0, 1: clean; 2: chiral disorder; 3: on-site disorder too
    const w = kind >= 2 ? rng.uniform(0, 3) : 0;
    cases.push({
      cells,
      hoppings,
      disorder: { intracell: w, intercell: w / 2, onsite: kind === 3 ? rng.uniform(0, 1) : 0 },
      seed: c + 1,
    });
  }
  return cases;
}

/**
 * The amplitudes of a case, its hoppings moved by `shift` (alternating signs per range) and
 * every bond by `shift·r_b` (`r_b` the case's own disorder draws, so clean chains lose their
 * mirror symmetry too).
 */
function amplitudesOfCase(chain: ChainCase, shift = 0): Float32Array {
  const hoppings: Record<number, number> = {};
  for (const [range, t] of Object.entries(chain.hoppings)) {
    hoppings[Number(range)] = t + shift * (Number(range) % 2 === 0 ? 1 : -1);
  }
  const disorder = {
    intracell: chain.disorder.intracell + shift,
    intercell: chain.disorder.intercell + shift,
    onsite: chain.disorder.onsite,
  };
  return amplitudesOf(
    chainFactors(sshChain({ ...chain, hoppings: hoppings as Hoppings, disorder })),
  );
}

Deno.test("no state changes sign under a 1e-9 perturbation of the hoppings", () => {
  let states = 0;
  for (const chain of chainCases(240)) {
    const sites = 2 * chain.cells;
    const before = amplitudesOfCase(chain);
    const after = amplitudesOfCase(chain, 1e-9);
    for (let k = 0; k < chain.cells; k++) {
      let dot = 0;
      let worst = 0;
      for (let s = 0; s < sites; s++) {
        dot += before[k * sites + s] * after[k * sites + s];
        worst = Math.max(worst, Math.abs(before[k * sites + s] - after[k * sites + s]));
      }
      assert(dot > 0.5, `${JSON.stringify(chain)} state ${k}: overlap ${dot}`);
      assert(worst < 1e-4, `${JSON.stringify(chain)} state ${k}: moved by ${worst}`);
      states++;
    }
  }
  assert(states > 2000);
});

Deno.test("physically identical chains get identical amplitudes, mirror ties included", () => {
  for (const v of [0.3, 0.7, 1.3, 1.9]) {
    const cells = 16;
    const sites = 2 * cells;
    const clean = sshChain({ cells, hoppings: { 0: v, 1: 1 } });
    const copy = sshChain({ cells, hoppings: { 0: v, 1: 1 } });
    const amplitudes = amplitudesOf(chainFactors(clean));
    assert.deepEqual(amplitudesOf(chainFactors(copy)), amplitudes);
    // The clean chain is mirror symmetric (A_n ↔ B_{N+1−n}): every state's largest |entry| is an
    // exact tie between mirror sites, which the old largest-entry rule broke by rounding. The
    // mirror image of the chain is the same Hamiltonian, and a physically negligible
    // perturbation (W1 = 1e-12) must not move any state.
    let ties = 0;
    for (let k = 0; k < cells; k++) {
      const row = amplitudes.subarray(k * sites, (k + 1) * sites);
      const top = row.reduce((best, x, s) => (Math.abs(x) > Math.abs(row[best]) ? s : best), 0);
      if (Math.abs(Math.abs(row[top]) - Math.abs(row[sites - 1 - top])) < 1e-7) ties++;
    }
    assert(ties >= cells / 2, `v = ${v}: only ${ties} mirror ties`);
    for (const seed of [1, 2, 3]) {
      const nudged = sshChain({
        cells,
        hoppings: { 0: v, 1: 1 },
        disorder: { intracell: 1e-12, intercell: 5e-13 },
        seed,
      });
      const other = amplitudesOf(chainFactors(nudged));
      for (let x = 0; x < other.length; x++) {
        assert(Math.abs(other[x] - amplitudes[x]) < 1e-6, `v = ${v}, seed ${seed}, entry ${x}`);
      }
    }
    for (let k = 0; k < cells; k++) {
      assert(siteMoment(amplitudes, 1, k * sites, sites) > 0 || v < 1, `v = ${v} state ${k}`);
    }
  }
});

Deno.test("band holds Q_AB[i + d, i]² and is the same for every gauge", () => {
  const chain = sshChain({
    cells: 12,
    hoppings: { 0: 0.6, 1: 1 },
    disorder: { intracell: 1, intercell: 0.5 },
    seed: 4,
  });
  const q = projectorOf(chainFactors(chain));
  const band = bandOf(q, 12);
  const channels = BAND_OFFSETS.length;
  for (let i = 0; i < 12; i++) {
    BAND_OFFSETS.forEach((d, k) => {
      const j = i + d;
      const expected = j >= 0 && j < 12 ? q[j * 12 + i] ** 2 : 0;
      assert(Math.abs(band[i * channels + k] - expected) < 1e-7);
    });
  }
  // Q is a sum over states of u vᵀ: flipping any state's sign leaves it, so the band, unchanged.
  const factors = chainFactors(chain);
  const flipped = { ...factors, left: factors.left.slice(), right: factors.right.slice() };
  for (let n = 0; n < 12; n++) {
    flipped.left[3 * 12 + n] *= -1;
    flipped.right[3 * 12 + n] *= -1;
  }
  assert.deepEqual(bandOf(projectorOf(flipped), 12), band);
  assert.throws(() => bandOf(q, 11), /A projector at 11 cells has 121 entries: received 144/);
});

const CLEAN: DatasetSpecInput = {
  name: "gauge-clean",
  model: "plain",
  cells: 16,
  intracell: { min: 0, max: 2 },
  intercell: 1,
  splits: { train: 1200, validation: 200, test: 600 },
  seed: 41,
  representations: ["amplitudes"],
};

Deno.test({
  name: "an mlp trained on clean chains keeps its clean accuracy at W1 = 1e-6",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await selectBackend("cpu");
    const cacheDir = await Deno.makeTempDir();
    try {
      const clean = datasetSpec(CLEAN);
      const nudged = datasetSpec({
        ...CLEAN,
        name: "gauge-nudged",
        disorder: { intracell: 1e-6, intercellRatio: 0.5 },
        splits: { train: 0, validation: 0, test: 600 },
      });
      const cleanFile = await loadDataset(clean, { cacheDir });
      const nudgedFile = await loadDataset(nudged, { cacheDir });
      const source = datasetSource(cleanFile, "amplitudes");
      const model = mlp().build({
        input: { representation: "amplitudes", cells: 16, shape: [...source.sampleShape] },
        classWindings: [0, 1],
        seed: 0,
        init: { kind: "random" },
      });
      await trainModel({
        model,
        source,
        optimizer: { kind: "adam", learningRate: 1e-3 },
        steps: 150,
        batchSize: 128,
        seed: 0,
        evaluateEvery: 50,
      });
      const score = async (file: DatasetFile) =>
        scoredAccuracy(file, "test", await predict(model, file, "test", "amplitudes")).accuracy!;
      const cleanAccuracy = await score(cleanFile);
      const nudgedAccuracy = await score(nudgedFile);
      assert(cleanAccuracy > 0.9, `clean accuracy ${cleanAccuracy}`);
      assert(
        Math.abs(cleanAccuracy - nudgedAccuracy) <= 0.005,
        `clean ${cleanAccuracy}, W1 = 1e-6: ${nudgedAccuracy}`,
      );
      model.dispose();
      cleanFile.close();
      nudgedFile.close();
    } finally {
      await Deno.remove(cacheDir, { recursive: true });
    }
  },
});

Deno.test("random-sign flips whole states, reproducibly per batch, training batches only", () => {
  const states = 3;
  const sites = 6;
  const samples = 64;
  const inputs = Float32Array.from({ length: samples * states * sites }, (_, x) => 1 + (x % 7));
  const labels = Int32Array.from({ length: samples }, (_, i) => i % 2);
  const split = { inputs, labels };
  const source = arraySource({
    sampleShape: [states, sites],
    classWindings: [0, 1],
    train: split,
    validation: split,
    test: split,
  });
  const augmented = augmentedSource(source, "random-sign", "amplitudes");
  const take = (iterable: Iterable<{ inputs: Float32Array }>, n: number) => {
    const out: Float32Array[] = [];
    for (const batch of iterable) {
      out.push(batch.inputs);
      if (out.length === n) break;
    }
    return out;
  };
  const plain = take(source.trainBatches(16, 5), 3);
  const first = take(augmented.trainBatches(16, 5), 3);
  assert.deepEqual(take(augmented.trainBatches(16, 5), 3), first); // reproducible from the seed
  let flipped = 0;
  let rows = 0;
  const patterns = new Set<string>();
  first.forEach((batch, b) => {
    let pattern = "";
    for (let row = 0; row < 16 * states; row++) {
      const sign = Math.sign(batch[row * sites]) * Math.sign(plain[b][row * sites]);
      for (let s = 0; s < sites; s++) {
        assert.equal(batch[row * sites + s], sign * plain[b][row * sites + s]); // whole rows
      }
      if (sign < 0) flipped++;
      pattern += sign < 0 ? "1" : "0";
      rows++;
    }
    patterns.add(pattern);
  });
  assert.equal(patterns.size, 3); // fresh signs every batch
  assert(flipped > rows * 0.3 && flipped < rows * 0.7, `${flipped} of ${rows} flipped`);
  assert.deepEqual(take(augmented.test(16), 1), take(source.test(16), 1));
  assert.deepEqual(take(augmented.validation(16), 1), take(source.validation(16), 1));
  assert.throws(
    () => augmentedSource(source, "random-sign", "projector"),
    /random-sign applies to amplitudes only: received representation "projector"/,
  );
});

Deno.test("--augment is part of the cell config (and its hash) and refused off amplitudes", async () => {
  const cell = makeCell("disorder", profile("quick"), "mlp", 0, { kind: "random" }, "x", [], "cpu");
  const augmented = cellSchema.parse({ ...cell, augment: "random-sign" });
  assert.notEqual(configHash(augmented), configHash(cell));
  assert.equal(configHash(cellSchema.parse(cell)), configHash(cell)); // absent: hash unchanged
  assert.throws(() => cellSchema.parse({ ...cell, augment: "mirror" }));
  const refused = await runTask("train", [
    "--arch",
    "mlp",
    "--dataset",
    "plain-clean-16",
    "--representation",
    "projector",
    "--augment",
    "random-sign",
    "--steps",
    "0",
  ]);
  assert.notEqual(refused.code, 0);
  assert.match(
    refused.stderr,
    /random-sign applies to amplitudes only: received representation "projector"/,
  );
  const unknown = await runTask("train", [
    "--arch",
    "mlp",
    "--dataset",
    "plain-clean-16",
    "--augment",
    "flip",
  ]);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /--augment/);
});

Deno.test("deno task verify explains that a published 0.2.0 record's data version is retired", async () => {
  const folder = "reports/0.2.0/standard/records/disorder";
  const [entry] = [...Deno.readDirSync(new URL(`../${folder}`, import.meta.url))]
    .filter((file) => file.name.endsWith(".json"));
  const result = await runTask("verify", [`${folder}/${entry.name}`]);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /dataset format 1, generator version 2/);
  assert.match(result.stderr, /This suite builds dataset format 2, generator version 3/);
  assert.equal(retiredDataset(pins["plain-clean-32"]), null); // today's pins are not retired
  assert.equal(retiredDataset(RETIRED_PLAIN_CLEAN_32)?.name, "plain-clean-32");
});
