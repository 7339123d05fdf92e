import assert from "node:assert/strict";
import {
  andersonPhase,
  blochGap,
  meanLogHopping,
  momentumSpaceWinding,
  realSpaceWinding,
  windingDiagnostics,
} from "../lib/invariants/mod.ts";
import { sshChain } from "../lib/lattice/mod.ts";
import { Rng } from "../lib/rng.ts";
import { polynomialRoots } from "./_polynomial_roots.ts";

// PHYSICS.md §1, first table.
const CLEAN_TABLE: Array<[Record<number, number>, number]> = [
  [{ 0: 1, 1: 0.5 }, 0],
  [{ 0: 0.5, 1: 1 }, 1],
  [{ 0: 0.3, 1: 0.5, 2: 1 }, 2],
  [{ 0: 0.3, 1: 0.2, [-1]: 1 }, -1],
  [{ 0: 0.2, 1: 1, 2: 0.3 }, 1],
  [{ 0: 0.1, [-1]: 0.4, 2: 1 }, 2],
];

/** Zeros of z^M·h(z) inside the unit circle, minus M (PHYSICS.md §1), and the decay length. */
function rootCount(hoppings: Record<number, number>): { winding: number; decayLength: number } {
  const ranges = Object.keys(hoppings).map(Number);
  const shift = Math.max(0, -Math.min(...ranges));
  const coefficients = new Array(Math.max(...ranges) + shift + 1).fill(0);
  for (const range of ranges) coefficients[range + shift] = hoppings[range];
  const roots = polynomialRoots(coefficients);
  const inside = roots.filter(([re, im]) => Math.hypot(re, im) < 1).length;
  const decayLength = 1 /
    Math.min(...roots.map(([re, im]) => Math.abs(Math.log(Math.hypot(re, im)))));
  return { winding: inside - shift, decayLength };
}

Deno.test("PHYSICS.md §1: every checked winding, in momentum space, by root counting and in real space", () => {
  for (const [hoppings, winding] of CLEAN_TABLE) {
    const label = JSON.stringify(hoppings);
    assert.equal(momentumSpaceWinding(hoppings), winding, `${label} momentum space`);
    assert.equal(rootCount(hoppings).winding, winding, `${label} root count`);
    for (const cells of [40, 41, 64]) {
      assert.equal(
        windingDiagnostics(sshChain({ cells, hoppings })).winding,
        winding,
        `${label} N=${cells}`,
      );
    }
    // Quantized to better than 1e-6 once the centre is far from the edges.
    const nu = realSpaceWinding(sshChain({ cells: 160, hoppings }));
    assert(Math.abs(nu - winding) < 1e-6, `${label}: ν = ${nu} at 160 cells`);
  }
});

Deno.test("PHYSICS.md §2: the analytic phase column exactly, and the mean RSWN over 10 realizations", () => {
  const rows: Array<[number, number, 0 | 1]> = [[1.05, 2, 1], [1.1, 2.5, 1], [0.9, 6, 0], [
    0.5,
    8,
    0,
  ]];
  for (const [intracell, w1, phase] of rows) {
    const analytic = andersonPhase({
      intracell,
      intercell: 1,
      intracellDisorder: w1,
      intercellDisorder: w1 / 2,
    });
    assert.equal(analytic.winding, phase, `v=${intracell} W1=${w1}`);
    let sum = 0;
    for (let seed = 0; seed < 10; seed++) {
      sum += realSpaceWinding(sshChain({
        cells: 300,
        hoppings: { 0: intracell, 1: 1 },
        disorder: { intracell: w1, intercell: w1 / 2 },
        seed,
      }));
    }
    assert.equal(Math.round(sum / 10) + 0, phase, `v=${intracell} W1=${w1}: mean RSWN ${sum / 10}`);
  }
});

Deno.test("200 random gapped extended chains: real space against momentum space", () => {
  // Ranges −1..2, t_m uniform on [−1, 1], kept when min_k |h(k)| ≥ 0.1. The RSWN carries a
  // finite-size correction ~ exp(−2·floor(N/4)/ξ), ξ the decay length of the Bloch zero closest
  // to the unit circle; it reaches 1e-6 at 80 cells only where ξ is short (see the closing note
  // of the physics issue). So: every chain rounds right at 80 cells, the error obeys the
  // finite-size bound (prefactor 50, measured worst 10), and where the bound is below 1e-8 the error is below 1e-6.
  const rng = Rng.stream(11, "test", "extended");
  const cells = 80;
  const margin = Math.floor(cells / 4);
  let accepted = 0;
  let quantized = 0;
  while (accepted < 200) {
    const hoppings: Record<number, number> = {};
    for (const range of [-1, 0, 1, 2]) hoppings[range] = rng.uniform(-1, 1);
    if (blochGap(hoppings) < 0.1) continue;
    accepted++;
    const winding = momentumSpaceWinding(hoppings);
    const roots = rootCount(hoppings);
    assert.equal(roots.winding, winding, `${JSON.stringify(hoppings)}: root count`);
    const error = Math.abs(realSpaceWinding(sshChain({ cells, hoppings })) - winding);
    const bound = Math.exp((-2 * margin) / roots.decayLength);
    assert(error < 0.5, `${JSON.stringify(hoppings)}: error ${error} does not round to ${winding}`);
    assert(
      error < 50 * bound + 1e-9,
      `${JSON.stringify(hoppings)}: error ${error}, bound ${bound}`,
    );
    if (bound < 1e-8) {
      assert(error < 1e-6, `${JSON.stringify(hoppings)}: error ${error}`);
      quantized++;
    }
  }
  assert(quantized >= 30, `only ${quantized} chains with a short decay length`);
});

Deno.test("disordered plain chains: the mean RSWN rounds to the analytic phase away from the boundary", () => {
  // Grid: intracell v ∈ {0, 0.25, …, 2}, W1 ∈ {0, 1, …, 8}, W2 = W1/2, w = 1; 200 cells,
  // 6 realizations; checked wherever cells × inverse localization length ≥ 20.
  const cells = 200;
  const realizations = 6;
  let checked = 0;
  for (let v = 0; v <= 2; v += 0.25) {
    for (let w1 = 0; w1 <= 8; w1 += 1) {
      const phase = andersonPhase({
        intracell: v,
        intercell: 1,
        intracellDisorder: w1,
        intercellDisorder: w1 / 2,
      });
      if (cells * phase.inverseLocalizationLength < 20) continue;
      checked++;
      let sum = 0;
      for (let seed = 0; seed < realizations; seed++) {
        sum += realSpaceWinding(sshChain({
          cells,
          hoppings: { 0: v, 1: 1 },
          disorder: { intracell: w1, intercell: w1 / 2 },
          seed,
        }));
      }
      assert.equal(
        Math.round(sum / realizations) + 0,
        phase.winding,
        `v=${v} W1=${w1}: ${sum / realizations}`,
      );
    }
  }
  assert(checked >= 60, `only ${checked} grid points checked`);
});

Deno.test("the analytic phase formula: limits and symmetry", () => {
  assert.equal(meanLogHopping(2, 0), Math.log(2));
  // Small disorder approaches ln|t| − W²/(24 t²).
  assert(Math.abs(meanLogHopping(2, 0.01) - (Math.log(2) - 0.01 ** 2 / 96)) < 1e-9);
  // A Monte Carlo estimate of ⟨ln|t + Wω|⟩.
  const rng = Rng.stream(1, "test", "mean-log");
  let sum = 0;
  for (let i = 0; i < 200_000; i++) sum += Math.log(Math.abs(0.7 + 3 * (rng.next() - 0.5)));
  assert(Math.abs(sum / 200_000 - meanLogHopping(0.7, 3)) < 0.01);
  const clean = andersonPhase({
    intracell: 0.5,
    intercell: 1,
    intracellDisorder: 0,
    intercellDisorder: 0,
  });
  assert.equal(clean.winding, 1);
  assert(Math.abs(clean.inverseLocalizationLength - Math.log(2)) < 1e-15);
});

Deno.test("diagnostics: bulk gap sets the edge modes aside; on-site disorder takes the dense path", () => {
  const topological = windingDiagnostics(sshChain({ cells: 60, hoppings: { 0: 0.5, 1: 1 } }));
  assert.equal(topological.method, "bidiagonal");
  assert(topological.smallestEnergy < 1e-12);
  assert(Math.abs(topological.bulkGap - 0.5) < 0.01);
  assert(topological.quantizationError < 1e-6);
  const extended = windingDiagnostics(sshChain({ cells: 60, hoppings: { 0: 0.3, 1: 0.5, 2: 1 } }));
  assert.equal(extended.method, "dense-chiral");
  assert.equal(extended.winding, 2);
  assert(Math.abs(extended.bulkGap - blochGap({ 0: 0.3, 1: 0.5, 2: 1 })) < 0.05);
  // Weak on-site disorder: no longer protected, but still close to the clean value.
  const stressed = windingDiagnostics(sshChain({
    cells: 60,
    hoppings: { 0: 0.5, 1: 1 },
    disorder: { onsite: 0.05 },
    seed: 3,
  }));
  assert.equal(stressed.method, "dense");
  assert.equal(stressed.winding, 1);
  // The chiral and the dense routes agree on a chiral chain's ν when forced through both.
  const chain = sshChain({
    cells: 60,
    hoppings: { 0: 0.8, 1: 1 },
    disorder: { intracell: 1, intercell: 0.5 },
    seed: 2,
  });
  const viaDense = windingDiagnostics({ ...chain, isChiral: false });
  assert(Math.abs(viaDense.realSpaceWinding - realSpaceWinding(chain)) < 1e-9);
});

Deno.test("invariants: bad input gets a RangeError or TypeError naming the value and range", () => {
  const chain = sshChain({ cells: 40, hoppings: { 0: 1, 1: 0.5 } });
  const cases: Array<[() => unknown, RegExp]> = [
    [() => realSpaceWinding(chain, { trim: 0.5 }), /trim must be in \(0, 0.5\): received 0.5/],
    [() => realSpaceWinding(chain, { trim: 0 }), /received 0/],
    [() => realSpaceWinding(chain, { trim: NaN }), /received NaN/],
    [
      () => realSpaceWinding(sshChain({ cells: 6, hoppings: { 0: 1, 2: 1 } })),
      /cells = 6 is too small for trim 0.25 and hopping range 2/,
    ],
    [
      () => realSpaceWinding(sshChain({ cells: 3, hoppings: { 0: 1, 1: 1 } })),
      /cells = 3 is too small/,
    ],
    [() => momentumSpaceWinding({ 0: 1, 1: 1 }), /gap closes/],
    [() => momentumSpaceWinding({ 0: NaN, 1: 1 }), /t_0 must be a finite number .* received NaN/],
    [() => momentumSpaceWinding({ 0: [1, 2] as never }), /t_0 must be a finite number/],
    [() => momentumSpaceWinding({ 1.5: 1 }), /integer: received key "1.5"/],
    [
      () =>
        andersonPhase({ intracell: 1, intercell: 1, intracellDisorder: -2, intercellDisorder: 1 }),
      /intracellDisorder must be a finite number ≥ 0: received -2/,
    ],
    [
      () =>
        andersonPhase({
          intracell: Infinity,
          intercell: 1,
          intracellDisorder: 0,
          intercellDisorder: 0,
        }),
      /intracell must be a finite number: received Infinity/,
    ],
  ];
  for (const [compute, message] of cases) {
    assert.throws(compute, (error: Error) => {
      assert(error instanceof RangeError || error instanceof TypeError, `${error}`);
      assert.match(error.message, message);
      return true;
    });
  }
});
