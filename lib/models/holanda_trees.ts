import { DecisionTreeClassifier } from "ml-cart";
import { RandomForestClassifier } from "ml-random-forest";
import type { Architecture } from "./architecture.ts";

/**
 * ml-cart's tree options, set to scikit-learn's defaults that Holanda & Griffith used: grow until
 * the leaves are pure (ml-cart's own defaults refuse splits that gain less than 0.01 and nodes of
 * 3 samples or fewer; with them a tree on these eigenvectors stops at the root, measured).
 */
const TREE_OPTIONS = { gainFunction: "gini", gainThreshold: 0, minNumSamples: 1 } as const;

/** A fitted tree model: class per row. */
export interface TreeClassifier {
  predict(rows: readonly (readonly number[])[]): number[];
}

/** Options of {@linkcode fitTreeClassifier}. */
export interface TreeOptions {
  /** `tree`: one CART tree (ml-cart); `forest`: a random forest (ml-random-forest). */
  readonly kind: "tree" | "forest";
  /** Forest: number of trees (Holanda & Griffith: 25). */
  readonly trees?: number;
  /** Forest: fraction of the features each tree sees (default 0.3). */
  readonly maxFeatures?: number;
  /** Seed of the forest's sample and feature draws (a 32-bit integer). */
  readonly seed: number;
}

/**
 * Fits a decision tree (`ml-cart`, Gini) or a random forest (`ml-random-forest`, bagged
 * samples, a feature subset per tree) on rows of features and integer classes: the models of
 * Holanda & Griffith (PRB 2020) through maintained npm implementations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitTreeClassifier } from "./holanda_trees.ts";
 *
 * const rows = [[0, 1], [0.1, 0.9], [1, 0], [0.9, 0.2]];
 * const tree = fitTreeClassifier(rows, [0, 0, 1, 1], { kind: "tree", seed: 1 });
 * assert.deepEqual(tree.predict(rows), [0, 0, 1, 1]);
 * assert.throws(() => fitTreeClassifier(rows, [0, 1], { kind: "tree", seed: 1 }), RangeError);
 * ```
 */
export function fitTreeClassifier(
  rows: readonly (readonly number[])[],
  classes: readonly number[],
  options: TreeOptions,
): TreeClassifier {
  if (rows.length === 0 || rows.length !== classes.length) {
    throw new RangeError(
      `Need one class per row and at least one row: received ${rows.length} rows, ${classes.length} classes`,
    );
  }
  if (!classes.every((c) => Number.isSafeInteger(c) && c >= 0)) {
    throw new RangeError("classes must be non-negative integers (indices)");
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed >= 2 ** 31) {
    throw new RangeError(`seed must be an integer in [0, 2^31): received ${options.seed}`);
  }
  const x = rows.map((row) => [...row]);
  const y = [...classes];
  if (options.kind === "tree") {
    const tree = new DecisionTreeClassifier(TREE_OPTIONS);
    tree.train(x, y);
    return { predict: (input) => tree.predict(input.map((row) => [...row])) };
  }
  if (options.kind !== "forest") {
    throw new RangeError(`kind must be tree or forest: received ${options.kind}`);
  }
  const trees = options.trees ?? 25;
  if (!Number.isSafeInteger(trees) || trees < 1) {
    throw new RangeError(`trees must be a positive integer: received ${trees}`);
  }
  const forest = new RandomForestClassifier({
    nEstimators: trees,
    maxFeatures: options.maxFeatures ?? 0.3,
    replacement: true,
    useSampleBagging: true,
    noOOB: true,
    seed: options.seed,
    treeOptions: TREE_OPTIONS,
  });
  forest.train(x, y);
  return { predict: (input) => forest.predict(input.map((row) => [...row])) };
}

function treeArchitecture(name: string, description: string): Architecture {
  return {
    name,
    version: "1.0.0",
    description,
    representations: ["amplitudes"],
    sizeAgnostic: false,
    inputUnavailable: () =>
      "a tree on single eigenvectors of periodic chains (literature-holanda only)",
    build() {
      throw new RangeError(
        `${name} is not a tensor model: the literature-holanda study fits it (fitTreeClassifier)`,
      );
    },
  };
}

/**
 * Holanda & Griffith's SSH1 model: one decision tree on single real-space eigenvectors
 * (registered so its records carry a version; it refuses every catalog input and runs only in
 * the `literature-holanda` study through {@linkcode fitTreeClassifier}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { holandaTree } from "./holanda_trees.ts";
 *
 * assert.match(holandaTree().inputUnavailable!({ representation: "amplitudes", cells: 4, shape: [4, 8] })!, /literature-holanda/);
 * ```
 */
export function holandaTree(): Architecture {
  return treeArchitecture(
    "holanda-tree",
    "Holanda & Griffith (PRB 2020), SSH1: a CART decision tree (ml-cart) on single real-space " +
      "eigenvectors of periodic chains, a Hamiltonian's phase the vote of its eigenvectors.",
  );
}

/**
 * Holanda & Griffith's SSH2 model: a random forest of 25 trees (ml-random-forest) on single
 * real-space eigenvectors; like {@linkcode holandaTree}, `literature-holanda` only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { holandaForest } from "./holanda_trees.ts";
 *
 * assert.equal(holandaForest().name, "holanda-forest");
 * ```
 */
export function holandaForest(): Architecture {
  return treeArchitecture(
    "holanda-forest",
    "Holanda & Griffith (PRB 2020), SSH2: a random forest of 25 trees (ml-random-forest) on " +
      "single real-space eigenvectors of periodic chains, a Hamiltonian's phase the vote.",
  );
}
