import type { PlannedCell } from "../studies/plan.ts";
import { profile as profileNamed } from "../studies/profiles.ts";
import { trainingKey } from "../studies/training_key.ts";
import { catalogSpec } from "../data/catalog.ts";
import type { DatasetSpec } from "../data/spec.ts";

/**
 * The constants of the cost model (seconds on one core of a 2020s server CPU, wasm backend):
 * a fixed cost per cell (start, dataset open, provenance, write), a cost per training
 * sample-step (`steps × batchSize`, validation every `evaluateEvery` steps included) that
 * depends on the architecture, and a cost per scored test sample (`testSamples × test
 * datasets`).
 *
 * Where the numbers come from: the published 0.2.0 standard records (an unloaded 2-core
 * machine, 1,500-step budgets): wall seconds over `stepsRun × 128` of the trainability cells
 * that trained ≥ 40 steps (resnet 5.2e-4, cnn 2.3e-4, topo 2.6e-4, topo-full 3.1e-4,
 * symmetric 1.0e-4) and of the winding cells that trained to the end of the budget (resnet
 * 6.6e-4, cnn 2.6e-4, mlp 1.8e-4); the larger of the two, rounded up. The proxy baselines
 * postdate 0.2.0: 200 steps of `deno task train` each took 1.1–2.1 s of wall time, start
 * included, on a loaded machine (≤ 8e-5 per sample-step). An architecture not listed (a
 * submission) is costed as the slowest listed. Scoring-only cells of 0.2.0 took 0.3–0.8 s
 * (disorder: 11 s for 32 cells), under the 0.5 s per cell plus 0.2 s per 2,000 samples scored
 * here; scoring a sample of N cells costs `(N/32)²` times one of 32 cells (size: topo's cells
 * scoring 16, 64 and 128 cells took 6–7 s).
 */
export const COST_MODEL = {
  secondsPerCell: 0.5,
  secondsPerSampleStep: {
    resnet: 7e-4,
    cnn: 3e-4,
    mlp: 2e-4,
    topo: 3e-4,
    "topo-full": 3e-4,
    symmetric: 1e-4,
    "edge-threshold": 8e-5,
    "logistic-hamiltonian": 8e-5,
    "logistic-q2": 8e-5,
    "lyapunov-threshold": 8e-5,
    "ridge-offset-sums": 8e-5,
    // 0.3.0: 400 steps of `deno task train` at 7,100 samples/s on a loaded machine (topo beside
    // it: 8,900), scaled like topo's 0.2.0 rate (evaluations included)
    "offset-kernel": 4e-4,
  } as Readonly<Record<string, number>>,
  secondsPerScoredSample: 1e-4,
  /**
   * The literature protocols' own models, whose cells train outside the suite's datasets (no
   * training key; their recipe, not `steps × batchSize`): seconds per cell in standard, the
   * largest measured rounded up — 0.3.0's records (their CNN 27–42 s, the tree 9–16 s, the
   * forest 83–110 s), their CNN at their budget 866–1,462 s (issue 14's experiment; 1,129 and
   * 1,166 s in the published run), the own-input study's trees on their larger sets (226–282 s
   * for the SSH1 tree, 476–625 s for the SSH2 forest, published run, loaded). Full trains their
   * 100 CNNs up to 1,000 epochs of their whole set (≤ 94,000 updates at ~0.12 s: 12,000 s each)
   * and fits trees on 300 × 20 eigenvectors (6,000 samples: the 5,600-sample tree's 300 s; the
   * forest's fit grows about quadratically, (6,000 / 2,400)² × 650 s ≈ 4,000 s).
   */
  literatureCellSeconds: {
    standard: {
      "literature-cybinski/cybinski-cnn": 45,
      "literature-cybinski-own-input/cybinski-cnn": 1500,
      "literature-holanda/holanda-tree": 20,
      "literature-holanda/holanda-forest": 120,
      "literature-holanda-own-input/holanda-tree": 300,
      "literature-holanda-own-input/holanda-forest": 650,
    },
    full: {
      "literature-cybinski/cybinski-cnn": 12_000,
      "literature-holanda/holanda-tree": 400,
      "literature-holanda/holanda-forest": 4_000,
      "literature-holanda-own-input/holanda-tree": 300,
      "literature-holanda-own-input/holanda-forest": 650,
    },
  } as Readonly<Record<string, Readonly<Record<string, number>>>>,
} as const;

/** Seconds per training sample-step of an architecture ({@linkcode COST_MODEL}; slowest if unlisted). */
export function secondsPerSampleStep(architecture: string): number {
  return COST_MODEL.secondsPerSampleStep[architecture] ??
    Math.max(...Object.values(COST_MODEL.secondsPerSampleStep));
}

/**
 * The estimated seconds of a cell's training alone: rate × steps × batchSize (0 for none), or
 * the measured seconds of a literature model's cell (`literatureCellSeconds`).
 */
export function trainingSeconds(planned: PlannedCell): number {
  const { cell } = planned;
  const literature = COST_MODEL.literatureCellSeconds[cell.profile]?.[
    `${cell.study}/${cell.architecture}`
  ];
  if (literature !== undefined) return literature;
  // A suite architecture on a literature protocol trains on data of its own (no training key):
  // its steps are costed like any training's, and never shared.
  const own = cell.study.startsWith("literature-") && cell.steps > 0;
  return trainingKey(cell) === null && !own
    ? 0
    : secondsPerSampleStep(cell.architecture) * cell.steps * cell.batchSize;
}

/**
 * The estimated seconds of one cell, training included: `0.5 + rate(architecture) × steps ×
 * batchSize + 1e-4 × Σ samples × max(1, (N/32)²)` over its test datasets (N cells, samples:
 * the profile's `testSamples` or the test split where smaller) ({@linkcode COST_MODEL}). Training to the
 * end of the budget (no early stop): an upper bound where a run stops at its target.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "../studies/plan.ts";
 * import { profile } from "../studies/profiles.ts";
 * import { cellSeconds } from "./cost_model.ts";
 *
 * const [cell] = planCells({ profile: profile("quick"), studies: ["size"], architectures: ["mlp"] });
 * assert(cellSeconds(cell) > 1);
 * ```
 */
export function cellSeconds(planned: PlannedCell): number {
  return scoringSeconds(planned) + trainingSeconds(planned);
}

function scoringSeconds(planned: PlannedCell): number {
  const { cell } = planned;
  const testSamples = profileNamed(cell.profile).testSamples;
  // a sample of N cells is (N/32)² times the work of one at 32 cells (amplitudes, projectors)
  const work = cell.testDatasets.reduce((sum, name) => {
    const spec = knownSpec(name);
    const samples = Math.min(testSamples, spec?.splits.test ?? testSamples);
    return sum + samples * Math.max(1, ((spec?.cells ?? 32) / 32) ** 2);
  }, 0);
  return COST_MODEL.secondsPerCell + COST_MODEL.secondsPerScoredSample * work;
}

/** A catalog spec, or null for a dataset the catalog does not know (a submission's own). */
function knownSpec(name: string): DatasetSpec | null {
  try {
    return catalogSpec(name);
  } catch {
    return null;
  }
}

/**
 * The estimated seconds of a list of cells (one shard, or a whole run) run one after the other
 * in one process: every cell's fixed and scoring cost, and each distinct training
 * ({@linkcode trainingKey}) once — the model cache shares it between the cells (of any study)
 * that name the same recipe.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells } from "../studies/plan.ts";
 * import { profile } from "../studies/profiles.ts";
 * import { cellSeconds, shardSeconds } from "./cost_model.ts";
 *
 * const cells = planCells({ profile: profile("quick"), studies: ["trainability", "disorder"], architectures: ["mlp"] });
 * // disorder's mlp reuses trainability's model: less than the cells costed one by one
 * assert(shardSeconds(cells) < cells.reduce((sum, cell) => sum + cellSeconds(cell), 0));
 * ```
 */
export function shardSeconds(cells: readonly PlannedCell[]): number {
  const trained = new Set<string>();
  let total = 0;
  for (const planned of cells) {
    total += scoringSeconds(planned);
    const key = trainingKey(planned.cell);
    if (key === null) total += trainingSeconds(planned); // trains alone (literature), or not
    else if (!trained.has(key)) {
      trained.add(key);
      total += trainingSeconds(planned);
    }
  }
  return total;
}

/**
 * A duration as SLURM's `HH:MM:SS` (hours may exceed 24).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slurmDuration } from "./cost_model.ts";
 *
 * assert.equal(slurmDuration(3725), "01:02:05");
 * ```
 */
export function slurmDuration(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}
