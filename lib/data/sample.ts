import { chainCellsOverXi } from "./chain_cells_over_xi.ts";
import {
  blochGap,
  centralCells,
  centralWinding,
  chainFactors,
  projectorWinding,
} from "../invariants/mod.ts";
import { andersonPhase, momentumSpaceWinding } from "../invariants/mod.ts";
import { type Hoppings, sshChain } from "../lattice/mod.ts";
import type { Representation } from "./spec.ts";
import { Rng } from "../rng.ts";
import { type DatasetSpec, EXTENDED_RANGES, type Range, type Split } from "./spec.ts";
import { amplitudesOf, bandOf, hamiltonianOf, projectorOf } from "./representations.ts";

/**
 * Version of the sample generator. Part of every dataset's hash: bump it with any change that
 * can change a single byte of a dataset.
 */
export const GENERATOR_VERSION = "3";

/** The per-sample parameters stored with every dataset, in this order. */
export const PARAMETER_NAMES = [
  "t-1",
  "t0",
  "t1",
  "t2",
  "intracellDisorder",
  "intercellDisorder",
  "onsiteDisorder",
  "disorderSeed",
  "cleanWinding",
  "attempts",
] as const;

/** The most draws a balanced sample makes before it keeps what it has. */
/** Draws of a balanced sample before the last one is kept whatever its class. */
export const MAX_ATTEMPTS = 200;

/** One generated sample: parameters, labels, diagnostics and float32 representations. */
export interface Sample {
  /** Values in {@linkcode PARAMETER_NAMES} order. */
  readonly parameters: Float64Array;
  /** ν. */
  readonly realSpaceWinding: number;
  /** `round(ν)`, the label. */
  readonly winding: number;
  /** `|ν − round ν| > labels.ambiguityThreshold`. */
  readonly ambiguous: boolean;
  /** Smallest |E| once the protected edge modes are set aside. */
  readonly bulkGap: number;
  /** Plain chiral chains: the analytic phase (0 or 1); −1 where it does not apply. */
  readonly analyticPhase: number;
  /** Plain chiral chains: the analytic inverse localization length; −1 where it does not apply. */
  readonly inverseLocalizationLength: number;
  /** `N/ξ` from the sample's own hoppings (see `chainCellsOverXi`), for binning by it. */
  readonly cellsOverXi: number;
  /** The representations the spec asks for. */
  readonly representations: Partial<Record<Representation, Float32Array>>;
}

/** The class windings of a model, ascending. */
export function classWindingsOf(model: DatasetSpec["model"]): number[] {
  return model === "plain" ? [0, 1] : [-1, 0, 1, 2];
}

/**
 * Generates sample `index` of `split`: a pure function of `(spec, split, index)`, drawing only
 * from `Rng.stream(spec.seed, "sample", split, index)`. Balanced specs target class
 * `index mod classes` and redraw (at most 200 times) until `round(ν)` matches; ambiguous samples
 * that match are kept and flagged, so the dataset records the scatter near the boundary (plain chiral chains skip the diagonalization of draws whose analytic phase is confidently the
 * other class, `cells/ξ ≥ 20`); the extended model balances its clean winding instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./dataset_spec.ts";
 * import { generateSample } from "./sample.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 16, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 0 }, seed: 1,
 * });
 * const sample = generateSample(spec, "train", 1);
 * assert.equal(sample.winding, 1); // balanced: odd indices target winding 1
 * assert.equal(sample.representations.amplitudes!.length, 16 * 32);
 * ```
 */
export function generateSample(spec: DatasetSpec, split: Split, index: number): Sample {
  const rng = Rng.stream(spec.seed, "sample", split, index);
  const classes = classWindingsOf(spec.model);
  const target = spec.balance ? classes[index % classes.length] : null;
  const disorder = spec.disorder ?? {};
  let result: Sample | undefined;
  // Stratified: the strengths are the sample's, drawn before any hopping, whatever its class.
  const stratified = spec.stratify === "disorder" && target !== null
    ? drawDisorder(rng, disorder)
    : null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const hoppings = spec.model === "plain"
      ? {
        [-1]: 0,
        0: drawUniform(rng, spec.intracell!),
        1: drawUniform(rng, spec.intercell!),
        2: 0,
      }
      : extendedHoppings(rng, spec.minGap!, target, spec.hoppingRange ?? { min: -1, max: 1 });
    const { intracellDisorder, intercellDisorder, onsiteDisorder, disorderSeed } = stratified
      ? { ...stratified, disorderSeed: drawSeed(rng) }
      : drawDisorder(rng, disorder);
    if (
      target !== null && spec.model === "plain" && onsiteDisorder === 0 && attempt < MAX_ATTEMPTS
    ) {
      // A draw whose analytic phase is confidently the other class (cells/ξ ≥ 20) would be
      // rejected anyway: redraw without diagonalizing.
      const phase = andersonPhase({
        intracell: hoppings[0],
        intercell: hoppings[1],
        intracellDisorder,
        intercellDisorder,
      });
      if (phase.winding !== target && spec.cells * phase.inverseLocalizationLength >= 20) continue;
    }
    result = drawSample(
      spec,
      hoppings,
      { intracellDisorder, intercellDisorder, onsiteDisorder },
      disorderSeed,
      attempt,
    );
    if (target === null || (spec.model === "extended" && !stratified)) break;
    if (result.winding === target) break; // ambiguous ones too: kept and flagged, not hidden
  }
  return result!;
}

/** A value of a range: the number itself, or a uniform draw. */
export function drawUniform(rng: Rng, range: Range): number {
  return typeof range === "number" ? range : rng.uniform(range.min, range.max);
}

/**
 * The disorder draws of one attempt, after its hoppings: the strengths and the realization's
 * seed. The CPU and GPU generators both draw through here, so they consume a sample's stream
 * alike.
 */
export function drawDisorder(
  rng: Rng,
  disorder: NonNullable<DatasetSpec["disorder"]>,
): {
  intracellDisorder: number;
  intercellDisorder: number;
  onsiteDisorder: number;
  disorderSeed: number;
} {
  const intracellDisorder = drawUniform(rng, disorder.intracell ?? 0);
  const intercellDisorder = disorder.intercellRatio !== undefined
    ? disorder.intercellRatio * intracellDisorder
    : drawUniform(rng, disorder.intercell ?? 0);
  const onsiteDisorder = drawUniform(rng, disorder.onsite ?? 0);
  const disorderSeed = drawSeed(rng);
  return { intracellDisorder, intercellDisorder, onsiteDisorder, disorderSeed };
}

// A disorder realization's seed: 53 random bits.
function drawSeed(rng: Rng): number {
  return rng.nextUint32() * 2097152 + (rng.nextUint32() >>> 11);
}

function extendedHoppings(
  rng: Rng,
  minGap: number,
  target: number | null,
  hoppingRange: Range,
): Record<number, number> {
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const hoppings: Record<number, number> = {};
    for (const range of EXTENDED_RANGES) hoppings[range] = drawUniform(rng, hoppingRange);
    if (blochGap(hoppings) < minGap) continue;
    if (target === null || momentumSpaceWinding(hoppings) === target) return hoppings;
  }
  throw new RangeError(`No extended chain with winding ${target} and gap ≥ ${minGap} was found`);
}

function drawSample(
  spec: DatasetSpec,
  clean: Record<number, number>,
  strengths: { intracellDisorder: number; intercellDisorder: number; onsiteDisorder: number },
  disorderSeed: number,
  attempts: number,
): Sample {
  const cells = spec.cells;
  const hoppings: Record<number, number> = spec.model === "plain"
    ? { 0: clean[0], 1: clean[1] }
    : clean;
  const chain = sshChain({
    cells,
    hoppings: spec.edges
      ? withEdges(hoppings, cells, spec.edges, disorderSeed)
      : hoppings as Hoppings,
    disorder: {
      intracell: strengths.intracellDisorder,
      intercell: strengths.intercellDisorder,
      onsite: strengths.onsiteDisorder,
    },
    seed: disorderSeed,
  });
  const range = spec.model === "plain" ? 1 : 2;
  const centre = centralCells(cells, spec.labels.trim, range);
  const factors = chainFactors(chain);
  const wants = new Set(spec.representations);
  const representations: Partial<Record<Representation, Float32Array>> = {};
  let nu: number;
  if (wants.has("projector") || wants.has("band")) {
    const projector = projectorOf(factors);
    nu = projectorWinding(projector, cells, centre);
    const stored = Float32Array.from(projector);
    if (wants.has("projector")) representations.projector = stored;
    // From the stored float32 Q, as the GPU path (whose labeler returns float32 Q) computes it.
    if (wants.has("band")) representations.band = bandOf(stored, cells);
  } else {
    nu = centralWinding(factors.left, factors.right, factors.count, cells, centre);
  }
  if (wants.has("amplitudes")) representations.amplitudes = amplitudesOf(factors);
  const ranges = spec.model === "plain" ? [0, 1] : EXTENDED_RANGES;
  const onsite = spec.disorder?.onsite !== undefined;
  const bonds = hamiltonianOf(chain, ranges, false); // the hoppings alone, for N/ξ
  if (wants.has("hamiltonian")) {
    representations.hamiltonian = onsite ? hamiltonianOf(chain, ranges, true) : bonds;
  }
  const cellsOverXi = chainCellsOverXi(bonds, ranges, cells);
  const winding = Math.round(nu) + 0;
  const edgeStates = Math.min(
    factors.statesPerEdgeMode * Math.abs(winding),
    factors.energies.length - 1,
  );
  const phase = spec.model === "plain" && chain.isChiral
    ? andersonPhase({
      intracell: clean[0],
      intercell: clean[1],
      intracellDisorder: strengths.intracellDisorder,
      intercellDisorder: strengths.intercellDisorder,
    })
    : null;
  const cleanWinding = spec.model === "plain"
    ? (Math.abs(clean[1]) > Math.abs(clean[0]) ? 1 : 0)
    : momentumSpaceWinding(clean);
  return {
    parameters: Float64Array.from([
      clean[-1],
      clean[0],
      clean[1],
      clean[2],
      strengths.intracellDisorder,
      strengths.intercellDisorder,
      strengths.onsiteDisorder,
      disorderSeed,
      cleanWinding,
      attempts,
    ]),
    realSpaceWinding: nu,
    winding,
    ambiguous: Math.abs(nu - winding) > spec.labels.ambiguityThreshold,
    bulkGap: factors.energies[edgeStates],
    analyticPhase: phase ? phase.winding : -1,
    inverseLocalizationLength: phase ? phase.inverseLocalizationLength : -1,
    cellsOverXi,
    representations,
  };
}

// Per-bond hoppings with every bond touching the first or last `edges.cells` cells redrawn from
// `edges.hoppings`, drawing from the realization's own stream (the sample stream is untouched).
function withEdges(
  hoppings: Record<number, number>,
  cells: number,
  edges: NonNullable<DatasetSpec["edges"]>,
  disorderSeed: number,
): Hoppings {
  const rng = Rng.stream(disorderSeed, "edge-bonds");
  const out: Record<number, number[]> = {};
  for (const range of Object.keys(hoppings).map(Number).sort((a, b) => a - b)) {
    const reach = Math.abs(range);
    out[range] = Array.from({ length: cells - reach }, (_, bond) => {
      const touches = bond < edges.cells || bond + reach >= cells - edges.cells;
      return touches ? drawUniform(rng, edges.hoppings) : hoppings[range];
    });
  }
  return out;
}
