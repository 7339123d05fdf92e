// The CPU side of lib/gpu: the polar schedule, the float64 deflation and the float64 twin of the
// GPU algorithm, against the exact float64 spectrum and winding number of lib/invariants.
import assert from "node:assert/strict";
import {
  centralCells,
  chainSpectrum,
  projectorWinding,
  realSpaceWinding,
} from "../lib/invariants/mod.ts";
import { criticalIntracell, disordered } from "./_chains.ts";
import { type SshChain, sshChain } from "../lib/lattice/mod.ts";
import {
  deflatedBlock,
  deflationLowerBound,
  newtonSchulzPolar,
  newtonSchulzWinding,
  polarSchedule,
  smallSingularTriplets,
} from "../lib/gpu/mod.ts";

Deno.test("polarSchedule: every singular value in [ℓ, 1] ends within the tolerance of 1; below ℓ grows", () => {
  for (const [lower, length] of [[1e-2, 6], [1e-3, 7], [1e-4, 9], [1e-5, 11]] as const) {
    const steps = polarSchedule(lower);
    assert.equal(steps.length, length, `ℓ = ${lower}`);
    for (let i = 0; i <= 2000; i++) {
      let x = lower * Math.pow(1 / lower, i / 2000);
      for (const { a, b, c } of steps) x = a * x + b * x ** 3 + c * x ** 5;
      assert(Math.abs(x - 1) < 1e-8, `ℓ = ${lower}: x → ${x}`);
    }
    let tiny = lower / 100;
    for (const { a, b, c } of steps) tiny = a * tiny + b * tiny ** 3 + c * tiny ** 5;
    assert(tiny > lower / 100 && tiny < 1, "values below ℓ grow but stay below 1");
  }
  assert.throws(() => polarSchedule(0), RangeError);
  assert.throws(() => polarSchedule(1), RangeError);
  assert.throws(() => polarSchedule(0.1, { tolerance: 0 }), RangeError);
  assert.throws(() => deflationLowerBound(0.5), RangeError);
});

Deno.test("smallSingularTriplets: the small σ and their pairs u_k v_kᵀ (sign included) equal the exact spectrum", () => {
  const vc = criticalIntracell(1);
  const cases: SshChain[] = [
    sshChain({ cells: 60, hoppings: { 0: 0.5, 1: 1 } }),
    sshChain({ cells: 400, hoppings: { 0: 0.1, 1: 1 } }), // σ below float64: the sign convention
    ...[0, 1, 2, 3, 4, 5].map((seed) => disordered(100, vc, 1, seed)),
    ...[0, 1, 2].map((seed) => disordered(200, 0.3, 3, seed)),
  ];
  let checked = 0;
  for (const chain of cases) {
    const n = chain.cells;
    const exact = chainSpectrum(chain);
    const small = smallSingularTriplets(
      chain.hoppings.get(0)!,
      chain.hoppings.get(1)!,
      1e-3 * exact.singularValues[n - 1],
    );
    let expected = 0;
    while (exact.singularValues[expected] < 1e-3 * exact.singularValues[n - 1]) expected++;
    assert.equal(small.count, expected);
    for (let k = 0; k < small.count; k++) {
      const sigma = exact.singularValues[k];
      if (small.resolved[k]) {
        assert(
          Math.abs(small.values[k] - sigma) <= 1e-9 * sigma,
          `σ ${small.values[k]} ≠ ${sigma}`,
        );
      }
      let left = 0;
      let right = 0;
      for (let j = 0; j < n; j++) {
        left += small.left[k * n + j] * exact.left[k * n + j];
        right += small.right[k * n + j] * exact.right[k * n + j];
      }
      // u·u' = v·v' = ±1 with the same sign: the pair u vᵀ is the exact one.
      assert(Math.abs(left * right - 1) < 1e-9, `n=${n} k=${k}: overlaps ${left}, ${right}`);
      checked++;
    }
  }
  assert(checked >= 12);
  assert.throws(
    () => smallSingularTriplets(new Float64Array(8).fill(0.1), new Float64Array(7).fill(1), 0.5, 0),
    RangeError,
  );
  assert.throws(
    () => smallSingularTriplets(new Float64Array(3), new Float64Array(3), 1),
    RangeError,
  );
});

Deno.test("deflation is what makes the polar iteration exact near the transition", () => {
  // A topological-Anderson chain whose edge-mode pair (σ/‖h‖ ≈ 4e-11) has tails in the centre.
  const chain = disordered(100, 1.05, 1, 0);
  const exact = realSpaceWinding(chain);
  assert(Math.abs(exact - Math.round(exact)) > 0.1, `not quantized: ν = ${exact}`);
  const prepared = deflatedBlock(chain);
  assert(prepared.deflated >= 1);
  const steps = polarSchedule(prepared.lowerBound);
  const centre = centralCells(100, 0.25, 1);
  const deflated = projectorWinding(newtonSchulzPolar(prepared.block, 100, steps), 100, centre);
  assert(Math.abs(deflated - exact) < 1e-8, `deflated: ${deflated} vs ${exact}`);
  // The same iteration on the undeflated block misses the edge pair: an O(1) error.
  const plain = chain.chiralBlock().map((x) => x / prepared.scale);
  const undeflated = projectorWinding(newtonSchulzPolar(plain, 100, steps), 100, centre);
  assert(Math.abs(undeflated - exact) > 0.1, `undeflated: ${undeflated} vs ${exact}`);
});

Deno.test("newtonSchulzWinding (the float64 twin) equals the exact RSWN: trivial, topological, near the transition, extended", () => {
  const vc2 = criticalIntracell(1);
  const plain: SshChain[] = [
    sshChain({ cells: 48, hoppings: { 0: 1, 1: 0.5 } }),
    sshChain({ cells: 48, hoppings: { 0: 0.5, 1: 1 } }),
    sshChain({ cells: 48, hoppings: { 0: 0.97, 1: 1 } }),
    ...[0, 1, 2, 3, 4, 5].map((seed) => disordered(48, vc2, 1, seed)),
    ...[0, 1, 2, 3].map((seed) => disordered(64, 1.05, 1, seed)),
    ...[0, 1].map((seed) => disordered(64, 0.3, 3, seed)),
  ];
  for (const chain of plain) {
    const exact = realSpaceWinding(chain);
    const twin = newtonSchulzWinding(chain);
    assert(Math.abs(twin.realSpaceWinding - exact) < 1e-8, `${twin.realSpaceWinding} vs ${exact}`);
  }
  // Extended chains are not deflated: their edge modes move ν by their overlap with the centre.
  const extended: Record<number, number>[] = [{ 0: 0.3, 1: 0.5, 2: 1 }, {
    0: 0.3,
    1: 0.2,
    [-1]: 1,
  }];
  for (const hoppings of extended) {
    const chain = sshChain({ cells: 40, hoppings });
    const twin = newtonSchulzWinding(chain);
    assert.equal(twin.deflated, 0);
    assert(Math.abs(twin.realSpaceWinding - realSpaceWinding(chain)) < 1e-3);
  }
  assert.throws(
    () =>
      deflatedBlock(
        sshChain({ cells: 8, hoppings: { 0: 1, 1: 1 }, disorder: { onsite: 1 }, seed: 1 }),
      ),
    RangeError,
  );
  assert.throws(() => newtonSchulzPolar(new Float64Array(3), 2, []), RangeError);
});
