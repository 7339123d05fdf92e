import assert from "node:assert/strict";
import {
  bidiagonalSpectrum,
  chiralSpectrum,
  symmetricEigen,
  tridiagonalEigenvalues,
  tridiagonalEigenvectors,
} from "../lib/linalg/mod.ts";
import { sshChain } from "../lib/lattice/mod.ts";
import { Rng } from "../lib/rng.ts";
import {
  maxDifference,
  norm,
  orthogonalityError,
  polarFactor,
  randomSymmetric,
  residual,
} from "./_matrices.ts";

function assertEigenpairs(matrix: Float64Array, order: number, label: string) {
  const { values, vectors } = symmetricEigen(matrix, order);
  const scale = norm(matrix, order);
  const r = residual(matrix, order, values, vectors);
  const o = orthogonalityError(vectors, order, order);
  assert(r <= 1e-10 * scale, `${label}: residual ${r} > 1e-10·‖A‖ = ${1e-10 * scale}`);
  assert(o <= 1e-10, `${label}: ‖VᵀV − I‖ = ${o}`);
  for (let k = 1; k < order; k++) assert(values[k] >= values[k - 1], `${label}: not ascending`);
  return { values, vectors };
}

Deno.test("symmetricEigen: residual and orthogonality for random symmetric matrices", () => {
  for (const order of [1, 2, 3, 10, 64, 200, 400]) {
    assertEigenpairs(randomSymmetric(order, 1), order, `random n = ${order}`);
  }
});

Deno.test("symmetricEigen: exact spectrum of the clean periodic-free chain", () => {
  // The open tight-binding chain of n sites: eigenvalues 2cos(πk/(n+1)).
  const order = 50;
  const matrix = new Float64Array(order * order);
  for (let i = 0; i + 1 < order; i++) matrix[i * order + i + 1] = matrix[(i + 1) * order + i] = 1;
  const { values } = assertEigenpairs(matrix, order, "open chain");
  const exact = Array.from(
    { length: order },
    (_, k) => 2 * Math.cos((Math.PI * (k + 1)) / (order + 1)),
  )
    .sort((a, b) => a - b);
  assert(maxDifference(values, exact) < 1e-13);
});

Deno.test("symmetricEigen: SSH chains deep in both phases, with near-degenerate zero modes", () => {
  for (const [intracell, intercell] of [[0.1, 1], [1, 0.1], [0.5, 1], [1, 0.5]]) {
    for (const cells of [32, 100, 200]) {
      const chain = sshChain({ cells, hoppings: { 0: intracell, 1: intercell } });
      const { values } = assertEigenpairs(
        chain.denseHamiltonian(),
        2 * cells,
        `SSH v=${intracell} w=${intercell} N=${cells}`,
      );
      const smallest = Math.min(...values.map(Math.abs));
      const edgeBound = Math.max(10 * (intracell / intercell) ** cells, 1e-13);
      if (intracell < intercell) assert(smallest < edgeBound, `edge modes at ${smallest}`);
      else assert(smallest > 0.4, `trivial gap ${smallest}`);
    }
  }
});

Deno.test("symmetricEigen: refuses bad shapes and non-finite entries", () => {
  assert.throws(() => symmetricEigen(new Float64Array(3), 2), /order² = 4 entries: received 3/);
  assert.throws(() => symmetricEigen(new Float64Array(0), 0), /positive integer: received 0/);
  assert.throws(() => symmetricEigen(new Float64Array([1, NaN, NaN, 1]), 2), /entry 1 .* NaN/);
});

Deno.test("tridiagonal eigenvalues and inverse-iteration vectors agree with the dense solver", () => {
  const rng = Rng.stream(2, "test", "tridiagonal");
  for (const order of [1, 5, 60, 300]) {
    const diagonal = new Float64Array(order).map(() => rng.normal());
    const off = new Float64Array(order - 1).map(() => rng.normal());
    const dense = new Float64Array(order * order);
    for (let i = 0; i < order; i++) {
      dense[i * order + i] = diagonal[i];
      if (i + 1 < order) dense[i * order + i + 1] = dense[(i + 1) * order + i] = off[i];
    }
    const values = tridiagonalEigenvalues(diagonal, off);
    assert(maxDifference(values, symmetricEigen(dense, order).values) < 1e-12 * norm(dense, order));
    const vectors = tridiagonalEigenvectors(diagonal, off, values);
    assert(residual(dense, order, values, vectors) < 1e-10 * norm(dense, order));
    assert(orthogonalityError(vectors, order, order) < 1e-10);
  }
});

Deno.test("tridiagonalEigenvectors: a degenerate cluster gets an orthonormal basis", () => {
  // Two decoupled identical blocks: every eigenvalue is doubly degenerate.
  const block = [0.3, 1.2, -0.7];
  const diagonal = new Float64Array([...block, ...block]);
  const off = new Float64Array([0.5, 0.8, 0, 0.5, 0.8]);
  const values = tridiagonalEigenvalues(diagonal, off);
  const vectors = tridiagonalEigenvectors(diagonal, off, values);
  assert(orthogonalityError(vectors, 6, 6) < 1e-12);
  assert.throws(
    () => tridiagonalEigenvectors(diagonal, off, new Float64Array([1, 0])),
    /ascending: entry 1 is 0 after 1/,
  );
});

Deno.test("bidiagonalSpectrum agrees with the dense chiral path on clean and disordered chains", () => {
  const rng = Rng.stream(3, "test", "bidiagonal");
  const cases: Array<[string, Float64Array, Float64Array]> = [];
  for (const cells of [8, 50, 150]) {
    cases.push([
      `topological ${cells}`,
      new Float64Array(cells).fill(0.5),
      new Float64Array(cells - 1).fill(1),
    ]);
    cases.push([
      `trivial ${cells}`,
      new Float64Array(cells).fill(1),
      new Float64Array(cells - 1).fill(0.5),
    ]);
    cases.push([
      `critical ${cells}`,
      new Float64Array(cells).fill(1),
      new Float64Array(cells - 1).fill(1),
    ]);
    for (const strength of [2, 6]) {
      cases.push([
        `disordered W=${strength} ${cells}`,
        new Float64Array(cells).map(() => 1 + strength * (rng.next() - 0.5)),
        new Float64Array(cells - 1).map(() => 1 + (strength / 2) * (rng.next() - 0.5)),
      ]);
    }
    // Log-normal hoppings: many singular values far below the working precision of hᵀh.
    cases.push([
      `log-normal ${cells}`,
      new Float64Array(cells).map(() =>
        Math.exp(8 * (rng.next() - 0.5)) * (rng.next() < 0.5 ? -1 : 1)
      ),
      new Float64Array(cells - 1).map(() => Math.exp(8 * (rng.next() - 0.5))),
    ]);
  }
  for (const [label, diagonal, sub] of cases) {
    const cells = diagonal.length;
    const block = new Float64Array(cells * cells);
    for (let j = 0; j < cells; j++) {
      block[j * cells + j] = diagonal[j];
      if (j + 1 < cells) block[(j + 1) * cells + j] = sub[j];
    }
    const fast = bidiagonalSpectrum(diagonal, sub);
    const dense = chiralSpectrum(block, cells);
    const scale = dense.singularValues[cells - 1];
    assert(maxDifference(fast.singularValues, dense.singularValues) < 1e-11 * scale, label);
    // Triplets with σ below the working precision are determined only as subspaces: compare
    // the polar factor over the resolved triplets, and the unresolved subspaces' projectors.
    const resolvedFrom = (values: Float64Array) => values.findIndex((s) => s > 1e-9 * scale);
    const first = resolvedFrom(fast.singularValues);
    assert.equal(first, resolvedFrom(dense.singularValues), `${label}: resolved count`);
    const resolvedPart = (s: typeof fast) =>
      polarFactor(
        s.left.subarray(first * cells),
        s.right.subarray(first * cells),
        cells,
        cells - first,
      );
    assert(maxDifference(resolvedPart(fast), resolvedPart(dense)) < 1e-9, `${label}: Q_AB`);
    for (const side of ["left", "right"] as const) {
      const projector = (s: typeof fast) =>
        polarFactor(
          s[side].subarray(0, first * cells),
          s[side].subarray(0, first * cells),
          cells,
          first,
        );
      assert(
        maxDifference(projector(fast), projector(dense)) < 1e-9,
        `${label}: ${side} zero subspace`,
      );
    }
    assert(orthogonalityError(fast.left, cells, cells) < 1e-10, `${label}: U orthogonal`);
    assert(orthogonalityError(fast.right, cells, cells) < 1e-10, `${label}: V orthogonal`);
    // u_kᵀ h v_k = σ_k: the triplets are paired, not only the subspaces.
    for (let k = 0; k < cells; k++) {
      let sum = 0;
      for (let j = 0; j < cells; j++) {
        for (let i = 0; i < cells; i++) {
          sum += fast.left[k * cells + j] * block[j * cells + i] * fast.right[k * cells + i];
        }
      }
      assert(Math.abs(sum - fast.singularValues[k]) < 1e-10 * scale, `${label}: triplet ${k}`);
    }
  }
});

Deno.test("chiralSpectrum: the polar factor stays orthogonal with exponentially small edge modes", () => {
  const cases: Record<number, number>[] = [{ 0: 0.3, 1: 0.5, 2: 1 }, { 0: 0.1, 1: 1 }, {
    0: 0.3,
    1: 0.2,
    [-1]: 1,
  }];
  for (const hoppings of cases) {
    const chain = sshChain({ cells: 80, hoppings });
    const spectrum = chiralSpectrum(chain.chiralBlock(), 80);
    assert(spectrum.singularValues[0] < 1e-15, `edge-mode energy ${spectrum.singularValues[0]}`);
    assert(orthogonalityError(spectrum.left, 80, 80) < 1e-10);
    assert(orthogonalityError(spectrum.right, 80, 80) < 1e-10);
  }
});

Deno.test("bidiagonalSpectrum: an unresolved edge pair gets the exact pairing sign", () => {
  // σ far below float64 resolution: the sign of Q_AB[0, N−1] = u₀·v_{N−1} follows from the null
  // vectors' recurrences, sign(d₀·∏_{k≥1}(−d_k/e_{k−1})), and must not depend on the solver.
  const rng = Rng.stream(8, "test", "pairing");
  let checked = 0;
  for (let trial = 0; trial < 40; trial++) {
    const cells = 40;
    const d = new Float64Array(cells).map(() =>
      (0.2 + 0.3 * rng.next()) * (rng.next() < 0.3 ? -1 : 1)
    );
    const e = new Float64Array(cells - 1).map(() =>
      (0.8 + 0.4 * rng.next()) * (rng.next() < 0.3 ? -1 : 1)
    );
    const spectrum = bidiagonalSpectrum(d, e);
    if (spectrum.singularValues[0] > 1e-18) continue;
    let expected = Math.sign(d[0]);
    for (let k = 1; k < cells; k++) expected *= -Math.sign(d[k]) * Math.sign(e[k - 1]);
    assert.equal(
      Math.sign(spectrum.left[0] * spectrum.right[cells - 1]),
      expected,
      `trial ${trial}`,
    );
    checked++;
  }
  assert(checked >= 30, `only ${checked} unresolved chains`);
});
