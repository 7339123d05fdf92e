import { resolveArchitecture } from "../models/registry.ts";
import type { InitScheme } from "../models/architecture.ts";
import type { StudyCell } from "../records/schema.ts";
import { makeCell, profileSeeds, trainCell } from "./_cells.ts";
import type { Study } from "./study.ts";

/**
 * Study 2, trainability: every architecture over the profile's seeds from a random init on the
 * clean plain chains (`plain-clean-32`); exact-invariant ones also from their exact weights
 * plus relative noise σ. Success: 99% validation accuracy within the step budget.
 */
export const trainability: Study = {
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
  cells(profile, architectures, backend) {
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      const inits: InitScheme[] = [{ kind: "random" }];
      if (resolveArchitecture(name).exactInvariant) {
        for (const sigma of profile.noiseLevels) inits.push({ kind: "noise", sigma });
      }
      for (const seed of profileSeeds(profile)) {
        for (const init of inits) {
          cells.push(
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
          );
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
        finalValidationAccuracy: last?.validationAccuracy ?? run.validation.accuracy,
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
