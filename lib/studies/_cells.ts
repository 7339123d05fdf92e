// Shared helpers of the studies: per-architecture defaults, cell construction, and the training
// recipe and model of a cell.
import type { Head, InitScheme } from "../models/architecture.ts";
import type { Representation } from "../data/spec.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { activeBackend } from "../tensor/backend.ts";
import type { Profile } from "./profiles.ts";
import { type TrainedModel, trainedModel } from "./trained_model.ts";

/** The default representation of an architecture: amplitudes where accepted, else its first. */
export function representationOf(architecture: string): Representation {
  const { representations } = resolveArchitecture(architecture);
  if (representations.includes("amplitudes")) return "amplitudes";
  return representations.includes("projector") ? "projector" : representations[0];
}

/** The head of an architecture's cells: its `defaultHead`, else `class`. */
export function headOf(architecture: string): Head {
  return resolveArchitecture(architecture).defaultHead ?? "class";
}

/**
 * The learning rate of an architecture's family: 1e-2 for the exact-invariant network and the
 * proxy baselines (a linear read-out of a fixed feature), else 1e-3.
 */
export function learningRateOf(architecture: string): number {
  const { exactInvariant, badges } = resolveArchitecture(architecture);
  return exactInvariant || (badges?.length ?? 0) > 0 ? 1e-2 : 1e-3;
}

function initLabel(init: InitScheme): string {
  return init.kind === "noise" ? `noise=${init.sigma}` : init.kind;
}

/** A cell with the profile's budget; its id names everything that varies within a study. */
export function makeCell(
  study: string,
  profile: Profile,
  architecture: string,
  seed: number,
  init: InitScheme,
  trainDataset: string | null,
  testDatasets: string[],
  backend: StudyCell["backend"],
  extraId = "",
): StudyCell {
  const id = [architecture, `seed=${seed}`, `init=${initLabel(init)}`, extraId].filter(Boolean)
    .join(".");
  return {
    id,
    study,
    profile: profile.name,
    architecture,
    architectureConfig: {},
    seed,
    init,
    representation: representationOf(architecture),
    head: headOf(architecture),
    trainDataset,
    testDatasets,
    steps: trainDataset === null ? 0 : profile.steps,
    batchSize: profile.batchSize,
    learningRate: learningRateOf(architecture),
    targetAccuracy: 0.99,
    evaluateEvery: profile.evaluateEvery,
    backend,
  };
}

/** Seeds 0 … seeds − 1. */
export function profileSeeds(profile: Profile): number[] {
  return Array.from({ length: profile.seeds }, (_, seed) => seed);
}

/** The trained model of a cell (shared through the model cache across studies). */
export function trainCell(
  cell: StudyCell,
  useCache: boolean,
  trainWindings?: readonly number[],
): Promise<TrainedModel> {
  return trainedModel({
    architecture: cell.architecture,
    architectureConfig: cell.architectureConfig,
    representation: cell.representation,
    dataset: cell.trainDataset!,
    ...(trainWindings ? { trainWindings } : {}),
    seed: cell.seed,
    init: cell.init,
    head: cell.head ?? "class",
    steps: cell.steps,
    batchSize: cell.batchSize,
    learningRate: cell.learningRate,
    targetAccuracy: cell.targetAccuracy,
    evaluateEvery: cell.evaluateEvery,
    ...(cell.augment === undefined ? {} : { augment: cell.augment }),
    backend: activeBackend().backend,
  }, { useCache });
}
