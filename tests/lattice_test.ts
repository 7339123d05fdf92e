import assert from "node:assert/strict";
import { sshChain } from "../lib/lattice/mod.ts";

Deno.test("sshChain: site order, ranges and per-bond hoppings follow PHYSICS.md §1", () => {
  const chain = sshChain({
    cells: 5,
    hoppings: { 0: [1, 2, 3, 4, 5], 1: 0.5, [-1]: 0.25, 2: 0.1 },
  });
  const h = chain.denseHamiltonian();
  const size = 10;
  const at = (row: number, column: number) => h[row * size + column];
  const a = (cell: number) => 2 * cell; // A_{cell+1}
  const b = (cell: number) => 2 * cell + 1; // B_{cell+1}
  assert.equal(at(a(2), b(2)), 3); // intracell, per bond
  assert.equal(at(a(3), b(2)), 0.5); // t_1: B_n → A_{n+1}
  assert.equal(at(a(1), b(2)), 0.25); // t_−1: B_n → A_{n−1}
  assert.equal(at(a(4), b(2)), 0.1); // t_2
  assert.equal(at(b(2), a(4)), 0.1); // symmetric
  for (let n = 0; n < 5; n++) {
    for (let m = 0; m < 5; m++) {
      assert.equal(at(a(n), a(m)), 0, "no A–A elements (chiral)");
      assert.equal(at(b(n), b(m)), 0, "no B–B elements (chiral)");
    }
  }
  assert.deepEqual(chain.ranges, [-1, 0, 1, 2]);
  assert.equal(chain.hoppings.get(2)!.length, 3);
  assert.equal(chain.hoppings.get(-1)!.length, 4);
  assert.equal(chain.isPlain, false);
  const block = chain.chiralBlock();
  for (let row = 0; row < 5; row++) {
    for (let column = 0; column < 5; column++) {
      assert.equal(block[row * 5 + column], at(a(row), b(column)));
    }
  }
});

Deno.test("sshChain: chiral disorder has the stated distribution and is seeded", () => {
  const cells = 20_000;
  const chain = sshChain({
    cells,
    hoppings: { 0: 1, 1: 2 },
    disorder: { intracell: 3, intercell: 1 },
    seed: 5,
  });
  const intracell = chain.hoppings.get(0)!;
  const intercell = chain.hoppings.get(1)!;
  const mean = (x: Float64Array) => x.reduce((sum, value) => sum + value, 0) / x.length;
  const variance = (x: Float64Array) => mean(x.map((value) => value * value)) - mean(x) ** 2;
  assert(Math.abs(mean(intracell) - 1) < 0.03);
  assert(Math.abs(variance(intracell) - 9 / 12) < 0.03);
  assert(Math.abs(mean(intercell) - 2) < 0.01);
  assert(Math.abs(variance(intercell) - 1 / 12) < 0.01);
  assert(Math.min(...intracell) >= -0.5 && Math.max(...intracell) < 2.5);
  assert.equal(chain.isChiral, true);
  const again = sshChain({
    cells,
    hoppings: { 0: 1, 1: 2 },
    disorder: { intracell: 3, intercell: 1 },
    seed: 5,
  });
  assert.deepEqual(again.hoppings.get(0), intracell);
  const other = sshChain({
    cells,
    hoppings: { 0: 1, 1: 2 },
    disorder: { intracell: 3, intercell: 1 },
    seed: 6,
  });
  assert.notDeepEqual(other.hoppings.get(0), intracell);
});

Deno.test("sshChain: on-site disorder sits on both sites of a cell and breaks chirality", () => {
  const chain = sshChain({ cells: 10, hoppings: { 0: 1, 1: 1 }, disorder: { onsite: 2 }, seed: 1 });
  assert.equal(chain.isChiral, false);
  const h = chain.denseHamiltonian();
  for (let n = 0; n < 10; n++) {
    assert.equal(h[2 * n * 20 + 2 * n], chain.onsite![n]);
    assert.equal(h[(2 * n + 1) * 20 + 2 * n + 1], chain.onsite![n]);
    assert(Math.abs(chain.onsite![n]) <= 1);
  }
});

Deno.test("sshChain: bad input gets a RangeError or TypeError naming the value", () => {
  const plain = { 0: 1, 1: 0.5 };
  const cases: Array<[() => unknown, RegExp]> = [
    [() => sshChain({ cells: 1, hoppings: plain }), /cells must be an integer ≥ 2: received 1/],
    [() => sshChain({ cells: 10.5, hoppings: plain }), /received 10.5/],
    [() => sshChain({ cells: 10, hoppings: { 0: NaN } }), /t_0 must be finite: received NaN/],
    [
      () => sshChain({ cells: 10, hoppings: { 1: Infinity } }),
      /t_1 must be finite: received Infinity/,
    ],
    [() => sshChain({ cells: 10, hoppings: { 0: [1, 2] } }), /cells − \|0\| = 10: received 2/],
    [
      () => sshChain({ cells: 3, hoppings: { 0: [1, NaN, 1] } }),
      /bond 1 must be finite: received NaN/,
    ],
    [() => sshChain({ cells: 10, hoppings: { 0.5: 1 } }), /must be an integer: received key "0.5"/],
    [() => sshChain({ cells: 10, hoppings: {} }), /at least one range/],
    [
      () => sshChain({ cells: 3, hoppings: { 0: 1, 3: 1 } }),
      /range 3 needs more than 3 cells: received cells = 3/,
    ],
    [
      () => sshChain({ cells: 10, hoppings: plain, disorder: { intracell: -1 }, seed: 1 }),
      /intracell must be a finite number ≥ 0: received -1/,
    ],
    [
      () => sshChain({ cells: 10, hoppings: plain, disorder: { onsite: NaN }, seed: 1 }),
      /onsite .* received NaN/,
    ],
    [
      () =>
        sshChain({ cells: 10, hoppings: plain, disorder: { offdiagonal: 1 } as never, seed: 1 }),
      /Unknown disorder kind "offdiagonal"/,
    ],
    [
      () => sshChain({ cells: 10, hoppings: plain, disorder: { intracell: 1 } }),
      /needs a seed.*received undefined/,
    ],
    [
      () => sshChain({ cells: 10, hoppings: { 0: "1" as never } }),
      /t_0 must be a number or an array/,
    ],
  ];
  for (const [build, message] of cases) {
    assert.throws(build, (error: Error) => {
      assert(error instanceof RangeError || error instanceof TypeError, `${error}`);
      assert.match(error.message, message);
      return true;
    });
  }
});
