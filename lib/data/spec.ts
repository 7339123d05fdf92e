/** A real value that is fixed or drawn uniformly from `[min, max]`. */
export type Range = number | { readonly min: number; readonly max: number };

/** The three splits of a dataset in storage order, drawn from disjoint random streams. */
export const SPLITS = ["train", "validation", "test"] as const;

/** A split of {@linkcode SPLITS}. */
export type Split = typeof SPLITS[number];

/** The chain models a dataset draws from (see `DatasetSpec.model`). */
export const CHAIN_MODELS = ["plain", "extended"] as const;

/** A chain model of {@linkcode CHAIN_MODELS}. */
export type ChainModel = typeof CHAIN_MODELS[number];

/** The representations, in storage order. */
export const REPRESENTATIONS = ["hamiltonian", "amplitudes", "projector", "band"] as const;

/**
 * How a chain is presented to a network (float32, one sample):
 * - `hamiltonian`: `[cells, channels]`, the hoppings of every bond laid out by the bond's left
 *   cell, one channel per hopping range (ascending), then on-site energy where the dataset has it;
 * - `amplitudes`: `[cells, 2·cells]`, the positive-energy eigenstates (rows, ascending energy)
 *   over the sites `A1 B1 A2 B2 …`;
 * - `projector`: `[cells, cells]`, `Q_AB[j, i]` (row: A cell j, column: B cell i);
 * - `band`: `[cells, 9]`, `Q_AB[i + d, i]²` for `d = −4 … 4` (row: B cell i), gauge invariant.
 */
export type Representation = typeof REPRESENTATIONS[number];

/** The input a model is built for. */
export interface InputSpec {
  /** The representation. */
  readonly representation: Representation;
  /** Unit cells of the chains. */
  readonly cells: number;
  /** Shape of one sample, without the batch axis. */
  readonly shape: readonly number[];
}

/** The offsets `d` of the `band` representation's channels (`Q_AB[i + d, i]²`), ascending. */
export const BAND_OFFSETS: readonly number[] = [-4, -3, -2, -1, 0, 1, 2, 3, 4];

/** The hopping ranges of the extended model. */
export const EXTENDED_RANGES: readonly number[] = [-1, 0, 1, 2];

/**
 * A dataset, fully specified: sample `i` of split `s` depends on nothing but this spec, `s` and
 * `i` (it draws from `Rng.stream(seed, "sample", s, i)`).
 */
export interface DatasetSpec {
  /** Catalog name, lowercase letters, digits and dashes. */
  readonly name: string;
  /**
   * `plain`: `t_0 = intracell`, `t_1 = intercell`. `extended`: `t_m` for m ∈ {−1, 0, 1, 2}, each
   * uniform on [−1, 1], kept when `min_k |h(k)| ≥ minGap`; with `balance` the clean winding
   * cycles through −1, 0, 1, 2.
   */
  readonly model: ChainModel;
  /** Unit cells. */
  readonly cells: number;
  /** Plain model: `v`. */
  readonly intracell?: Range;
  /** Plain model: `w`. */
  readonly intercell?: Range;
  /** Extended model: each `t_m` uniform on this range (default `{ min: −1, max: 1 }`). */
  readonly hoppingRange?: Range;
  /** Extended model: the smallest clean gap accepted. */
  readonly minGap?: number;
  /** Disorder strengths (`W1`, `W2`, on-site), each fixed or drawn per sample. */
  readonly disorder?: {
    readonly intracell?: Range;
    /** `W2`; give this or `intercellRatio`. */
    readonly intercell?: Range;
    /** `W2 = intercellRatio · W1` (the standard studies use 1/2). */
    readonly intercellRatio?: number;
    readonly onsite?: Range;
  };
  /**
   * Edge bonds redrawn per sample: every hopping of a bond that touches the first or last
   * `cells` unit cells is drawn uniformly from `hoppings` (from the realization's seed), so the
   * edges say nothing reliable about the bulk winding while the RSWN centre is untouched
   * (`cells ≤ floor(trim·N) − range`).
   */
  readonly edges?: { readonly cells: number; readonly hoppings: Range };
  /** Sample counts per split. */
  readonly splits: { readonly train: number; readonly validation: number; readonly test: number };
  /** Whether the labels cycle through the classes (redrawing a sample until it matches). */
  readonly balance: boolean;
  /**
   * `disorder`, with `balance`: the disorder strengths are drawn once per sample, before the
   * redraws of the hoppings, so every class has the same distribution of disorder strengths (no
   * disorder-strength proxy); the extended model then balances the winding of the disordered
   * chain, not the clean one.
   */
  readonly stratify?: "disorder";
  /** Seed of every draw. */
  readonly seed: number;
  /** The label rule: RSWN trim, and `ambiguous` where `|ν − round ν| > ambiguityThreshold`. */
  readonly labels: { readonly trim: number; readonly ambiguityThreshold: number };
  /** The representations stored. */
  readonly representations: readonly Representation[];
}
