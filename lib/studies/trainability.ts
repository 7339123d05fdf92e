import { z } from "zod";
import { catalogSpec, drawBase } from "../data/mod.ts";
import { architectureNames, resolveArchitecture } from "../models/registry.ts";
import type { InitScheme } from "../models/architecture.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell, profileReplicates, trainCell, withDraw } from "./_cells.ts";
import { mean, type Point, seedCurves } from "./_series.ts";
import { scoreModelOn } from "./_transfer.ts";
import { type Profile, profile as profileNamed } from "./profiles.ts";
import { wilsonInterval } from "./confidence_interval.ts";
import { formatMetric } from "./format_metric.ts";
import type { Study, TypedRecord } from "./study.ts";
import type { FigureSeries, FigureSpec, TableSpec } from "./figure_spec.ts";

/** The out-of-distribution accuracy a run must reach after its full budget. */
export const OOD_TARGET = 0.99;

/** Exact-invariant models must also end this close to the exact weights (modulo symmetries). */
export const DISTANCE_TARGET = 0.05;

/**
 * The training sets of the study's data axis, and the out-of-distribution test sets each run is
 * scored on after its full budget (sizes only for size-agnostic architectures):
 * - `clean`: clean plain chains, windings {0, 1} (`plain-clean-32`); out of distribution:
 *   chiral disorder (`plain-disorder-32`) and, size-agnostic, 16, 64 and 128 cells;
 * - `disorder`: disordered plain chains, `W1 ≤ 3.5`, stratified (`plain-disorder-balanced-32`);
 *   out of distribution: the full disorder range `W1 ≤ 8` (`plain-disorder-32`) and,
 *   size-agnostic, 64 cells (`plain-disorder-64`);
 * - `multi-winding`: clean extended chains, windings −1, 0, 1, 2 (`extended-clean-32`); out of
 *   distribution: disordered extended chains (`extended-disorder-32`).
 */
export const TRAINING_SETS = {
  clean: {
    train: "plain-clean-32",
    ood: ["plain-disorder-32"],
    sizes: ["plain-clean-16", "plain-clean-64", "plain-clean-128"],
  },
  disorder: {
    train: "plain-disorder-balanced-32",
    ood: ["plain-disorder-32"],
    sizes: ["plain-disorder-64"],
  },
  "multi-winding": { train: "extended-clean-32", ood: ["extended-disorder-32"], sizes: [] },
} as const satisfies Record<
  string,
  { train: string; ood: readonly string[]; sizes: readonly string[] }
>;

/** A training set of {@linkcode TRAINING_SETS}. */
export type TrainingData = keyof typeof TRAINING_SETS;

const DATA_NAMES = Object.keys(TRAINING_SETS) as TrainingData[];

// Fields new in suite 0.3.0 have defaults, so the records of 0.1.0 and 0.2.0 (where `success`
// meant 99% validation accuracy within the budget) still parse for their published pages.
const metrics = z.object({
  /**
   * 1 when, after the full budget, every out-of-distribution test set reached
   * {@linkcode OOD_TARGET} (and a model whose success needs its exact weights,
   * `successNeedsExactWeights`, ended within {@linkcode DISTANCE_TARGET} of them), else 0.
   */
  success: z.number(),
  /** The training set of the data axis (see `TRAINING_SETS`). */
  trainingData: z.enum(["clean", "disorder", "multi-winding"]).default("clean"),
  /** The lowest accuracy over the out-of-distribution test sets (non-ambiguous samples). */
  oodAccuracy: z.number().nullable().default(null),
  /** Test set → accuracy after the full budget. */
  oodAccuracyBySet: z.record(z.number().nullable()).default({}),
  /** Test sets on which the model predicted one winding for every sample. */
  constantPredictionOn: z.array(z.string()).default([]),
  /** In distribution: 1 if validation accuracy reached 0.99 at some evaluation, else 0. */
  reachedTarget: z.number().default(0),
  /** In distribution: the first evaluated step at 0.99 validation accuracy (not the ranking). */
  stepsToTarget: z.number().nullable(),
  stepsRun: z.number(),
  finalValidationAccuracy: z.number().nullable(),
  testAccuracy: z.number().nullable(),
  perClassAccuracy: z.record(z.number().nullable()),
  gradientNormAtInit: z.number().nullable(),
  distanceFromExact: z.number().nullable(),
  distanceFromExactAtInit: z.number().nullable(),
  parameters: z.number(),
  /** Rows [step, loss, validation accuracy] at each evaluation, to the end of the budget. */
  curve: z.array(z.array(z.number().nullable())),
});
type Metrics = z.infer<typeof metrics>;
type Row = TypedRecord<Metrics>;

/**
 * Whether a run learned the invariant: every out-of-distribution accuracy at least
 * {@linkcode OOD_TARGET} (none measured: no success) and, for a model with a distance from its
 * exact weights, that distance below {@linkcode DISTANCE_TARGET}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runSucceeded } from "./trainability.ts";
 *
 * assert.equal(runSucceeded({ "plain-disorder-32": 0.995 }, null), true);
 * assert.equal(runSucceeded({ "plain-disorder-32": 0.995, "plain-clean-64": 0.5 }, null), false);
 * assert.equal(runSucceeded({ "plain-disorder-32": 1 }, 1.0), false); // 99% by a proxy, not the invariant
 * assert.equal(runSucceeded({}, null), false);
 * ```
 */
export function runSucceeded(
  oodAccuracyBySet: Readonly<Record<string, number | null>>,
  distanceFromExact: number | null,
): boolean {
  const values = Object.values(oodAccuracyBySet);
  if (values.length === 0 || values.some((value) => value === null || value < OOD_TARGET)) {
    return false;
  }
  return distanceFromExact === null || distanceFromExact < DISTANCE_TARGET;
}

/**
 * The distance from the exact weights that decides a run's success with
 * {@linkcode runSucceeded}: the run's own for an architecture whose success needs its exact
 * weights (`successNeedsExactWeights`: topo, topo-full), else `null` (out-of-distribution
 * accuracy alone decides; the distance is still recorded).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decidingDistance } from "./trainability.ts";
 *
 * assert.equal(decidingDistance("topo", 0.46), 0.46);
 * assert.equal(decidingDistance("offset-kernel", 0.46), null);
 * assert.equal(decidingDistance("mlp", null), null);
 * ```
 */
export function decidingDistance(architecture: string, distance: number | null): number | null {
  return resolveArchitecture(architecture).successNeedsExactWeights ? distance : null;
}

/** The registered architectures whose success needs their exact weights, for the texts. */
const EXACT_WEIGHT_NETWORKS = architectureNames()
  .filter((name) => resolveArchitecture(name).successNeedsExactWeights)
  .join(" and ");

function dataOf(record: Row): TrainingData {
  return record.metrics.trainingData;
}

/** Success rate with its Wilson 95% interval over the records. */
function successRate(
  records: readonly Row[],
): { rate: number | null; interval: [number, number] | null } {
  const successes = records.filter((record) => record.metrics.success === 1).length;
  const interval = wilsonInterval(successes, records.length);
  return {
    rate: records.length ? successes / records.length : null,
    interval: interval ? [interval[0], interval[1]] : null,
  };
}

function groupBy<K>(records: readonly Row[], key: (record: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const record of records) {
    groups.set(key(record), [...(groups.get(key(record)) ?? []), record]);
  }
  return groups;
}

/**
 * Where σ is drawn on the log axis: σ > 0 at its value, σ = 0 at a third of the least σ > 0 of
 * the sweep (labelled "σ = 0" by an annotation).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sigmaPosition } from "./trainability.ts";
 *
 * assert.equal(sigmaPosition(0.3, [0, 0.01, 0.3]), 0.3);
 * assert.equal(sigmaPosition(0, [0, 0.03, 0.3]), 0.01);
 * ```
 */
export function sigmaPosition(sigma: number, sigmas: readonly number[]): number {
  if (sigma > 0) return sigma;
  const least = Math.min(...sigmas.filter((s) => s > 0), 1);
  return least / 3;
}

function noiseFigure(records: readonly Row[]): FigureSpec[] {
  const noisy = records.filter((record) =>
    record.cell.init.kind === "noise" && dataOf(record) === "clean"
  );
  if (!noisy.length) return [];
  const sigmaOf = (record: Row) => record.cell.init.kind === "noise" ? record.cell.init.sigma : 0;
  const sigmas = [...new Set(noisy.map(sigmaOf))].sort((a, b) => a - b);
  const zero = sigmas.includes(0) ? sigmaPosition(0, sigmas) : null;
  const series: FigureSeries[] = [...groupBy(noisy, (record) => record.cell.architecture)]
    .map(([name, own]) => {
      const bySigma = [...groupBy(own, sigmaOf)].sort((a, b) => a[0] - b[0]);
      const rates = bySigma.map(([, group]) => successRate(group));
      return {
        name,
        points: bySigma.map(([sigma], k) => [sigmaPosition(sigma, sigmas), rates[k].rate] as Point),
        intervals: rates.map((rate) => rate.interval),
      };
    });
  return [{
    kind: "line",
    id: "success-vs-noise",
    file: "success-vs-noise.svg",
    title: "Success rate vs relative init noise σ (exact weights plus noise)",
    caption:
      `Exact-invariant architectures started at their exact weights plus relative noise σ, trained on clean chains for the full budget; success: out-of-distribution accuracy ≥ ${OOD_TARGET} and, for ${EXACT_WEIGHT_NETWORKS}, distance from the exact weights < ${DISTANCE_TARGET}. Wilson 95% intervals over seeds.${
        zero === null
          ? ""
          : ` σ = 0 is drawn at ${formatMetric(zero)}, left of the log axis's data.`
      }`,
    x: {
      label: "relative init noise σ",
      log: true,
      ticks: sigmas.map((sigma) => sigmaPosition(sigma, sigmas)),
    },
    y: { label: "success rate", range: [0, 1] },
    series,
    ...(zero === null
      ? {}
      : { annotations: [{ axis: "x" as const, value: zero, label: "σ = 0" }] }),
  }];
}

function parameterFigure(random: readonly Row[]): FigureSpec[] {
  const clean = random.filter((record) => dataOf(record) === "clean");
  if (!clean.length) return [];
  const series = [...groupBy(clean, (record) => record.cell.architecture)].map(([name, own]) => {
    const rate = successRate(own);
    return {
      name,
      style: "points" as const,
      points: [[own[0].metrics.parameters, rate.rate] as Point],
      intervals: [rate.interval],
    };
  });
  return [{
    kind: "line",
    id: "success-vs-parameters",
    file: "success-vs-parameters.svg",
    title: "Success rate vs free parameters (random init, clean training data)",
    caption:
      "One point per architecture (topo: the offset kernel κ(d); topo-full: a free N × N kernel), Wilson 95% interval over seeds.",
    x: { label: "free parameters", log: true },
    y: { label: "success rate", range: [0, 1] },
    series,
  }];
}

function dataFigure(random: readonly Row[]): FigureSpec[] {
  if (!random.length) return [];
  const names = [...new Set(random.map((record) => record.cell.architecture))].sort();
  const series = names.map((name, index) => {
    const own = random.filter((record) => record.cell.architecture === name);
    const byData = DATA_NAMES.map((data) => successRate(own.filter((r) => dataOf(r) === data)));
    const offset = names.length > 1 ? (index / (names.length - 1) - 0.5) * 0.4 : 0;
    return {
      name,
      style: "points" as const,
      points: byData.map((rate, k) => [k + offset, rate.rate] as Point),
      intervals: byData.map((rate) => rate.interval),
    };
  });
  return [{
    kind: "strip",
    id: "success-by-training-data",
    file: "success-by-training-data.svg",
    title: "Success rate by training data (random init)",
    caption:
      "Trained on clean {0, 1} chains, on disordered chains, or on windings −1 … 2; each scored out of its distribution after the full budget. Wilson 95% intervals over seeds.",
    x: { label: "training data", categories: DATA_NAMES },
    y: { label: "success rate", range: [0, 1] },
    series,
  }];
}

function curveFigures(random: readonly Row[]): FigureSpec[] {
  const clean = random.filter((record) => dataOf(record) === "clean");
  const column = (k: 1 | 2) => (record: Row) =>
    record.metrics.curve.map((row) => [row[0] ?? 0, row[k] ?? null] as Point);
  return [
    {
      kind: "line",
      id: "training-curves",
      file: "training-curves.svg",
      title: "Validation accuracy during training (random init, clean data, full budget)",
      caption:
        "Every seed's curve (thin) and their median (thick) with the bootstrap 95% interval of the mean; no run stops early.",
      x: { label: "step" },
      y: { label: "validation accuracy", range: [0, 1] },
      series: seedCurves(clean, column(2)),
    },
    {
      kind: "line",
      id: "loss-curves",
      title: "Training loss (random init, clean data, full budget)",
      caption: "Every seed's curve (thin) and their median (thick).",
      x: { label: "step" },
      y: { label: "loss" },
      series: seedCurves(clean, column(1)),
    },
  ];
}

function stripFigure(
  random: readonly Row[],
  id: string,
  title: string,
  caption: string,
  label: string,
  value: (record: Row) => number | null,
): FigureSpec {
  const names = [...new Set(random.map((record) => record.cell.architecture))].sort();
  return {
    kind: "strip",
    id,
    title,
    caption,
    x: { label: "architecture", categories: names },
    y: { label },
    series: names.map((name, index) => {
      const own = random.filter((record) => record.cell.architecture === name);
      return {
        name,
        style: "points" as const,
        points: own.flatMap((record, k) => {
          const y = value(record);
          const spread = own.length > 1 ? (k / (own.length - 1) - 0.5) * 0.3 : 0;
          return y === null ? [] : [[index + spread, y] as Point];
        }),
      };
    }),
  };
}

function figures(records: ReadonlyArray<Row>): FigureSpec[] {
  const random = records.filter((record) => record.cell.init.kind === "random");
  const clean = random.filter((record) => dataOf(record) === "clean");
  return [
    ...noiseFigure(records),
    ...parameterFigure(random),
    ...dataFigure(random),
    ...curveFigures(random),
    stripFigure(
      random,
      "ood-accuracy",
      "Out-of-distribution accuracy after the full budget (random init)",
      `One point per seed and training set: the lowest accuracy over the run's out-of-distribution test sets; success needs ≥ ${OOD_TARGET}.`,
      "out-of-distribution accuracy",
      (record) => record.metrics.oodAccuracy,
    ),
    stripFigure(
      clean,
      "steps-to-target",
      "In-distribution steps to 99% validation accuracy (random init, clean data)",
      "One point per seed; reported apart from the ranking. Runs that never reached the target are not drawn (see the table).",
      "steps to target",
      (record) => record.metrics.stepsToTarget,
    ),
  ];
}

function tables(records: ReadonlyArray<Row>): TableSpec[] {
  const random = records.filter((record) => record.cell.init.kind === "random");
  const rows: string[][] = [];
  for (const [name, own] of [...groupBy(random, (r) => r.cell.architecture)].sort()) {
    for (const data of DATA_NAMES) {
      const group = own.filter((record) => dataOf(record) === data);
      if (!group.length) continue;
      const { rate, interval } = successRate(group);
      const ood = group.map((r) => r.metrics.oodAccuracy).filter((v): v is number => v !== null);
      const reached = group.filter((r) => r.metrics.reachedTarget === 1).length;
      const constant = group.filter((r) => r.metrics.constantPredictionOn.length > 0).length;
      rows.push([
        name,
        data,
        `${group.filter((r) => r.metrics.success === 1).length}/${group.length}`,
        rate === null || interval === null
          ? "n/a"
          : `${formatMetric(rate)} [${formatMetric(interval[0])}, ${formatMetric(interval[1])}]`,
        ood.length ? formatMetric(mean(ood)!) : "n/a",
        `${reached}/${group.length}`,
        constant ? `${constant} seed(s) predict a constant` : "",
      ]);
    }
  }
  return [{
    columns: [
      "architecture",
      "training data",
      "successes / seeds",
      "success rate [95% CI]",
      "mean OOD accuracy",
      "reached 0.99 in distribution",
      "constant predictions",
    ],
    rows,
  }];
}

/** The out-of-distribution test sets of a cell's training set (sizes where size-agnostic). */
export function oodSets(architecture: string, data: TrainingData): string[] {
  const set = TRAINING_SETS[data];
  return [...set.ood, ...(resolveArchitecture(architecture).sizeAgnostic ? set.sizes : [])];
}

/**
 * The training sets a profile's trainability cells train on: every axis, except in `quick` (the
 * default bench, minutes on 2 cores), which trains on clean chains only.
 */
function trainingAxes(profile: Profile): readonly TrainingData[] {
  return profile.name === "quick" ? ["clean"] : DATA_NAMES;
}

function trainingDataOf(cell: StudyCell): TrainingData {
  const base = cell.trainDataset === null ? null : drawBase(cell.trainDataset);
  const data = DATA_NAMES.find((name) => TRAINING_SETS[name].train === base);
  if (data === undefined) {
    throw new RangeError(
      `trainability: no training set trains on "${cell.trainDataset}" (expected ${
        DATA_NAMES.map((name) => TRAINING_SETS[name].train).join(", ")
      })`,
    );
  }
  return data;
}

/**
 * Study 2, trainability: every architecture over the profile's seeds from a random init on
 * each training set of {@linkcode TRAINING_SETS} (clean {0, 1} chains, disordered chains,
 * windings −1 … 2), and exact-invariant ones on clean chains from their exact weights plus
 * relative noise σ. Every run trains the full budget; success means the invariant was learned:
 * out-of-distribution accuracy ≥ 0.99 on every test set its input allows, and for
 * the networks whose exact weights are unique (`successNeedsExactWeights`: topo, topo-full) a
 * distance from them (modulo the network's symmetries) below 0.05 ({@linkcode runSucceeded}).
 * In-distribution steps to target are reported apart.
 */
export const trainability: Study<Metrics> = {
  name: "trainability",
  title: "Trainability: learning the invariant, scored out of distribution after the full budget",
  question: "Is the exact-invariant network hard to train and sensitive to its initialization?",
  ranking: {
    metric: "success",
    higherIsBetter: true,
    description:
      `success rate over seeds and training sets, random init: after the full budget, accuracy ≥ ${OOD_TARGET} on every out-of-distribution test set (disorder; other sizes where size-agnostic), and for ${EXACT_WEIGHT_NETWORKS} (exact weights unique up to their symmetries) distance from the exact weights < ${DISTANCE_TARGET}`,
    tieBreak: {
      metric: "oodAccuracy",
      higherIsBetter: true,
      description: "higher mean out-of-distribution accuracy",
    },
  },
  metrics,
  figures,
  tables,
  cells(profile, architectures, backend) {
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      const exact = resolveArchitecture(name).exactInvariant ?? false;
      for (const { seed, draw } of profileReplicates(profile, "trainability")) {
        // Dataset draws replicate the clean axis (the board's headline); the disorder and
        // multi-winding axes, and the noise sweep (a figure, not the board), run on draw 0.
        const axes = draw === 0 ? trainingAxes(profile) : (["clean"] as const);
        for (const data of axes) {
          const inits: InitScheme[] = [{ kind: "random" }];
          if (exact && data === "clean" && draw === 0) {
            for (const sigma of profile.noiseLevels) inits.push({ kind: "noise", sigma });
          }
          for (const init of inits) {
            cells.push(withDraw(
              makeCell(
                "trainability",
                profile,
                name,
                seed,
                init,
                TRAINING_SETS[data].train,
                oodSets(name, data),
                backend,
                `data=${data}`,
              ),
              draw,
            ));
          }
        }
      }
    }
    return cells;
  },
  async run(cell, { useCache }) {
    const data = trainingDataOf(cell);
    const { model, run, datasetHash } = await trainCell(cell, useCache);
    const datasets = [{ name: cell.trainDataset!, hash: datasetHash }];
    const oodAccuracyBySet: Record<string, number | null> = {};
    const constantPredictionOn: string[] = [];
    try {
      const limit = profileNamed(cell.profile).testSamples;
      for (const name of cell.testDatasets) {
        const score = await scoreModelOn(
          model,
          cell.representation,
          name,
          limit,
          catalogSpec(cell.trainDataset!).cells,
        );
        oodAccuracyBySet[name] = score.accuracy;
        if (score.constant) constantPredictionOn.push(name);
        datasets.push({ name, hash: score.hash });
      }
    } finally {
      model.dispose();
    }
    const last = run.curves[run.curves.length - 1];
    const distance = run.distanceFromExact?.at(-1)?.distance ?? null;
    const ood = Object.values(oodAccuracyBySet);
    return {
      status: "ok",
      architectureVersion: resolveArchitecture(cell.architecture).version,
      datasets,
      metrics: {
        success: runSucceeded(oodAccuracyBySet, decidingDistance(cell.architecture, distance))
          ? 1
          : 0,
        trainingData: data,
        oodAccuracy: ood.some((value) => value === null) || !ood.length
          ? null
          : Math.min(...(ood as number[])),
        oodAccuracyBySet,
        constantPredictionOn,
        reachedTarget: run.stepsToTarget === null ? 0 : 1,
        stepsToTarget: run.stepsToTarget,
        stepsRun: run.stepsRun,
        finalValidationAccuracy: last?.validationAccuracy ?? run.validation?.accuracy ?? null,
        testAccuracy: run.test.accuracy,
        perClassAccuracy: run.test.perClassAccuracy,
        gradientNormAtInit: run.gradientNorms[0]?.norm ?? null,
        distanceFromExact: distance,
        distanceFromExactAtInit: run.distanceFromExact?.[0]?.distance ?? null,
        parameters: run.parameters,
        curve: run.curves.map((point) => [point.step, point.loss, point.validationAccuracy]),
      },
      samplesPerSecond: run.samplesPerSecond,
    };
  },
};
