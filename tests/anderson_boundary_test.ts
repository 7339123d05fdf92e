// The analytic Anderson boundary of the standard disordered chain (w = 1, W2 = W1/2) against
// the closed form of PHYSICS.md §2, written out here independently of lib/invariants.
import assert from "node:assert/strict";
import { andersonBoundary, andersonBoundaryCurve } from "../lib/invariants/mod.ts";

/** ⟨ln|t + W·ω|⟩, ω uniform on [−1/2, 1/2]: [F(t + W/2) − F(t − W/2)]/W, F(x) = x ln|x| − x. */
function closedForm(t: number, W: number): number {
  const F = (x: number) => (x === 0 ? 0 : x * Math.log(Math.abs(x)) - x);
  return W === 0 ? Math.log(Math.abs(t)) : (F(t + W / 2) - F(t - W / 2)) / W;
}

Deno.test("anderson boundary: every curve point solves ⟨ln|v_n|⟩ = ⟨ln|w_n|⟩", () => {
  const curve = andersonBoundaryCurve();
  assert(curve.length > 80, `${curve.length} points`);
  for (const [v, w1] of curve) {
    const gap = closedForm(v, w1) - closedForm(1, w1 / 2);
    assert(Math.abs(gap) < 1e-9, `(${v}, ${w1}): ⟨ln|v|⟩ − ⟨ln|w|⟩ = ${gap}`);
  }
});

Deno.test("anderson boundary: the curve runs from (1, 0) to (0, 4) with no segment lost", () => {
  const curve = andersonBoundaryCurve();
  assert.deepEqual(curve[0], [1, 0]);
  const [vEnd, w1End] = curve[curve.length - 1];
  assert(vEnd < 1e-12 && Math.abs(w1End - 4) < 1e-9, `ends at (${vEnd}, ${w1End})`);
  // The closed form at v = 0: ln(W1/2) − 1 = ⟨ln|1 + (W1/2)ω|⟩ exactly at W1 = 4 (both ln 2 − 1).
  assert(Math.abs(closedForm(0, 4) - (Math.log(2) - 1)) < 1e-15);
  assert(Math.abs(closedForm(1, 2) - (Math.log(2) - 1)) < 1e-15);
  let widest = 0;
  for (let k = 1; k < curve.length; k++) {
    assert(curve[k][1] >= curve[k - 1][1], `W1 decreases at point ${k}`);
    const step = Math.hypot(curve[k][0] - curve[k - 1][0], (curve[k][1] - curve[k - 1][1]) / 4);
    widest = Math.max(widest, step);
  }
  // In units of the plotted ranges (v over 2, W1 over 8) no step is longer than 2.5% of an axis.
  assert(widest < 0.05, `longest step ${widest}`);
  // The stretch that used to be missing, from (0.71, 3.9) down to (0, 4), is drawn.
  const steep = curve.filter(([v, w1]) => w1 > 3.9 && v < 0.71);
  assert(steep.length >= 20, `${steep.length} points between (0.71, 3.9) and (0, 4)`);
});

Deno.test("anderson boundary: v = 0 on the boundary is 0, not null; past W1 = 4 none", () => {
  assert.equal(andersonBoundary({ intercell: 1, intracellDisorder: 4, intercellDisorder: 2 }), 0);
  assert.equal(
    andersonBoundary({ intercell: 1, intracellDisorder: 6, intercellDisorder: 3 }),
    null,
  );
  const v = andersonBoundary({ intercell: 1, intracellDisorder: 3, intercellDisorder: 1.5 })!;
  assert(Math.abs(closedForm(v, 3) - closedForm(1, 1.5)) < 1e-12);
  assert.throws(() => andersonBoundaryCurve(8, 2, 0), RangeError);
});
