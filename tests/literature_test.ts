// Issue 14: the labels of the two literature protocols against independent computations, and
// the studies' metrics on synthetic predictions whose answer is known.
import assert from "node:assert/strict";
import {
  cybinskiChain,
  HOLANDA_SPECS,
  holandaGrid,
  holandaHoppings,
  periodicEigenvectors,
} from "../lib/data/mod.ts";
import {
  andersonPhase,
  momentumSpaceWinding,
  realSpaceWinding,
  twistedBoundaryWinding,
} from "../lib/invariants/mod.ts";
import { sshChain } from "../lib/lattice/mod.ts";
import { fitTreeClassifier } from "../lib/models/mod.ts";
import { Rng } from "../lib/rng.ts";
import { planCells, profile } from "../lib/studies/mod.ts";
import { unavailableOutcome } from "../lib/studies/run_cell.ts";
import {
  diagramScore,
  populationSummary,
  RMSE_THRESHOLD,
} from "../lib/studies/literature_cybinski.ts";
import { voteScore } from "../lib/studies/literature_holanda.ts";

function cleanRing(cells: number, hoppings: Record<number, number>) {
  return {
    cells,
    bonds: new Map(
      Object.entries(hoppings).map(([m, t]) => [Number(m), new Float64Array(cells).fill(t)]),
    ),
  };
}

Deno.test("twisted-boundary winding equals the momentum-space winding on clean rings (−1 … 2)", () => {
  const cases: Record<number, number>[] = [
    { 0: 1, 1: 0.5 },
    { 0: 0.5, 1: 1 },
    { 0: 0.3, 1: 0.5, 2: 1 },
    { 0: 0.3, 1: 0.2, [-1]: 1 },
    { 0: 0.2, 1: 1, 2: 0.3 },
    { 0: 0.1, [-1]: 0.4, 2: 1 },
  ];
  const seen = new Set<number>();
  for (const hoppings of cases) {
    const expected = momentumSpaceWinding(hoppings);
    seen.add(expected);
    assert.equal(
      twistedBoundaryWinding(cleanRing(20, hoppings)),
      expected,
      JSON.stringify(hoppings),
    );
  }
  assert.deepEqual([...seen].sort(), [-1, 0, 1, 2]);
});

Deno.test("Holanda labels: SSH1 and SSH2 grid phases match the twisted-boundary winding of the ring", () => {
  for (const model of ["ssh1", "ssh2"] as const) {
    const spec = HOLANDA_SPECS.find((s) => s.name === `holanda-${model}-50-25`)!;
    const grid = holandaGrid(spec);
    const windings = new Set<number>();
    // every 7th gapped point: an independent (real-space determinant) computation of the label
    grid.filter((h) => h.phase !== null).filter((_, i) => i % 7 === 0).forEach((h) => {
      windings.add(h.phase!);
      assert.equal(
        twistedBoundaryWinding(cleanRing(12, holandaHoppings(model, h.t1, h.t2))),
        h.phase,
        `${model} t1=${h.t1} t2=${h.t2}`,
      );
    });
    assert.deepEqual([...windings].sort(), model === "ssh1" ? [0, 1] : [-1, 0, 1, 2]);
    // pool Hamiltonians have a quantized numerical winding equal to their phase
    for (const h of grid.filter((h) => h.role === "pool")) {
      assert(Math.abs(h.numericalWinding - h.phase!) < spec.epsilon);
    }
  }
});

Deno.test("Holanda samples are orthonormal eigenvectors of the periodic chain", () => {
  const cells = 6;
  const hoppings = holandaHoppings("ssh2", 0.4, -0.7);
  const vectors = periodicEigenvectors(hoppings, cells);
  const sites = 2 * cells;
  for (let a = 0; a < sites; a++) {
    for (let b = 0; b < sites; b++) {
      let dot = 0;
      for (let s = 0; s < sites; s++) dot += vectors[a * sites + s] * vectors[b * sites + s];
      assert(Math.abs(dot - (a === b ? 1 : 0)) < 1e-10);
    }
  }
});

Deno.test("twisted-boundary winding agrees with the RSWN of the open chain away from the Anderson boundary", () => {
  const cells = 120;
  let compared = 0;
  for (const [v, W] of [[0.5, 1], [0.3, 2], [1.6, 0.5], [0.5, 8], [1.1, 2.5]]) {
    const { winding: phase } = andersonPhase({
      intracell: v,
      intercell: 1,
      intracellDisorder: W,
      intercellDisorder: W / 2,
    });
    for (let seed = 0; seed < 3; seed++) {
      const rng = Rng.stream(seed, "literature-test", `${v}/${W}`);
      const intra = Float64Array.from({ length: cells }, () => v + W * (rng.next() - 0.5));
      const inter = Float64Array.from({ length: cells }, () => 1 + (W / 2) * (rng.next() - 0.5));
      const twisted = twistedBoundaryWinding({ cells, bonds: new Map([[0, intra], [1, inter]]) });
      const open = sshChain({
        cells,
        hoppings: { 0: [...intra], 1: [...inter.subarray(0, cells - 1)] },
      });
      const nu = realSpaceWinding(open);
      assert.equal(twisted, Math.round(nu) || 0, `v=${v} W=${W} seed=${seed}: ν = ${nu}`);
      assert.equal(twisted, phase, `v=${v} W=${W}: the analytic phase`);
      compared++;
    }
  }
  assert.equal(compared, 15);
});

Deno.test("Cybiński chains: label and image follow their protocol", () => {
  const clean = cybinskiChain(25, 0.5, 1, 0, 3);
  assert.equal(clean.label, 1);
  assert.equal(cybinskiChain(25, 1.5, 1, 0, 3).label, 0);
  // each column of the image is one squared eigenvector: it sums to 1
  const sites = 50;
  for (let state = 0; state < sites; state++) {
    let sum = 0;
    for (let site = 0; site < sites; site++) sum += clean.image[site * sites + state];
    assert(Math.abs(sum - 1) < 1e-5);
  }
  // strong disorder at v = 0.5 makes most chains trivial (PHYSICS.md §2: v=0.5, W1=8 → 0)
  const labels = Array.from({ length: 20 }, (_, i) => cybinskiChain(25, 0.5, 1, 8, 7, i).label);
  assert(labels.filter((l) => l === 0).length > 14, `labels ${labels}`);
});

Deno.test("diagramScore: perfect, constant and half-right predictors", () => {
  const labels = [0, 1, 0, 1, 1, 1];
  const point = [0, 0, 1, 1, 2, 2]; // three diagram points, two realizations each
  assert.deepEqual(diagramScore(labels, labels, point), { accuracy: 1, rmse: 0 });
  const zero = diagramScore(labels, [0, 0, 0, 0, 0, 0], point);
  assert.equal(zero.accuracy, 2 / 6);
  // point means of the truth: 0.5, 0.5, 1 → RMSE √((0.25 + 0.25 + 1)/3)
  assert(Math.abs(zero.rmse - Math.sqrt(1.5 / 3)) < 1e-12);
  // realization-swapped predictions: every sample wrong at points 0, 1 but the diagram exact
  const swapped = diagramScore(labels, [1, 0, 1, 0, 1, 1], point);
  assert.equal(swapped.accuracy, 2 / 6);
  assert.equal(swapped.rmse, 0);
  assert.throws(() => diagramScore([], [], []), RangeError);
});

Deno.test("populationSummary: the 100-network statistic on known networks", () => {
  const networks = [
    ...Array.from({ length: 22 }, () => ({ idAccuracy: 0.95, oodAccuracy: 0.86, rmse: 0.15 })),
    ...Array.from({ length: 78 }, (_, i) => ({
      idAccuracy: 0.97,
      oodAccuracy: i < 39 ? 0.5 : 0.7,
      rmse: 0.4,
    })),
  ];
  const summary = populationSummary(networks);
  assert.equal(summary.generalizingFraction, 0.22);
  assert.deepEqual(summary.oodRange, [0.5, 0.86]);
  assert.equal(summary.oodMedian, 0.7);
  assert(Math.abs(summary.oodMean - (22 * 0.86 + 39 * 0.5 + 39 * 0.7) / 100) < 1e-12);
  const [mean, sd] = summary.generalizing.oodAccuracy!;
  assert(Math.abs(mean - 0.86) < 1e-12 && sd < 1e-12);
  assert(Math.abs(summary.notGeneralizing.oodAccuracy![0] - 0.6) < 1e-12);
  // the threshold is strict: RMSE exactly 0.2 does not generalize
  assert.equal(
    populationSummary([{ idAccuracy: 1, oodAccuracy: 1, rmse: RMSE_THRESHOLD }])
      .generalizingFraction,
    0,
  );
});

Deno.test("voteScore: perfect, constant and majority-vote predictors", () => {
  const windings = [0, 1, 2, -1];
  const perfect = windings.map((w) => Array(10).fill(w));
  assert.equal(voteScore(perfect, windings, 1).hamiltonianAccuracy, 1);
  assert.equal(voteScore(perfect, windings, 1).eigenvectorAccuracy, 1);
  const constant = windings.map(() => Array(10).fill(1));
  assert.equal(voteScore(constant, windings, 1).hamiltonianAccuracy, 1 / 4);
  // 60% of the eigenvectors right: every eigenvector-level 0.6, every vote right
  const majority = windings.map((w) => [...Array(6).fill(w), ...Array(4).fill(w + 7)]);
  const score = voteScore(majority, windings, 1);
  assert.equal(score.eigenvectorAccuracy, 0.6);
  assert.equal(score.hamiltonianAccuracy, 1);
  // ties are broken at random: over many tied Hamiltonians about half are right, reproducibly
  const tied = Array.from({ length: 400 }, () => [0, 1]);
  const tiedScore = voteScore(tied, Array(400).fill(0), 5);
  assert(tiedScore.hamiltonianAccuracy > 0.4 && tiedScore.hamiltonianAccuracy < 0.6);
  assert.deepEqual(voteScore(tied, Array(400).fill(0), 5), tiedScore);
});

Deno.test("literature baselines refuse the catalog inputs, so other studies record them not applicable", () => {
  for (const name of ["cybinski-cnn", "holanda-tree", "holanda-forest"]) {
    const planned = planCells({
      profile: profile("tiny"),
      studies: ["winding"],
      architectures: [name],
    });
    assert(planned.length > 0);
    for (const { cell } of planned) {
      assert.equal(unavailableOutcome(cell)?.status, "not-applicable");
    }
  }
  const cybinski = planCells({
    profile: profile("standard"),
    studies: ["literature-cybinski"],
    architectures: ["cybinski-cnn", "mlp"],
  });
  assert.equal(cybinski.filter((p) => p.cell.architecture === "cybinski-cnn").length, 4 + 2);
  const full = planCells({
    profile: profile("full"),
    studies: ["literature-cybinski"],
    architectures: ["cybinski-cnn"],
  });
  assert.equal(full.length, 100 + 2); // their 100, and the two networks of the Adam ablation
  assert.equal(cybinski.filter((p) => p.cell.architecture === "mlp").length, 2);
});

Deno.test("a Holanda tree grows to pure leaves on real eigenvectors (ml-cart's defaults stop at the root)", () => {
  const spec = HOLANDA_SPECS.find((s) => s.name === "holanda-ssh1-50-25")!;
  const pool = holandaGrid(spec).filter((h) => h.role === "pool").filter((_, i) => i % 20 === 0);
  const rows: number[][] = [];
  const classes: number[] = [];
  for (const h of pool) {
    const vectors = periodicEigenvectors(h.hoppings, spec.cells);
    for (let k = 0; k < 100; k += 10) {
      rows.push(Array.from(vectors.subarray(k * 100, (k + 1) * 100)));
      classes.push(h.phase!);
    }
  }
  assert(new Set(classes).size === 2 && rows.length >= 200);
  const tree = fitTreeClassifier(rows, classes, { kind: "tree", seed: 1 });
  const predicted = tree.predict(rows);
  assert.equal(predicted.filter((c, i) => c === classes[i]).length, rows.length);
});
