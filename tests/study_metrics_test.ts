// Each study's metric on inputs where the right answer is known: a perfect predictor scores 1,
// a constant one what its class share says (and is flagged as constant), a proxy that follows
// the clean phase or the edges fails where it must.
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildDataset, DatasetFile, datasetSpec, PARAMETER_NAMES } from "../lib/data/mod.ts";
import { andersonBoundary } from "../lib/invariants/mod.ts";
import type { TrainableModel } from "../lib/models/architecture.ts";
import { resolveArchitecture } from "../lib/models/registry.ts";
import { tf } from "../lib/tensor/tf.ts";
import {
  accuracyBins,
  accuracyByEdges,
  binSeries,
  predictsConstant,
  scoreModelOn,
} from "../lib/studies/_transfer.ts";
import { median, seedCurves } from "../lib/studies/_series.ts";
import { criticalDisorders } from "../lib/studies/disorder.ts";
import { edgeWeightShare, siteProfiles } from "../lib/studies/interpretability.ts";
import {
  changedPhaseScore,
  cleanFiniteSizeBoundary,
  finiteSizeBoundary,
} from "../lib/studies/phase_diagram.ts";
import type { Predictions } from "../lib/studies/predict.ts";
import { scoredAccuracy } from "../lib/studies/predict.ts";
import { profile } from "../lib/studies/profiles.ts";
import { sizeScore } from "../lib/studies/size.ts";
import {
  decidingDistance,
  oodSets,
  runSucceeded,
  trainability,
} from "../lib/studies/trainability.ts";
import { winding } from "../lib/studies/winding.ts";
import type { TypedRecord } from "../lib/studies/study.ts";
import { withStepsToTarget } from "../lib/studies/trained_model.ts";
import type { TrainingRun } from "../lib/train/train.ts";

/** A small disordered plain set: v ~ U[0, 2], W1 ~ U[0, 8], not balanced. */
async function disorderedSet(): Promise<{ file: DatasetFile; cleanup: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "topolearn-metrics-" });
  const spec = datasetSpec({
    name: "metric-check",
    model: "plain",
    cells: 16,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    disorder: { intracell: { min: 0, max: 8 }, intercellRatio: 0.5 },
    splits: { train: 0, validation: 0, test: 400 },
    balance: false,
    seed: 77,
  });
  const path = join(dir, "set.tlds");
  await buildDataset(spec, path, { workers: 1 });
  const file = await DatasetFile.open(path);
  return {
    file,
    cleanup: async () => {
      file.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

function predictionsOf(winding: ArrayLike<number>): Predictions {
  return {
    indices: Int32Array.from({ length: winding.length }, (_, i) => i),
    winding: Int32Array.from(winding),
    invariant: null,
  };
}

function parameter(file: DatasetFile, name: (typeof PARAMETER_NAMES)[number]) {
  const { parameters } = file.labels("test");
  const column = PARAMETER_NAMES.indexOf(name);
  return (i: number) => parameters[i * PARAMETER_NAMES.length + column];
}

Deno.test("binned scores: perfect 1 in every bin, constant its class share, the clean-phase proxy 0 where the phase changed", async () => {
  const { file, cleanup } = await disorderedSet();
  try {
    const { winding, ambiguous, analyticPhase } = file.labels("test");
    const count = winding.length;
    const w1 = parameter(file, "intracellDisorder");
    const v = parameter(file, "t0");
    const perfect = predictionsOf(winding);
    const constant = predictionsOf(new Int32Array(count));
    const cleanPhase = predictionsOf(
      Int32Array.from({ length: count }, (_, i) => v(i) < 1 ? 1 : 0),
    );
    const perfectBins = accuracyBins(file, perfect, w1, 0, 8, 8);
    const constantBins = accuracyBins(file, constant, w1, 0, 8, 8);
    assert.equal(perfectBins.reduce((sum, bin) => sum + bin.samples, 0), count);
    for (const [k, bin] of perfectBins.entries()) {
      // Independent tally of the bin.
      const members = [...Array(count).keys()].filter((i) => Math.min(7, Math.floor(w1(i))) === k);
      const scored = members.filter((i) => !ambiguous[i]);
      assert.equal(bin.samples, members.length);
      assert.equal(bin.scored, scored.length);
      assert.equal(
        bin.ambiguityRate,
        members.length ? (members.length - scored.length) / members.length : null,
      );
      assert.equal(bin.accuracy, scored.length ? 1 : null);
      // The invariant's labels against the analytic phase: what a perfect predictor scores there.
      const agree = members.filter((i) => winding[i] === analyticPhase[i]).length;
      assert.equal(bin.analyticAccuracy, members.length ? agree / members.length : null);
      const zeros = scored.filter((i) => winding[i] === 0).length;
      assert.equal(constantBins[k].accuracy, scored.length ? zeros / scored.length : null);
    }
    assert.equal(predictsConstant(file, constant), true);
    assert.equal(predictsConstant(file, perfect), false);
    // The clean-phase proxy (what an edge-amplitude threshold learns on clean chains): fine on
    // weakly disordered chains, wrong on every sample whose phase disorder changed.
    const changed = changedPhaseScore((i) => (v(i) < 1 ? 1 : 0), winding, ambiguous, cleanPhase);
    assert(changed.toTrivial.samples > 0);
    assert.equal(changed.balanced, 0);
    const weak = scoredAccuracy(file, "test", cleanPhase, (i) => w1(i) < 1).accuracy!;
    assert(weak > 0.8, `clean-phase proxy at W1 < 1: ${weak}`);
    assert.equal(
      changedPhaseScore((i) => (v(i) < 1 ? 1 : 0), winding, ambiguous, perfect).balanced,
      1,
    );
    // Edges by N/ξ: the values above the last edge land in the last bin; nothing is dropped.
    const { cellsOverXi } = file.labels("test");
    const xiBins = accuracyByEdges(file, perfect, (i) => cellsOverXi[i], [0, 2, 5, 10, 20]);
    assert.equal(xiBins.reduce((sum, bin) => sum + bin.samples, 0), count);
    assert.equal(
      xiBins[3].samples,
      [...cellsOverXi].filter((x) => x >= 10).length,
    );
    // Near the boundary (small N/ξ) labels are ambiguous more often than deep in a phase.
    assert(xiBins[0].ambiguityRate! >= xiBins[3].ambiguityRate!);
    assert.throws(() => accuracyByEdges(file, perfect, w1, [0, 0]), /bin edges must be/);
  } finally {
    await cleanup();
  }
});

/** A real model that answers class 0 for every sample, at any size. */
function constantModel(): TrainableModel {
  return {
    variables: [],
    apply: (x) => tf.tidy(() => tf.tile(tf.tensor2d([[1, 0]]), [x.shape[0], 1]) as tf.Tensor2D),
    parameterCount: () => 0,
    resize: () => constantModel(),
    dispose: () => {},
  };
}

Deno.test("size: a constant predictor after resizing is flagged and counts 0; the exact network scores 1", async () => {
  const constant = await scoreModelOn(constantModel(), "amplitudes", "plain-clean-16", 200, 32);
  assert.equal(constant.constant, true);
  assert(constant.accuracy! > 0.3 && constant.accuracy! < 0.7, `${constant.accuracy}`);
  const { score, raw } = sizeScore([constant.accuracy, 1, 1], [true, false, false]);
  assert.equal(score, 2 / 3);
  assert.equal(raw, (constant.accuracy! + 2) / 3);
  const exact = resolveArchitecture("topo").build({
    input: { representation: "amplitudes", cells: 32, shape: [32, 64] },
    classWindings: [0, 1],
    seed: 0,
    init: { kind: "exact" },
  });
  try {
    const resized = await scoreModelOn(exact, "amplitudes", "plain-clean-16", 200, 32);
    assert.equal(resized.accuracy, 1);
    assert.equal(resized.constant, false);
  } finally {
    exact.dispose();
  }
});

Deno.test("trainability: success needs every out-of-distribution set ≥ 0.99 and, for topo, the exact weights", () => {
  // In distribution 1.0 by an edge proxy, 0.7 under disorder: no success.
  assert.equal(runSucceeded({ "plain-disorder-32": 0.7 }, null), false);
  assert.equal(runSucceeded({ "plain-disorder-32": 1, "plain-clean-64": 1 }, null), true);
  // A constant predictor on a balanced set scores 0.5 and fails.
  assert.equal(runSucceeded({ "plain-disorder-32": 0.5 }, null), false);
  // topo at 99% whose weights are far from the exact ones (distance 1.00): not learned.
  assert.equal(runSucceeded({ "plain-disorder-32": 0.995 }, 1), false);
  assert.equal(runSucceeded({ "plain-disorder-32": 0.995 }, 0.01), true);
  assert.equal(runSucceeded({ "plain-disorder-32": null }, null), false);
  // The distance decides for topo and topo-full (unique exact weights), not for offset-kernel,
  // whose κ(d) = c·d and untouched far offsets compute the same windings: its 50 random-init
  // standard runs end at ≥ 0.994 on every OOD set with distance 0.21–0.46.
  const ood = { "plain-disorder-32": 1, "plain-clean-128": 1 };
  assert.equal(runSucceeded(ood, decidingDistance("topo", 0.46)), false);
  assert.equal(runSucceeded(ood, decidingDistance("topo-full", 0.46)), false);
  assert.equal(runSucceeded(ood, decidingDistance("offset-kernel", 0.46)), true);
  assert.equal(
    runSucceeded({ "plain-disorder-32": 0.98 }, decidingDistance("offset-kernel", 0)),
    false,
  );
  // Sizes only for size-agnostic architectures; every cell trains the whole budget.
  assert.deepEqual(oodSets("topo-full", "clean"), ["plain-disorder-32"]);
  assert(oodSets("topo", "clean").includes("plain-clean-128"));
  const cells = trainability.cells(profile("tiny"), ["topo", "mlp"], "auto");
  const data = new Set(cells.map((cell) => cell.trainDataset));
  assert.deepEqual([...data].sort(), [
    "extended-clean-32",
    "plain-clean-32",
    "plain-disorder-balanced-32",
  ]);
  assert(
    cells.filter((c) => c.init.kind === "noise").every((c) => c.trainDataset === "plain-clean-32"),
  );
  // Steps to target are read off a curve that ran to the end.
  const run = {
    curves: [0, 4, 8].map((step) => ({ step, validationAccuracy: step >= 4 ? 1 : 0.5 })),
  } as unknown as TrainingRun;
  assert.equal(withStepsToTarget(run, 0.99).stepsToTarget, 4);
});

Deno.test("winding: every cell has an integer head; the ridge baseline runs beside the networks", () => {
  const cells = winding.cells(profile("tiny"), ["mlp", "topo", "ridge-offset-sums"], "auto");
  assert(cells.every((cell) => cell.head === "integer"));
  assert(cells.some((cell) => cell.architecture === "ridge-offset-sums"));
  assert(cells.every((cell) => cell.trainDataset === "extended-clean-32"));
});

Deno.test("disorder cuts: the critical W1 is where the analytic boundary crosses the cut", () => {
  for (const v of [0.5, 0.9, 1.1, 1.3]) {
    const critical = criticalDisorders(v);
    assert(critical.length >= 1);
    for (const w1 of critical) {
      const boundary = andersonBoundary({
        intercell: 1,
        intracellDisorder: w1,
        intercellDisorder: w1 / 2,
      });
      assert(boundary !== null && Math.abs(boundary - v) < 1e-4, `v ${v}, W1 ${w1}: ${boundary}`);
    }
  }
  assert.deepEqual(criticalDisorders(1.9), []); // never topological
});

Deno.test("phase diagram: the finite-size clean boundary is PHYSICS.md §6's, not v = 1", () => {
  assert(Math.abs(cleanFiniteSizeBoundary(32) - 0.92) < 0.01, `${cleanFiniteSizeBoundary(32)}`);
  assert(Math.abs(cleanFiniteSizeBoundary(16) - 0.85) < 0.01);
  assert(Math.abs(cleanFiniteSizeBoundary(64) - 0.96) < 0.01);
  // A step at the fourth column's edge: the crossing sits between its columns.
  const values = [[1, 1, 1, 0, 0], [null, 1, 0, 0, 0]];
  assert.deepEqual(finiteSizeBoundary(values, [0, 1, 2, 3, 4], [0, 2]), [[2.5, 0.5], [1.5, 1.5]]);
});

Deno.test("interpretability: an edge-only first layer has edge share 1 and its singular vector sits on the edges", () => {
  const cells = 16;
  const features = cells * 2 * cells;
  const units = 3;
  const weights = new Float64Array(features * units);
  for (let f = 0; f < features; f++) {
    const cell = Math.floor((f % (2 * cells)) / 2);
    if (cell === 0 || cell === cells - 1) weights[f * units + (f % units)] = 1;
  }
  assert.equal(edgeWeightShare("amplitudes", weights, features, units, cells), 1);
  const uniform = new Float64Array(features * units).fill(0.5);
  assert.equal(edgeWeightShare("amplitudes", uniform, features, units, cells), 0.25);
  const [first] = siteProfiles(weights, features, units, cells, 1);
  assert(Math.abs(first[0] + first[cells - 1] - 1) < 1e-9);
  const [flat] = siteProfiles(uniform, features, units, cells, 1);
  assert(flat.every((share) => Math.abs(share - 1 / cells) < 1e-9));
});

Deno.test("figure series: per-seed curves thin, their median thick; one seed's bins carry Wilson intervals", () => {
  const record = (seed: number, ys: number[]) =>
    ({
      cell: { architecture: "mlp", seed, init: { kind: "random" } },
      metrics: { ys },
    }) as unknown as TypedRecord<{ ys: number[] }>;
  const series = seedCurves(
    [record(0, [0.2, 0.4]), record(1, [0.5, 0.6]), record(2, [0.9, 1])],
    (r) => r.metrics.ys.map((y, k) => [k * 10, y]),
  );
  assert.deepEqual(series.map((s) => [s.name, s.weight]), [
    ["mlp seed 0", "thin"],
    ["mlp seed 1", "thin"],
    ["mlp seed 2", "thin"],
    ["mlp", "thick"],
  ]);
  assert.deepEqual(series[3].points, [[0, 0.5], [10, 0.6]]);
  assert.equal(median([3, 1, 2, 10]), 2.5);
  const bins = [{
    from: 0,
    to: 1,
    samples: 10,
    scored: 10,
    accuracy: 1,
    analyticAccuracy: 1,
    ambiguityRate: 0,
  }];
  const one = binSeries([record(0, [])], () => bins);
  assert.equal(one[0].intervals?.[0]?.[1], 1);
  assert(one[0].intervals![0]![0] < 1 && one[0].intervals![0]![0] > 0.6);
});

Deno.test("predict: winding[i] is sample i, also after labels outside the classes (left out); the exact network scores 1 on the grid", async () => {
  const { catalogSpec, loadDataset } = await import("../lib/data/mod.ts");
  const { predict } = await import("../lib/studies/predict.ts");
  const file = await loadDataset(catalogSpec("phase-grid-32-v010"));
  const exact = resolveArchitecture("topo").build({
    input: { representation: "amplitudes", cells: 32, shape: [32, 64] },
    classWindings: [0, 1],
    seed: 0,
    init: { kind: "exact" },
  });
  try {
    const { winding } = file.labels("test");
    assert([...winding].some((w) => w === -1), "the column holds a sample labelled −1");
    const predictions = await predict(exact, file, "test", "amplitudes");
    assert.equal(predictions.winding.length, winding.length);
    assert.equal(
      predictions.indices.length,
      [...winding].filter((w) => w === 0 || w === 1).length,
    );
    assert(![...predictions.indices].some((i) => winding[i] === -1));
    assert.equal(scoredAccuracy(file, "test", predictions).accuracy, 1);
    // A limit counts usable samples from the start.
    const first = await predict(exact, file, "test", "amplitudes", 300);
    assert.deepEqual([...first.indices], [...predictions.indices.subarray(0, 300)]);
  } finally {
    exact.dispose();
    file.close();
  }
});
