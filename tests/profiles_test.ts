// The profiles' replication: standard runs 10 seeds per trained cell and 3 independent dataset
// draws in the headline studies; each cell names its draw (id and datasets); the quick and
// tiny profiles stay one seed on draw 0.
import assert from "node:assert/strict";
import { datasetDraw } from "../lib/data/mod.ts";
import { planCells, profile } from "../lib/studies/mod.ts";

const HEADLINE = ["trainability", "disorder"];

Deno.test("standard: every headline board gets 10 seeds × 3 draws of random-init cells per architecture", () => {
  const standard = profile("standard");
  assert(standard.seeds >= 10 && standard.draws >= 3);
  for (const study of HEADLINE) {
    // trainability: the clean training set is the board's replicated axis (the disorder and
    // multi-winding axes run on draw 0)
    const cells = planCells({ profile: standard, studies: [study], architectures: ["mlp"] })
      .map((planned) => planned.cell)
      .filter((cell) =>
        cell.init.kind === "random" && !/data=(disorder|multi-winding)/.test(cell.id)
      );
    const pairs = new Set(cells.map((cell) => `${cell.seed}/${datasetDraw(cell.trainDataset!)}`));
    assert.equal(cells.length, standard.seeds * standard.draws, study);
    assert.equal(pairs.size, cells.length, `${study}: a (seed, draw) pair twice`);
    for (const cell of cells) {
      const draw = datasetDraw(cell.trainDataset!);
      // the record's config names its draw: the id, the training and every test dataset
      assert.equal(cell.id.endsWith(`.draw=${draw}`), draw > 0, cell.id);
      assert(cell.testDatasets.every((name) => datasetDraw(name) === draw), cell.id);
    }
  }
});

Deno.test("standard: the other studies run 10 seeds on draw 0 (they reuse draw 0's models)", () => {
  const standard = profile("standard");
  for (const study of ["size", "winding", "stress", "interpretability", "phase-diagram"]) {
    const cells = planCells({ profile: standard, studies: [study], architectures: ["mlp"] })
      .map((planned) => planned.cell)
      .filter((cell) => cell.init.kind === "random");
    assert.equal(cells.length, standard.seeds, study);
    assert(cells.every((cell) => datasetDraw(cell.trainDataset!) === 0), study);
  }
});

Deno.test("draw 0 cells keep the ids and datasets of a one-draw profile", () => {
  const standard = planCells({
    profile: profile("standard"),
    studies: ["disorder"],
    architectures: ["topo"],
  }).map((planned) => planned.cell);
  const quick = planCells({
    profile: profile("quick"),
    studies: ["disorder"],
    architectures: ["topo"],
  })
    .map((planned) => planned.cell);
  for (const cell of quick) {
    const same = standard.find((other) => other.id === cell.id)!;
    assert(same, `${cell.id} missing from standard`);
    assert.equal(same.trainDataset, cell.trainDataset);
    assert.deepEqual(same.testDatasets, cell.testDatasets);
  }
});

Deno.test("quick and tiny stay one seed on one draw", () => {
  for (const name of ["quick", "tiny"]) {
    const cells = planCells({ profile: profile(name), studies: HEADLINE, architectures: ["mlp"] });
    assert(cells.every(({ cell }) => cell.seed === 0 && datasetDraw(cell.trainDataset!) === 0));
    // one cell per study and training set: quick trains trainability on clean chains only (the
    // default bench stays within minutes), tiny on all three training sets
    assert.equal(cells.length, name === "quick" ? 2 : 4, name);
  }
});
