import { twistedBoundaryWinding } from "../invariants/mod.ts";
import { type SshChain, sshChain } from "../lattice/mod.ts";
import { symmetricEigen } from "../linalg/mod.ts";
import { Rng } from "../rng.ts";

/** The sizes of a Cybiński et al. dataset (one profile's reading of their protocol). */
export interface CybinskiSizes {
  /** Clean training chains, half on `v ∈ [0, 0.8]`, half on `v ∈ [1.2, 2]` (theirs: 5000). */
  readonly train: number;
  /** Chains of each augmentation set, W = 0.01 and W = 0.05, on the training grid (theirs: 500). */
  readonly augmented: number;
  /** Clean validation chains, the training grid shifted by 0.001 (theirs: 1000). */
  readonly validation: number;
  /** Clean in-distribution test chains, `v` on [0.002, 2.002] (theirs: 500). */
  readonly test: number;
  /** Out-of-distribution phase diagram: `v` points on [0.002, 2.002] (theirs: 500). */
  readonly diagramV: number;
  /** Out-of-distribution phase diagram: `W` points on [0, 5] (theirs: 100). */
  readonly diagramW: number;
  /** Disorder realizations per diagram point (theirs: 10). */
  readonly realizations: number;
}

/** A dataset of Cybiński et al.'s protocol: what defines every byte of it. */
export interface CybinskiSpec {
  readonly name: string;
  /** Unit cells (theirs: M = 50 sites, 25 cells). */
  readonly cells: number;
  /** The intercell hopping `w` (theirs: 1). */
  readonly intercell: number;
  readonly sizes: CybinskiSizes;
  readonly seed: number;
}

/** One chain of the protocol: its parameters, label and input image. */
export interface CybinskiSample {
  readonly v: number;
  readonly disorder: number;
  /** `round(|ν|)` of the twisted-boundary winding of the disordered ring. */
  readonly label: number;
  /**
   * The open chain's eigenvectors squared, `[2·cells, 2·cells]` row-major: row = site
   * (`A1 B1 A2 …`), column = eigenstate in ascending energy (their `evecs_obc**2`).
   */
  readonly image: Float32Array;
  /** The ring's intracell hoppings `v_b`, one per cell. */
  readonly intracell: Float64Array;
  /** The ring's intercell hoppings `w_b`, one per cell; the last is the seam the open chain drops. */
  readonly intercell: Float64Array;
}

/**
 * The open chain of a sample (the seam bond dropped), the chain whose eigenvectors make its
 * image: for the architectures that read it in a suite representation instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cybinskiChain, cybinskiOpenChain } from "./cybinski_dataset.ts";
 *
 * const sample = cybinskiChain(8, 0.3, 1, 0.5, 1);
 * const chain = cybinskiOpenChain(sample);
 * assert.equal(chain.cells, 8);
 * assert.equal(chain.hoppings.get(1)!.length, 7);
 * assert.equal(chain.hoppings.get(0)![3], sample.intracell[3]);
 * ```
 */
export function cybinskiOpenChain(sample: CybinskiSample): SshChain {
  const cells = sample.intracell.length;
  return sshChain({
    cells,
    hoppings: {
      0: Array.from(sample.intracell),
      1: Array.from(sample.intercell.subarray(0, cells - 1)),
    },
  });
}

/** The parts of a Cybiński dataset. */
export type CybinskiPart = "train" | "validation" | "test" | "diagram";

/**
 * Cybiński et al.'s disordered chain, `v_b = v + W·ω_b`, `w_b = w + (W/2)·ω'_b` (their code:
 * `W_disorder_tab = [0.5·W, W]`, the first on the intercell bond), ω uniform on [−1/2, 1/2),
 * drawn once for the ring; the label is `round(|ν|)` of {@linkcode twistedBoundaryWinding} of
 * the ring, the input the open chain of the same draws (the seam bond dropped).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cybinskiChain } from "./cybinski_dataset.ts";
 *
 * const topological = cybinskiChain(8, 0.3, 1, 0, 1);
 * assert.equal(topological.label, 1);
 * assert.equal(topological.image.length, 16 * 16);
 * assert.equal(cybinskiChain(8, 1.7, 1, 0, 1).label, 0);
 * ```
 */
export function cybinskiChain(
  cells: number,
  v: number,
  w: number,
  disorder: number,
  seed: number,
  ...path: (string | number)[]
): CybinskiSample {
  if (!Number.isSafeInteger(cells) || cells < 2) {
    throw new RangeError(`cells must be an integer ≥ 2: received ${cells}`);
  }
  if (![v, w, disorder].every(Number.isFinite) || disorder < 0) {
    throw new RangeError(`v, w must be finite and W ≥ 0: received ${v}, ${w}, ${disorder}`);
  }
  const rng = Rng.stream(seed, "cybinski", ...path);
  const intra = new Float64Array(cells);
  const inter = new Float64Array(cells);
  for (let b = 0; b < cells; b++) {
    intra[b] = v + disorder * (rng.next() - 0.5);
    inter[b] = w + 0.5 * disorder * (rng.next() - 0.5);
  }
  let label: number;
  try {
    label = Math.round(Math.abs(twistedBoundaryWinding({
      cells,
      bonds: new Map([[0, intra], [1, inter]]),
    })));
  } catch {
    label = 0; // exactly at the boundary (clean v = w): counted trivial
  }
  const sites = 2 * cells;
  const h = new Float64Array(sites * sites);
  for (let b = 0; b < cells; b++) {
    h[2 * b * sites + 2 * b + 1] = h[(2 * b + 1) * sites + 2 * b] = intra[b];
    if (b + 1 < cells) {
      const [bSite, aSite] = [2 * b + 1, 2 * (b + 1)];
      h[bSite * sites + aSite] = h[aSite * sites + bSite] = inter[b];
    }
  }
  const { vectors } = symmetricEigen(h, sites);
  const image = new Float32Array(sites * sites);
  for (let state = 0; state < sites; state++) {
    for (let site = 0; site < sites; site++) {
      const amplitude = vectors[state * sites + site];
      image[site * sites + state] = amplitude * amplitude;
    }
  }
  return { v, disorder, label, image, intracell: intra, intercell: inter };
}

function grid(from: number, to: number, count: number): number[] {
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/**
 * The chains of one part of a Cybiński dataset, in a fixed order (sample `i` of a part depends
 * only on the spec, the part and `i`): `train` is the clean training grid
 * (`v` on [0, 0.8] ∪ [1.2, 2]) followed by the W = 0.01 and W = 0.05 augmentation sets on the
 * same grid; `validation` the clean grid shifted by 0.001; `test` clean `v` on [0.002, 2.002];
 * `diagram` the out-of-distribution phase diagram, `v` on [0.002, 2.002] × W on [0, 5] ×
 * realizations (W outermost).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CYBINSKI_SPECS, cybinskiPart } from "./cybinski_dataset.ts";
 *
 * const spec = { ...CYBINSKI_SPECS[0], sizes: { ...CYBINSKI_SPECS[0].sizes, train: 4, augmented: 2 } };
 * const train = cybinskiPart(spec, "train");
 * assert.equal(train.length, 4 + 2 * 2);
 * assert.deepEqual(train.map((s) => s.disorder), [0, 0, 0, 0, 0.01, 0.01, 0.05, 0.05]);
 * ```
 */
export function cybinskiPart(spec: CybinskiSpec, part: CybinskiPart): CybinskiSample[] {
  const { cells, intercell: w, sizes, seed } = spec;
  const split = (count: number, shift: number) => [
    ...grid(shift, 0.8 + shift, Math.floor(count / 2)),
    ...grid(1.2 + shift, 2 + shift, count - Math.floor(count / 2)),
  ];
  const make = (v: number, W: number, i: number) => cybinskiChain(cells, v, w, W, seed, part, i);
  switch (part) {
    case "train": {
      const clean = split(sizes.train, 0).map((v) => [v, 0]);
      const augmented = [0.01, 0.05].flatMap((W) => split(sizes.augmented, 0).map((v) => [v, W]));
      return [...clean, ...augmented].map(([v, W], i) => make(v, W, i));
    }
    case "validation":
      return split(sizes.validation, 0.001).map((v, i) => make(v, 0, i));
    case "test":
      return grid(0.002, 2.002, sizes.test).map((v, i) => make(v, 0, i));
    case "diagram": {
      const out: CybinskiSample[] = [];
      for (const W of grid(0, 5, sizes.diagramW)) {
        for (const v of grid(0.002, 2.002, sizes.diagramV)) {
          for (let r = 0; r < sizes.realizations; r++) out.push(make(v, W, out.length));
        }
      }
      return out;
    }
    default:
      throw new RangeError(`Unknown part "${part}": expected train, validation, test, diagram`);
  }
}

/**
 * The Cybiński et al. datasets (MLST 2025, arXiv:2406.10012; code
 * `kcybinski/Interpreting_NNs_for_topological_phases_of_matter`), one per profile size. See
 * {@linkcode CYBINSKI_CARD} for the deviations from their sizes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CYBINSKI_SPECS } from "./cybinski_dataset.ts";
 *
 * assert.equal(CYBINSKI_SPECS.find((s) => s.name === "cybinski-50-full")!.sizes.train, 5000);
 * ```
 */
export const CYBINSKI_SPECS: readonly CybinskiSpec[] = [
  {
    name: "cybinski-50-tiny",
    cells: 25,
    intercell: 1,
    sizes: {
      train: 64,
      augmented: 16,
      validation: 32,
      test: 32,
      diagramV: 9,
      diagramW: 4,
      realizations: 1,
    },
    seed: 14_025,
  },
  {
    name: "cybinski-50-quick",
    cells: 25,
    intercell: 1,
    sizes: {
      train: 500,
      augmented: 100,
      validation: 200,
      test: 200,
      diagramV: 21,
      diagramW: 11,
      realizations: 2,
    },
    seed: 14_025,
  },
  {
    name: "cybinski-50-standard",
    cells: 25,
    intercell: 1,
    sizes: {
      train: 1000,
      augmented: 250,
      validation: 250,
      test: 250,
      diagramV: 41,
      diagramW: 21,
      realizations: 2,
    },
    seed: 14_025,
  },
  {
    name: "cybinski-50-full",
    cells: 25,
    intercell: 1,
    sizes: {
      train: 5000,
      augmented: 500,
      validation: 1000,
      test: 500,
      diagramV: 101,
      diagramW: 51,
      realizations: 10,
    },
    seed: 14_025,
  },
];

/** The data card of the Cybiński datasets: source and every deviation, in Markdown. */
export const CYBINSKI_CARD = `# Cybiński et al. protocol (cybinski-50-*)

Source: K. Cybiński et al., "Characterizing out-of-distribution generalization of neural
networks: application to the disordered Su–Schrieffer–Heeger model", MLST 2025
(arXiv:2406.10012); code kcybinski/Interpreting_NNs_for_topological_phases_of_matter
(src/data_generation.py, src/architecture.py, src/training_utils.py,
00_demonstrations_data/100_CNNs/…/parameters.txt), read for the protocol, no code copied.

What is theirs: M = 50 sites (25 cells), w = 1; v on linspace(0, 0.8) ∪ linspace(1.2, 2)
for training, shifted by 0.001 for validation, linspace(0.002, 2.002) for the test; disorder
v_b = v + W·ω_b, w_b = w + 0.5·W·ω'_b, ω uniform on [−1/2, 1/2]; the label round(|ν|) of the
winding of det u(k) with the seam bond twisted by e^{ik} on the ring of the same draws; input
the squared open-chain eigenvectors (rows sites, columns states by energy), 50 × 50; clean
training data plus W = 0.01 and W = 0.05 sets; out-of-distribution diagram over
v × W ∈ [0, 5], W in 100 slices, 10 realizations.

Deviations:
- Sizes per profile (standard: 1000 clean + 2 × 250 augmented training, 250 validation, 250
  test, diagram 41 v × 21 W × 2 realizations; full: theirs except the diagram, 101 × 51 × 10
  instead of 500 × 100 × 10), to fit the suite's budgets on 2 cores.
- The augmentation sets use the training v grid (their sets' v grid is not in the repository).
- Their disorder draws are seeded from the system clock (not reproducible); ours come from
  Rng.stream(seed, "cybinski", part, i).
- ν is computed exactly (closed form Π w_b vs Π v_b for the plain ring) instead of sympy
  plus quadrature; a clean chain exactly at v = w is labelled 0.
- Eigenvectors from the suite's symmetric eigensolver (largest entry positive); squaring
  removes the sign, but the basis of a (numerically) degenerate edge-mode pair is the solver's
  choice, as with numpy's eigh.
- Not a catalog DatasetSpec: the catalog's spec has no ring/twisted label rule and no full
  eigenvector image; the data are generated in memory from this spec (deterministic).
- A second reading, the study literature-cybinski-own-input: every suite architecture reads the
  open chains of the same draws in its own representation (the suite's amplitudes in the
  site-moment/1 gauge, Q_AB, its band, or the hoppings; chainRepresentation), not their squared
  image, which exact-invariant, proxy and oracle models cannot use. Their split, labels and
  metric are unchanged.
`;
