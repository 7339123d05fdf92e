import { z } from "zod";
import { andersonBoundaryCurve } from "../invariants/mod.ts";
import type { FigureSpec } from "./figure_spec.ts";
import { sampleParameter, scoreTransfer, transferCells } from "./_transfer.ts";
import { scoredAccuracy } from "./predict.ts";
import type { Study, TypedRecord } from "./study.ts";

const GRID = 8;

const grid = z.array(z.array(z.number().nullable()));
const metrics = z.object({
  accuracy: z.number().nullable(),
  // The changed-phase scores are absent from records before suite 0.2.0.
  changedPhaseAccuracy: z.number().nullable().optional(),
  toTopologicalAccuracy: z.number().nullable().optional(),
  toTopologicalSamples: z.number().optional(),
  toTrivialAccuracy: z.number().nullable().optional(),
  toTrivialSamples: z.number().optional(),
  analyticAgreement: z.number().nullable(),
  /** `[y][x]` over intracell v (x) × disorder W1 (y), row 0 at W1 = 0. */
  grid: z.object({
    intracell: z.tuple([z.number(), z.number()]),
    disorder: z.tuple([z.number(), z.number()]),
    size: z.number(),
    meanPrediction: grid,
    meanInvariant: grid,
    samples: grid,
  }),
});
type Metrics = z.infer<typeof metrics>;

/** The invariant's grid, then the mean predicted winding of each architecture and init kind. */
function figures(records: ReadonlyArray<TypedRecord<Metrics>>): FigureSpec[] {
  const boundary = { name: "analytic boundary", points: andersonBoundaryCurve() };
  const heatmap = (
    id: string,
    title: string,
    caption: string,
    values: Metrics["grid"],
    which: "meanPrediction" | "meanInvariant",
  ): FigureSpec => ({
    kind: "heatmap",
    id,
    file: `${id}.svg`,
    title,
    caption,
    x: { label: "intracell v", range: values.intracell },
    y: { label: "W1", range: values.disorder },
    series: [],
    heatmap: { values: values[which], range: [0, 1], overlays: [boundary] },
  });
  const seen = new Set<string>();
  const specs: FigureSpec[] = [];
  for (const record of records) {
    const name = `${record.cell.architecture}-${record.cell.init.kind}`;
    if (seen.has(name)) continue;
    seen.add(name);
    specs.push(heatmap(
      `phase-${name}`,
      `${record.cell.architecture} (${record.cell.init.kind}): mean predicted ν`,
      "Mean predicted winding per grid cell (first seed), with the analytic (Anderson) phase boundary.",
      record.metrics.grid,
      "meanPrediction",
    ));
  }
  if (records.length) {
    specs.unshift(heatmap(
      "phase-invariant",
      "the invariant (RSWN labels)",
      "Mean RSWN over the samples of each grid cell, with the analytic (Anderson) phase boundary.",
      records[0].metrics.grid,
      "meanInvariant",
    ));
  }
  return specs;
}

/**
 * Study 8, phase diagram: the winding predicted by a clean-trained model over a grid of
 * intracell hopping `v ∈ [0, 2]` × disorder `W1 ∈ [0, 8]` (`plain-disorder-32`, W2 = W1/2),
 * against the invariant and the analytic boundary. Ranked by {@linkcode changedPhaseScore}:
 * agreement with the invariant where disorder moved the phase away from the clean chain's
 * (`v < w = 1`), the region where following the clean phase, a proxy, and following the
 * invariant part.
 */
export const phaseDiagram: Study<Metrics> = {
  name: "phase-diagram",
  title: "Phase diagram against the analytic boundary",
  question:
    "Where in (v, W) do networks agree with the invariant, and where do they follow the clean phase?",
  scoresFixedModels: true,
  ranking: {
    metric: "changedPhaseAccuracy",
    higherIsBetter: true,
    description:
      "agreement with the invariant where disorder moved the phase away from the clean chain's, balanced over the two directions (trivial → topological, the topological Anderson region, and topological → trivial; non-ambiguous samples), mean over seeds",
    tieBreak: {
      metric: "accuracy",
      higherIsBetter: true,
      description: "higher agreement over the whole grid",
    },
  },
  metrics,
  figures,
  cells: (profile, architectures, backend) =>
    transferCells("phase-diagram", profile, architectures, backend, ["plain-disorder-32"]),
  run: (cell, { useCache }) =>
    scoreTransfer(cell, useCache, "plain-disorder-32", (file, predictions) => {
      const v = sampleParameter(file, "t0");
      const w1 = sampleParameter(file, "intracellDisorder");
      const { winding, ambiguous, analyticPhase } = file.labels("test");
      const gridCell = (index: number) => [
        Math.min(GRID - 1, Math.floor((v(index) / 2) * GRID)),
        Math.min(GRID - 1, Math.floor((w1(index) / 8) * GRID)),
      ];
      const sum = Array.from({ length: GRID }, () => new Array<number>(GRID).fill(0));
      const count = Array.from({ length: GRID }, () => new Array<number>(GRID).fill(0));
      const invariant = Array.from({ length: GRID }, () => new Array<number>(GRID).fill(0));
      for (const index of predictions.indices) {
        if (ambiguous[index]) continue;
        const [x, y] = gridCell(index);
        sum[y][x] += predictions.winding[index];
        invariant[y][x] += winding[index];
        count[y][x]++;
      }
      const mean = (grid: number[][]) =>
        grid.map((row, y) => row.map((total, x) => (count[y][x] ? total / count[y][x] : null)));
      const changed = changedPhaseScore(
        (index) => (v(index) < 1 ? 1 : 0), // the clean chain's phase: w = 1 on plain chains
        winding,
        ambiguous,
        predictions,
      );
      return {
        accuracy: scoredAccuracy(file, "test", predictions).accuracy,
        changedPhaseAccuracy: changed.balanced,
        toTopologicalAccuracy: changed.toTopological.accuracy,
        toTopologicalSamples: changed.toTopological.samples,
        toTrivialAccuracy: changed.toTrivial.accuracy,
        toTrivialSamples: changed.toTrivial.samples,
        analyticAgreement: phaseAgreement(
          predictions.indices,
          (i) => !ambiguous[i],
          (i) => predictions.winding[i] === analyticPhase[i],
        ),
        grid: {
          intracell: [0, 2],
          disorder: [0, 8],
          size: GRID,
          meanPrediction: mean(sum),
          meanInvariant: mean(invariant),
          samples: count,
        },
      };
    }),
};

function phaseAgreement(
  indices: Int32Array,
  keep: (i: number) => boolean,
  agrees: (i: number) => boolean,
): number | null {
  let kept = 0;
  let agreeing = 0;
  for (const index of indices) {
    if (!keep(index)) continue;
    kept++;
    if (agrees(index)) agreeing++;
  }
  return kept === 0 ? null : agreeing / kept;
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
