// Test helpers: the standard disordered plain chain (w = 1, W1 = 2·W2) and its critical point.
import { andersonBoundary } from "../lib/invariants/mod.ts";
import { type SshChain, sshChain } from "../lib/lattice/mod.ts";

/** A plain chain `v`, `w = 1` with chiral disorder `W1 = 2·w2`, `W2 = w2`. */
export function disordered(cells: number, v: number, w2: number, seed: number): SshChain {
  return sshChain({
    cells,
    hoppings: { 0: v, 1: 1 },
    disorder: { intracell: 2 * w2, intercell: w2 },
    seed,
  });
}

/** The intracell hopping at the transition (⟨ln|v_n|⟩ = ⟨ln|w_n|⟩) for that disorder. */
export function criticalIntracell(w2: number): number {
  const v = andersonBoundary({ intercell: 1, intracellDisorder: 2 * w2, intercellDisorder: w2 });
  if (v === null) throw new RangeError(`no transition for W2 = ${w2}`);
  return v;
}
