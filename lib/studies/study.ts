import type { z } from "zod";
import type { StudyCell, StudyRecord } from "../records/schema.ts";
import type { RecordStatus } from "../records/record_statuses.ts";
import type { FigureSpec, TableSpec } from "./figure_spec.ts";
import type { Profile } from "./profiles.ts";
import type { Representation } from "../data/spec.ts";

/**
 * A transformation of a test split's inputs that a study scores beside the inputs as stored (the
 * random sign gauge of the gauge study). The submission sandbox stages the transformed inputs
 * too, so that a sandboxed model is asked about them; `apply` must depend on each sample alone.
 */
export interface EvaluationView {
  /** A short name (`random-sign`), part of the staged set's id. */
  readonly name: string;
  /** The representation it applies to: staged only for cells that read it. */
  readonly representation: Representation;
  /** The transformed copy of `inputs`, row-major samples of `sampleShape`. */
  apply(inputs: Float32Array, sampleShape: readonly number[]): Float32Array;
}

/** An ok record of a study whose `metrics` were parsed by the study's schema. */
export type TypedRecord<M> = Omit<StudyRecord, "status" | "metrics"> & {
  readonly status: "ok";
  readonly metrics: M;
};

/** What running one cell produced (the runner adds provenance and timing). */
export interface CellOutcome {
  readonly status: RecordStatus;
  readonly reason?: string;
  readonly architectureVersion: string;
  readonly datasets: ReadonlyArray<{ readonly name: string; readonly hash: string }>;
  readonly metrics: Record<string, unknown>;
  readonly samplesPerSecond: number | null;
}

/** How a study's leaderboard ranks: one metric, aggregated over seeds. */
export interface RankingRule {
  /** The metric (a number in every ok record's `metrics`). */
  readonly metric: string;
  readonly higherIsBetter: boolean;
  /** Human-readable rule, written into `leaderboard.json`. */
  readonly description: string;
  /**
   * Orders the board's display among equal means of the ranking metric, and is shown beside
   * it: the mean over seeds of another metric (seeds where it is not a number are left out; an
   * architecture with none is listed last among equal means). It never decides a rank: ranks
   * are shared by significance (`lib/reporting/leaderboard.ts`).
   */
  readonly tieBreak?: {
    readonly metric: string;
    readonly higherIsBetter: boolean;
    /** What it is, in words (e.g. "fewer steps to target"). */
    readonly description: string;
  };
  /**
   * The cells the board ranks, where not every cell answers the board's question (a regular
   * expression on the cell id, and what it keeps in words): the others stay in the study's
   * tables, and an architecture with no cell on the board is listed as not ranked, with
   * `description` as the reason. Absent: every cell.
   */
  readonly cells?: { readonly pattern: string; readonly description: string };
}

/**
 * A study, in one declaration: a recipe over datasets, architectures and seeds, what it
 * measures (the schema of its ok records' `metrics`), how it ranks, and its figures and tables
 * as data.
 */
export interface Study<M = unknown> {
  readonly name: string;
  readonly title: string;
  /** The claim of PHYSICS.md §5 the study measures. */
  readonly question: string;
  readonly ranking: RankingRule;
  /**
   * Whether the study can score a fixed, already-trained model (one trained elsewhere: the ONNX
   * track), since it only evaluates the model's predictions; such models then get one cell (seed
   * 0, no steps). Absent: the study trains or reads weights, and records a trained-elsewhere
   * architecture as not applicable.
   */
  readonly scoresFixedModels?: boolean;
  /** Transformed test inputs the study scores (none where absent): see {@linkcode EvaluationView}. */
  readonly evaluationViews?: readonly EvaluationView[];
  /** The schema of an ok record's `metrics` (what `run` measures). */
  readonly metrics: z.ZodType<M, z.ZodTypeDef, unknown>;
  /** The study's figures, from its ok records (REPORT.md and the site draw them). */
  figures(records: ReadonlyArray<TypedRecord<M>>): FigureSpec[];
  /** Extra tables of REPORT.md, from the ok records (none where absent). */
  tables?(records: ReadonlyArray<TypedRecord<M>>): TableSpec[];
  /** The cells of a profile, for the given architectures. */
  cells(
    profile: Profile,
    architectures: readonly string[],
    backend: StudyCell["backend"],
  ): StudyCell[];
  /** Runs one cell; `useCache: false` retrains shared models (verification). */
  run(cell: StudyCell, options: { useCache: boolean }): Promise<CellOutcome>;
}
