// Shared helpers of the studies: per-architecture defaults, cell construction, and the training
// recipe and model of a cell.
import type { Head, InitScheme } from "../models/architecture.ts";
import type { Representation } from "../data/spec.ts";
import { drawName } from "../data/catalog.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { activeBackend } from "../tensor/backend.ts";
import type { Profile } from "./profiles.ts";
import { type TrainedModel, trainedModel } from "./trained_model.ts";
import type { CellOutcome } from "./study.ts";

/** The outcome of a cell its study does not apply to: nothing measured, the reason recorded. */
export function notApplicable(reason: string, architectureVersion: string): CellOutcome {
  return {
    status: "not-applicable",
    reason,
    architectureVersion,
    datasets: [],
    metrics: {},
    samplesPerSecond: null,
  };
}

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
 * The profiles whose literature-protocol cells include the ablations of the literature models and
 * every suite architecture (standard, full); tiny and quick, the default bench's five minutes,
 * run less (the literature models and the learnable network).
 */
export const PROTOCOL_PROFILES: readonly Profile["name"][] = ["standard", "full"];

/**
 * The suite architectures' budget on a literature protocol (nothing is shared with the other
 * studies' model cache): at most 2 seeds and 500 Adam steps per profile.
 */
export const PROTOCOL_SEEDS = 2;
/** The suite architectures' most Adam steps on a literature protocol. */
export const PROTOCOL_STEPS = 500;

/**
 * A cell of a study whose data are not catalog datasets (the literature protocols, generated in
 * memory): a random init, no training or test dataset named, the profile's budget.
 */
export function protocolCell(
  study: string,
  profile: Profile,
  architecture: string,
  seed: number,
  backend: StudyCell["backend"],
  extraId = "",
): StudyCell {
  return makeCell(
    study,
    profile,
    architecture,
    seed,
    { kind: "random" },
    null,
    [],
    backend,
    extraId,
  );
}

/**
 * The learning rate of an architecture's cells: its own `learningRate` where it declares one,
 * else its family's, 1e-2 for the exact-invariant networks and the proxy baselines (a linear
 * read-out of a fixed feature), else 1e-3.
 */
export function learningRateOf(architecture: string): number {
  const { exactInvariant, badges, learningRate } = resolveArchitecture(architecture);
  if (learningRate !== undefined) return learningRate;
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

/**
 * The headline studies: their cells repeat over the profile's dataset draws (`profile.draws`),
 * the others' over seeds on draw 0 only (they reuse draw 0's trained models). The headlines are
 * the paper's two claims about learning — is the invariant learned (trainability), and does
 * disorder erode what was learned (disorder); size and winding run 10 seeds on draw 0, which
 * keeps the standard profile to one to two hours per shard on 2 cores.
 */
export const HEADLINE_STUDIES: readonly string[] = ["trainability", "disorder"];

/** One replicate of a trained cell: a training seed on a dataset draw. */
export interface Replicate {
  readonly seed: number;
  readonly draw: number;
}

/**
 * The replicates of a study's trained cells: draws 0 … draws − 1 (headline studies; else draw
 * 0 only) × seeds 0 … seeds − 1, draw-major.
 */
export function profileReplicates(profile: Profile, study: string): Replicate[] {
  const draws = HEADLINE_STUDIES.includes(study) ? profile.draws : 1;
  return Array.from({ length: draws }, (_, draw) => draw).flatMap((draw) =>
    profileSeeds(profile).map((seed) => ({ seed, draw }))
  );
}

/**
 * The cell on dataset draw `draw`: its training and test datasets become their draw `draw`
 * (`<name>-draw<k>`, an independent sample of the same spec) and its id gains `.draw=<k>`; draw
 * 0 is the cell itself (ids and config hashes of draw 0 do not move).
 */
export function withDraw(cell: StudyCell, draw: number): StudyCell {
  if (draw === 0) return cell;
  return {
    ...cell,
    id: `${cell.id}.draw=${draw}`,
    trainDataset: cell.trainDataset === null ? null : drawName(cell.trainDataset, draw),
    testDatasets: cell.testDatasets.map((name) => drawName(name, draw)),
  };
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
