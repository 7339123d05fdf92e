import { z } from "zod";
import { mean, meanSeries, type Point } from "./_series.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { InitScheme } from "../models/architecture.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell, profileReplicates, trainCell, withDraw } from "./_cells.ts";
import type { Study, TypedRecord } from "./study.ts";
import type { FigureSpec } from "./figure_spec.ts";

const metrics = z.object({
  /** 1 if validation accuracy reached the target within the budget, else 0. */
  success: z.number(),
  stepsToTarget: z.number().nullable(),
  stepsRun: z.number(),
  finalValidationAccuracy: z.number().nullable(),
  testAccuracy: z.number().nullable(),
  perClassAccuracy: z.record(z.number().nullable()),
  gradientNormAtInit: z.number().nullable(),
  distanceFromExact: z.number().nullable(),
  distanceFromExactAtInit: z.number().nullable(),
  parameters: z.number(),
  /** Rows [step, loss, validation accuracy] at each evaluation. */
  curve: z.array(z.array(z.number().nullable())),
});
type Metrics = z.infer<typeof metrics>;

function figures(records: ReadonlyArray<TypedRecord<Metrics>>): FigureSpec[] {
  const byArchitecture = new Map<string, Map<number, number[]>>();
  for (const record of records.filter((record) => record.cell.init.kind !== "random")) {
    const sigma = record.cell.init.kind === "noise" ? record.cell.init.sigma : 0;
    const bySigma = byArchitecture.get(record.cell.architecture) ?? new Map<number, number[]>();
    bySigma.set(sigma, [...(bySigma.get(sigma) ?? []), record.metrics.success]);
    byArchitecture.set(record.cell.architecture, bySigma);
  }
  const noise = [...byArchitecture.entries()].map(([name, bySigma]) => ({
    name,
    points: [...bySigma.entries()].sort((a, b) => a[0] - b[0]).map((
      [, successes],
      index,
    ) => [index, mean(successes)] as Point),
  }));
  const random = records.filter((record) => record.cell.init.kind === "random");
  const curve = (column: 1 | 2) => (record: TypedRecord<Metrics>) =>
    record.metrics.curve.map((row) => [row[0] ?? 0, row[column] ?? null] as Point);
  const names = [...new Set(random.map((record) => record.cell.architecture))].sort();
  return [
    ...(noise.length
      ? [{
        kind: "line" as const,
        id: "success-vs-noise",
        file: "success-vs-noise.svg",
        title: "Success rate vs relative init noise σ (index of σ in the sweep)",
        caption:
          "Exact-invariant architectures started at the exact weights plus relative noise σ (position of σ in the sweep, σ = 0 first); success: validation accuracy reaches the target.",
        x: { label: "σ index" },
        y: { label: "success rate", range: [0, 1] as const },
        series: noise,
      }]
      : []),
    {
      kind: "line",
      id: "training-curves",
      file: "training-curves.svg",
      title: "Validation accuracy during training (random init)",
      caption: "Mean over seeds at each evaluation step.",
      x: { label: "step" },
      y: { label: "validation accuracy", range: [0, 1] },
      series: meanSeries(random, curve(2)),
    },
    {
      kind: "line",
      id: "loss-curves",
      title: "Training loss (random init)",
      caption: "Mean over seeds at each evaluation step.",
      x: { label: "step" },
      y: { label: "loss" },
      series: meanSeries(random, curve(1)),
    },
    {
      kind: "strip",
      id: "steps-to-target",
      title: "Steps to target (random init)",
      caption:
        "One point per seed; runs that never reached the target are not drawn (see the table).",
      x: { label: "architecture", categories: names },
      y: { label: "steps to target" },
      series: names.map((name, index) => {
        const own = random.filter((record) => record.cell.architecture === name);
        return {
          name,
          style: "points" as const,
          points: own.flatMap((record, k) => {
            const steps = record.metrics.stepsToTarget;
            return steps === null ? [] : [
              [index + (own.length > 1 ? (k / (own.length - 1) - 0.5) * 0.3 : 0), steps] as Point,
            ];
          }),
        };
      }),
    },
  ];
}

/**
 * Study 2, trainability: every architecture over the profile's seeds from a random init on the
 * clean plain chains (`plain-clean-32`); exact-invariant ones also from their exact weights
 * plus relative noise σ. Success: 99% validation accuracy within the step budget.
 */
export const trainability: Study<Metrics> = {
  name: "trainability",
  title: "Trainability: reaching 99% validation accuracy within the budget",
  question: "Is the exact-invariant network hard to train and sensitive to its initialization?",
  ranking: {
    metric: "success",
    higherIsBetter: true,
    description:
      "success rate (validation accuracy ≥ 0.99 within the budget) over seeds, random init",
    tieBreak: {
      metric: "stepsToTarget",
      higherIsBetter: false,
      description: "fewer mean steps to target over the seeds that reached it",
    },
  },
  metrics,
  figures,
  cells(profile, architectures, backend) {
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      const inits: InitScheme[] = [{ kind: "random" }];
      if (resolveArchitecture(name).exactInvariant) {
        for (const sigma of profile.noiseLevels) inits.push({ kind: "noise", sigma });
      }
      for (const { seed, draw } of profileReplicates(profile, "trainability")) {
        // the noise sweep (a figure, not the board) runs on draw 0 only
        for (const init of draw === 0 ? inits : inits.slice(0, 1)) {
          cells.push(withDraw(
            makeCell(
              "trainability",
              profile,
              name,
              seed,
              init,
              "plain-clean-32",
              ["plain-clean-32"],
              backend,
            ),
            draw,
          ));
        }
      }
    }
    return cells;
  },
  async run(cell, { useCache }) {
    const { model, run, datasetHash } = await trainCell(cell, useCache);
    model.dispose();
    const last = run.curves[run.curves.length - 1];
    return {
      status: "ok",
      architectureVersion: resolveArchitecture(cell.architecture).version,
      datasets: [{ name: cell.trainDataset!, hash: datasetHash }],
      metrics: {
        success: run.stepsToTarget === null ? 0 : 1,
        stepsToTarget: run.stepsToTarget,
        stepsRun: run.stepsRun,
        finalValidationAccuracy: last?.validationAccuracy ?? run.validation?.accuracy ?? null,
        testAccuracy: run.test.accuracy,
        perClassAccuracy: run.test.perClassAccuracy,
        gradientNormAtInit: run.gradientNorms[0]?.norm ?? null,
        distanceFromExact: run.distanceFromExact?.at(-1)?.distance ?? null,
        distanceFromExactAtInit: run.distanceFromExact?.[0]?.distance ?? null,
        parameters: run.parameters,
        curve: run.curves.map((point) => [point.step, point.loss, point.validationAccuracy]),
      },
      samplesPerSecond: run.samplesPerSecond,
    };
  },
};
