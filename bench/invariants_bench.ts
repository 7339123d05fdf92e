// Invariant micro-benchmarks: the real-space winding number of disordered plain chains across
// sizes (the target: ≥ 2× faster than dense LAPACK at 100 cells, better than cubic
// scaling) and the dense symmetric eigensolver.
import "./_args.ts"; // first: --help and bad options stop the run here
import { sshChain } from "../lib/lattice/mod.ts";
import { realSpaceWinding } from "../lib/invariants/mod.ts";
import { symmetricEigen } from "../lib/linalg/mod.ts";
import { Rng } from "../lib/rng.ts";

function disorderedChain(cells: number, seed: number) {
  return sshChain({
    cells,
    hoppings: { 0: 1.05, 1: 1 },
    disorder: { intracell: 2, intercell: 1 },
    seed,
  });
}

for (const cells of [50, 100, 200, 400]) {
  const chains = Array.from({ length: 16 }, (_, seed) => disorderedChain(cells, seed));
  let next = 0;
  Deno.bench({
    name: `realSpaceWinding, disordered plain chain, ${cells} cells`,
    group: "rswn",
    baseline: cells === 100,
    fn() {
      realSpaceWinding(chains[next++ % chains.length]);
    },
  });
}

for (const order of [64, 200]) {
  const rng = Rng.stream(1, "bench", "symmetric", order);
  const matrix = new Float64Array(order * order);
  for (let i = 0; i < order; i++) {
    for (let j = 0; j <= i; j++) {
      const entry = rng.normal();
      matrix[i * order + j] = entry;
      matrix[j * order + i] = entry;
    }
  }
  Deno.bench({
    name: `symmetricEigen, random symmetric, n = ${order}`,
    group: "eigensolver",
    fn() {
      symmetricEigen(matrix, order);
    },
  });
}
