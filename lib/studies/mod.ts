/**
 * Studies: recipes over datasets, architectures and seeds that turn the claims of PHYSICS.md §5
 * into measurements — expressivity, trainability, generalization under disorder (and how much of
 * it the eigenvectors' sign gauge accounts for), across size and across winding, chiral-breaking
 * stress, interpretability, phase diagrams and two published protocols — with the profiles
 * tiny / quick / standard / full, planning (with shards) and resumable runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells, profile } from "./mod.ts";
 *
 * const cells = planCells({ profile: profile("quick"), studies: ["size"], architectures: ["mlp"] });
 * assert.equal(cells.length, 1);
 * ```
 *
 * @module
 */
export {
  type CellOutcome,
  type EvaluationView,
  type RankingRule,
  type Study,
  type TypedRecord,
} from "./study.ts";
export {
  bootstrapInterval,
  type BootstrapOptions,
  type Interval,
  intervalsOverlap,
  wilsonInterval,
} from "./confidence_interval.ts";
export {
  type FigureAnnotation,
  type FigureAxis,
  type FigureHeatmap,
  type FigureSeries,
  type FigureSpec,
  type TableSpec,
} from "./figure_spec.ts";
export { formatMetric } from "./format_metric.ts";
export { studyRecords } from "./study_records.ts";
export { type Profile, profile } from "./profiles.ts";
export { selectStudies, STUDIES } from "./studies.ts";
export { planCells, type PlannedCell, type PlanOptions } from "./plan.ts";
export { trainingKey } from "./training_key.ts";
export { predict, type Predictions, scoredAccuracy } from "./predict.ts";
export {
  modelCacheKey,
  type RemoteTrainer,
  setRemoteTrainer,
  type TrainedModel,
  trainedModel,
  type TrainingRecipe,
} from "./trained_model.ts";
export { recordBadges } from "./record_badges.ts";
export { recordOutcome, runCell, unavailableOutcome } from "./run_cell.ts";
export { type CellProgress, runOrResume, runPlanned } from "./run_planned.ts";
