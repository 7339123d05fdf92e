import { z } from "zod";
import { CATALOG } from "../data/mod.ts";
import { andersonBoundaryCurve, realSpaceWinding } from "../invariants/mod.ts";
import { sshChain } from "../lattice/mod.ts";
import type { StudyCell } from "../records/schema.ts";
import { resolveArchitecture } from "../models/registry.ts";
import { trainCell } from "./_cells.ts";
import { open, sampleParameter, transferCells } from "./_transfer.ts";
import { wilsonInterval } from "./confidence_interval.ts";
import type { FigureSpec } from "./figure_spec.ts";
import { formatMetric } from "./format_metric.ts";
import { predict } from "./predict.ts";
import { profile as profileNamed } from "./profiles.ts";
import type { Study, TypedRecord } from "./study.ts";

/** Rows of the grid: W1 ∈ [0, 8] in bins of width 1. */
const ROWS = 8;
const DISORDER: [number, number] = [0, 8];
const INTRACELL: [number, number] = [0, 2];
const CELLS = 32;

/** The grid's columns: the `phase-grid-32-v…` datasets, by ascending v. */
function gridColumns(): Array<{ name: string; v: number }> {
  return CATALOG.filter((spec) => spec.name.startsWith("phase-grid-32-"))
    .map((spec) => ({ name: spec.name, v: spec.intracell as number }))
    .sort((a, b) => a.v - b.v);
}

const grid = z.array(z.array(z.number().nullable()));
// Fields new in suite 0.3.0 have defaults (and old grids a conversion), so older published
// records still parse.
const metrics = z.object({
  /** Agreement with the invariant (RSWN labels), non-ambiguous samples of the whole grid. */
  accuracy: z.number().nullable(),
  /** Changed phase (vs the finite-size clean phase at N = 32), balanced over the directions. */
  changedPhaseAccuracy: z.number().nullable().default(null),
  toTopologicalAccuracy: z.number().nullable().default(null),
  toTopologicalSamples: z.number().default(0),
  toTrivialAccuracy: z.number().nullable().default(null),
  toTrivialSamples: z.number().default(0),
  /** Agreement with the analytic (thermodynamic) phase, every sample. */
  analyticAgreement: z.number().nullable(),
  /** The clean finite-size boundary at N = 32: the v where the clean RSWN crosses 1/2. */
  finiteSizeCleanBoundary: z.number().default(() => cleanFiniteSizeBoundary(CELLS)),
  /** The largest 95% Wilson half-width of a cell's fraction predicted topological. */
  maxHalfWidth: z.number().nullable().default(null),
  /** `[y][x]` over intracell v (x, the grid columns) × disorder W1 (y), row 0 at W1 ∈ [0, 1). */
  grid: z.preprocess(
    fromOldGrid,
    z.object({
      intracell: z.tuple([z.number(), z.number()]),
      disorder: z.tuple([z.number(), z.number()]),
      columns: z.array(z.number()),
      rows: z.number(),
      /** Fraction of scored samples predicted topological (ν = 1). */
      meanPrediction: grid,
      /** Fraction labelled topological by the invariant (non-ambiguous samples). */
      meanInvariant: grid,
      /** Mean real-space winding over every sample (ambiguous ones too). */
      meanRealSpaceWinding: grid,
      /** Samples scored per cell (non-ambiguous). */
      samples: grid,
      ambiguityRate: grid,
    }),
  ),
});

/**
 * A grid of suite 0.1.0 / 0.2.0 (random samples of plain-disorder-32 in `size × size` bins, no
 * columns, rows or RSWN means) in the current shape, so their published pages still draw.
 */
function fromOldGrid(value: unknown): unknown {
  if (value === null || typeof value !== "object" || !("size" in value)) return value;
  const old = value as { size: number; intracell: [number, number]; meanInvariant: unknown[][] };
  const step = (old.intracell[1] - old.intracell[0]) / old.size;
  return {
    ...old,
    columns: Array.from({ length: old.size }, (_, k) => old.intracell[0] + (k + 0.5) * step),
    rows: old.size,
    meanRealSpaceWinding: old.meanInvariant,
    ambiguityRate: old.meanInvariant.map((row) => row.map(() => null)),
  };
}
type Metrics = z.infer<typeof metrics>;

/**
 * The finite-size boundary of a grid: in each row, the v where the row's values (the mean RSWN
 * per column, topological at small v) first cross 1/2, linearly interpolated between columns;
 * rows that never cross are left out. Points `[v, W1 at the row's centre]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { finiteSizeBoundary } from "./phase_diagram.ts";
 *
 * const values = [[1, 1, 0.75, 0.25, 0], [1, 0.5, 0, 0, 0], [0, 0, 0, 0, 0]];
 * const boundary = finiteSizeBoundary(values, [0.1, 0.3, 0.5, 0.7, 0.9], [0, 3]);
 * assert.deepEqual(boundary, [[0.6, 0.5], [0.3, 1.5]]);
 * ```
 */
export function finiteSizeBoundary(
  values: ReadonlyArray<ReadonlyArray<number | null>>,
  columns: readonly number[],
  disorder: readonly [number, number],
): Array<[number, number]> {
  const height = (disorder[1] - disorder[0]) / values.length;
  const points: Array<[number, number]> = [];
  values.forEach((row, y) => {
    for (let x = 0; x + 1 < row.length; x++) {
      const [a, b] = [row[x], row[x + 1]];
      if (a === null || b === null || !(a >= 0.5 && b < 0.5)) continue;
      const t = (a - 0.5) / (a - b);
      const v = columns[x] + t * (columns[x + 1] - columns[x]);
      points.push([Math.round(v * 1e9) / 1e9, disorder[0] + (y + 0.5) * height]);
      break;
    }
  });
  return points;
}

/** The clean boundary at `cells` cells: the v (w = 1) where the clean chain's RSWN crosses 1/2. */
export function cleanFiniteSizeBoundary(cells: number): number {
  let [low, high] = [0.5, 1.5]; // RSWN ≈ 1 at low, ≈ 0 at high
  const nu = (v: number) => realSpaceWinding(sshChain({ cells, hoppings: { 0: v, 1: 1 } }));
  for (let k = 0; k < 40; k++) {
    const middle = (low + high) / 2;
    if (nu(middle) > 0.5) low = middle;
    else high = middle;
  }
  return Math.round(((low + high) / 2) * 1e6) / 1e6;
}

function meanGrids(records: ReadonlyArray<TypedRecord<Metrics>>, which: "meanPrediction") {
  const first = records[0].metrics.grid[which];
  return first.map((row, y) =>
    row.map((_, x) => {
      const values = records.map((record) => record.metrics.grid[which][y]?.[x])
        .filter((value): value is number => typeof value === "number");
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    })
  );
}

/** The invariant's grid, then the mean predicted phase of each architecture and init kind. */
function figures(records: ReadonlyArray<TypedRecord<Metrics>>): FigureSpec[] {
  if (!records.length) return [];
  const reference = records[0].metrics;
  const { columns } = reference.grid;
  const step = columns.length > 1 ? columns[1] - columns[0] : 0.2;
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  const range: [number, number] = [
    round(columns[0] - step / 2),
    round(columns[columns.length - 1] + step / 2),
  ];
  const analytic = {
    name: "analytic boundary (N → ∞)",
    points: andersonBoundaryCurve(reference.grid.disorder[1], range[1], 160),
  };
  const finite = {
    name: `finite-size boundary (N = ${CELLS}, mean RSWN = 1/2)`,
    points: [
      [reference.finiteSizeCleanBoundary, 0] as [number, number],
      ...finiteSizeBoundary(reference.grid.meanRealSpaceWinding, columns, reference.grid.disorder),
    ],
  };
  const heatmap = (
    id: string,
    title: string,
    caption: string,
    values: Metrics["grid"]["meanPrediction"],
    colorBar: string,
  ): FigureSpec => ({
    kind: "heatmap",
    id,
    file: `${id}.svg`,
    title,
    caption,
    x: { label: "intracell v", range },
    y: { label: "disorder W1 (W2 = W1/2)", range: reference.grid.disorder },
    series: [],
    heatmap: { values, range: [0, 1], colorBar, overlays: [analytic, finite] },
  });
  const groups = new Map<string, Array<TypedRecord<Metrics>>>();
  for (const record of records) {
    const name = `${record.cell.architecture}-${record.cell.init.kind}`;
    groups.set(name, [...(groups.get(name) ?? []), record]);
  }
  const halfWidth = reference.maxHalfWidth;
  return [
    heatmap(
      "phase-invariant",
      "The invariant: fraction labelled topological (RSWN, N = 32)",
      `Regular grid of ${columns.length} v columns × ${reference.grid.rows} W1 rows (phase-grid-32-*; at least ${
        Math.min(...reference.grid.samples.flat().map((n) => n ?? 0))
      } scored samples per cell), with the analytic (thermodynamic) and the finite-size (N = 32) phase boundaries.`,
      reference.grid.meanInvariant,
      "fraction labelled topological",
    ),
    ...[...groups.entries()].map(([name, group]) =>
      heatmap(
        `phase-${name}`,
        `${group[0].cell.architecture} (${
          group[0].cell.init.kind
        }): fraction predicted topological`,
        `Mean over ${group.length} seed(s) of the fraction predicted topological per grid cell${
          halfWidth === null
            ? ""
            : ` (95% Wilson half-width ≤ ${formatMetric(halfWidth)} per cell and seed)`
        }, with the analytic and the finite-size (N = 32) boundaries.`,
        meanGrids(group, "meanPrediction"),
        "fraction predicted topological",
      )
    ),
  ];
}

/**
 * Study 8, phase diagram: the phase predicted by a clean-trained model on a regular grid of
 * intracell hopping v (ten columns, the `phase-grid-32-v…` datasets, v = 0.1 … 1.9) × disorder
 * W1 ∈ [0, 8] (eight rows; W2 = W1/2), against the invariant, the analytic boundary and the
 * finite-size boundary of N = 32 cells (PHYSICS.md §6: the clean chain's boundary sits at
 * v ≈ 0.92, not 1). Ranked by {@linkcode changedPhaseScore}: agreement with the invariant where
 * disorder moved the phase away from the clean chain's finite-size phase.
 */
export const phaseDiagram: Study<Metrics> = {
  name: "phase-diagram",
  title: "Phase diagram against the analytic and finite-size boundaries",
  question:
    "Where in (v, W) do networks agree with the invariant, and where do they follow the clean phase?",
  scoresFixedModels: true,
  ranking: {
    metric: "changedPhaseAccuracy",
    higherIsBetter: true,
    description:
      "agreement with the invariant where disorder moved the phase away from the clean chain's at N = 32 (finite-size clean boundary v ≈ 0.92), balanced over the two directions (trivial → topological and topological → trivial; non-ambiguous samples of the phase grid), mean over seeds",
    tieBreak: {
      metric: "accuracy",
      higherIsBetter: true,
      description: "higher agreement over the whole grid",
    },
  },
  metrics,
  figures,
  tables: (records) => [{
    columns: ["architecture", "cell", "grid accuracy", "changed phase", "analytic agreement"],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.id,
      ...[
        record.metrics.accuracy,
        record.metrics.changedPhaseAccuracy,
        record.metrics.analyticAgreement,
      ].map((value) => value === null ? "n/a" : formatMetric(value)),
    ]),
  }],
  cells: (profile, architectures, backend) =>
    transferCells(
      "phase-diagram",
      profile,
      architectures,
      backend,
      gridColumns().map((column) => column.name),
    ),
  run: (cell, { useCache }) => runPhaseDiagram(cell, useCache),
};

async function runPhaseDiagram(cell: StudyCell, useCache: boolean) {
  const { model, datasetHash, run } = await trainCell(cell, useCache);
  const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
  const columns = gridColumns();
  const blank = () => Array.from({ length: ROWS }, () => new Array<number>(columns.length).fill(0));
  const [predicted, invariant, scored, rswn, all, ambiguousCount] = [
    blank(),
    blank(),
    blank(),
    blank(),
    blank(),
    blank(),
  ];
  const boundary = cleanFiniteSizeBoundary(CELLS);
  const changed = { toTopological: [0, 0], toTrivial: [0, 0] };
  let [correct, total, analyticCorrect, analyticTotal] = [0, 0, 0, 0];
  // Profiles that score full test sets (standard, full: 2000 samples) score every sample of a
  // column (≈ 400 per grid cell, ±0.05); the short profiles their own sample count.
  const { testSamples } = profileNamed(cell.profile);
  const limit = testSamples >= 2000 ? Infinity : testSamples;
  try {
    for (const [x, column] of columns.entries()) {
      const file = await open(column.name);
      try {
        const predictions = await predict(model, file, "test", cell.representation, limit);
        const w1 = sampleParameter(file, "intracellDisorder");
        const { winding, ambiguous, analyticPhase, realSpaceWinding: nu } = file.labels("test");
        const cleanPhase = column.v < boundary ? 1 : 0;
        for (const index of predictions.indices) {
          const y = Math.min(ROWS - 1, Math.floor(((w1(index) - DISORDER[0]) / 8) * ROWS));
          const guess = predictions.winding[index];
          all[y][x]++;
          rswn[y][x] += nu[index];
          analyticTotal++;
          if (guess === analyticPhase[index]) analyticCorrect++;
          if (ambiguous[index]) {
            ambiguousCount[y][x]++;
            continue;
          }
          scored[y][x]++;
          total++;
          if (guess === winding[index]) correct++;
          if (guess === 1) predicted[y][x]++;
          if (winding[index] === 1) invariant[y][x]++;
        }
        const own = changedPhaseScore(() => cleanPhase, winding, ambiguous, predictions);
        for (const key of ["toTopological", "toTrivial"] as const) {
          const { accuracy, samples } = own[key];
          changed[key][0] += Math.round((accuracy ?? 0) * samples);
          changed[key][1] += samples;
        }
        datasets.push({ name: column.name, hash: file.hash });
      } finally {
        file.close();
      }
    }
  } finally {
    model.dispose();
  }
  const ratio = (sums: number[][], counts: number[][]) =>
    sums.map((row, y) => row.map((sum, x) => (counts[y][x] ? sum / counts[y][x] : null)));
  let maxHalfWidth: number | null = null;
  predicted.forEach((row, y) =>
    row.forEach((hits, x) => {
      const interval = wilsonInterval(hits, scored[y][x]);
      if (interval) maxHalfWidth = Math.max(maxHalfWidth ?? 0, (interval[1] - interval[0]) / 2);
    })
  );
  const score = ([hits, samples]: number[]) => samples === 0 ? null : hits / samples;
  const present = [score(changed.toTopological), score(changed.toTrivial)].filter((
    value,
  ): value is number => value !== null);
  return {
    status: "ok" as const,
    architectureVersion: resolveArchitecture(cell.architecture).version,
    datasets,
    metrics: {
      accuracy: total ? correct / total : null,
      changedPhaseAccuracy: present.length
        ? present.reduce((a, b) => a + b, 0) / present.length
        : null,
      toTopologicalAccuracy: score(changed.toTopological),
      toTopologicalSamples: changed.toTopological[1],
      toTrivialAccuracy: score(changed.toTrivial),
      toTrivialSamples: changed.toTrivial[1],
      analyticAgreement: analyticTotal ? analyticCorrect / analyticTotal : null,
      finiteSizeCleanBoundary: boundary,
      maxHalfWidth,
      grid: {
        intracell: INTRACELL,
        disorder: DISORDER,
        columns: columns.map((column) => column.v),
        rows: ROWS,
        meanPrediction: ratio(predicted, scored),
        meanInvariant: ratio(invariant, scored),
        meanRealSpaceWinding: ratio(rswn, all),
        samples: scored,
        ambiguityRate: ratio(ambiguousCount, all),
      },
    } satisfies Metrics,
    samplesPerSecond: run.samplesPerSecond,
  };
}

/** Agreement with the invariant on the samples whose phase disorder changed. */
export interface ChangedPhaseScore {
  /** Clean chain trivial, invariant 1 (the topological Anderson region). */
  readonly toTopological: { readonly accuracy: number | null; readonly samples: number };
  /** Clean chain topological, invariant 0. */
  readonly toTrivial: { readonly accuracy: number | null; readonly samples: number };
  /**
   * The mean of the two directions' accuracies (of the one present, if only one is; `null` if
   * neither): a constant prediction scores 0.5, following the clean phase scores 0.
   */
  readonly balanced: number | null;
}

/**
 * Scores predictions where the invariant label differs from the clean chain's phase, per
 * direction and balanced over the two, skipping ambiguous samples. Balancing matters: on the
 * standard disorder range most changed samples go topological → trivial, so a plain accuracy
 * over them would reward predicting 0 everywhere.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { changedPhaseScore } from "./phase_diagram.ts";
 *
 * const clean = [0, 0, 1, 1, 1]; // the clean chain's phase per sample
 * const winding = new Int8Array([1, 0, 0, 0, 1]); // samples 0 and 2, 3 changed phase
 * const ambiguous = new Uint8Array(5);
 * const indices = Int32Array.from([0, 1, 2, 3, 4]);
 * const always0 = { indices, winding: new Int8Array(5) };
 * assert.equal(changedPhaseScore((i) => clean[i], winding, ambiguous, always0).balanced, 0.5);
 * const perfect = { indices, winding };
 * assert.equal(changedPhaseScore((i) => clean[i], winding, ambiguous, perfect).balanced, 1);
 * const followsClean = { indices, winding: Int8Array.from(clean) };
 * assert.equal(changedPhaseScore((i) => clean[i], winding, ambiguous, followsClean).balanced, 0);
 * ```
 */
export function changedPhaseScore(
  cleanPhase: (index: number) => number,
  winding: Int8Array,
  ambiguous: Uint8Array,
  predictions: { readonly indices: Int32Array; readonly winding: ArrayLike<number> },
): ChangedPhaseScore {
  const tally = { toTopological: [0, 0], toTrivial: [0, 0] };
  for (const index of predictions.indices) {
    if (ambiguous[index]) continue;
    const clean = cleanPhase(index);
    if (winding[index] === clean) continue;
    const direction = clean === 0 ? tally.toTopological : tally.toTrivial;
    direction[1]++;
    if (predictions.winding[index] === winding[index]) direction[0]++;
  }
  const score = ([correct, samples]: number[]) => ({
    accuracy: samples === 0 ? null : correct / samples,
    samples,
  });
  const toTopological = score(tally.toTopological);
  const toTrivial = score(tally.toTrivial);
  const present = [toTopological.accuracy, toTrivial.accuracy].filter((a): a is number =>
    a !== null
  );
  return {
    toTopological,
    toTrivial,
    balanced: present.length ? present.reduce((sum, a) => sum + a, 0) / present.length : null,
  };
}
