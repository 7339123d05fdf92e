import { z } from "zod";
import { REPRESENTATIONS } from "../data/spec.ts";
import { HEADS, INIT_KINDS } from "../models/architecture.ts";
import { BACKEND_CHOICES, BACKENDS } from "../tensor/backends.ts";
import { AUGMENTATIONS } from "../train/augment.ts";
import { PROFILE_NAMES } from "./profile_names.ts";
import { RECORD_STATUSES } from "./record_statuses.ts";
import { SUBMISSION_TRACKS } from "./submission_tracks.ts";

const finiteNumber = z.number().finite();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "a hex SHA-256");
const [RANDOM, EXACT, NOISE] = INIT_KINDS;

/** Where and with what a record was produced (the provenance every result carries: versions, commit, hardware, seeds, hashes). */
export const provenanceSchema = z.object({
  suiteVersion: z.string(),
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  deno: z.string(),
  v8: z.string(),
  typescript: z.string(),
  tfjs: z.string(),
  backend: z.enum(BACKENDS),
  adapter: z.object({
    vendor: z.string(),
    architecture: z.string(),
    device: z.string(),
    description: z.string(),
    isFallbackAdapter: z.boolean(),
  }).nullable(),
  cpu: z.object({ model: z.string(), cores: z.number().int().positive() }),
  os: z.string(),
  /** The cluster engine's ids (SLURM, Kubernetes); excluded from the content hash, like timing. */
  engine: z.object({
    kind: z.enum(["slurm", "kubernetes"]),
    jobId: z.string(),
    arrayTaskId: z.string().nullable(),
    node: z.string().nullable(),
  }).strict().optional(),
}).strict();

/** A study cell: what is run (its canonical JSON is hashed into `configHash`). */
export const cellSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._=-]*$/),
  study: z.string(),
  profile: z.enum(PROFILE_NAMES),
  architecture: z.string(),
  architectureConfig: z.record(z.unknown()),
  seed: z.number().int().nonnegative(),
  init: z.union([
    z.object({ kind: z.literal(RANDOM) }).strict(),
    z.object({ kind: z.literal(EXACT) }).strict(),
    z.object({ kind: z.literal(NOISE), sigma: finiteNumber.nonnegative() }).strict(),
  ]),
  representation: z.enum(REPRESENTATIONS),
  /** The output head (absent in records before heads: `class`). */
  head: z.enum(HEADS).optional(),
  trainDataset: z.string().nullable(),
  testDatasets: z.array(z.string()),
  steps: z.number().int().nonnegative(),
  batchSize: z.number().int().positive(),
  learningRate: finiteNumber.positive(),
  targetAccuracy: finiteNumber.positive().max(1),
  evaluateEvery: z.number().int().positive(),
  backend: z.enum(BACKEND_CHOICES),
  /** Training augmentation (amplitude models); absent: none, so older hashes are unchanged. */
  augment: z.enum(AUGMENTATIONS).optional(),
}).strict();

/** A result record of one study cell. */
export const recordSchema = z.object({
  schema: z.literal("topolearn-record/1"),
  suiteVersion: z.string(),
  cell: cellSchema,
  configHash: hex64,
  status: z.enum(RECORD_STATUSES),
  /** Why a cell does not apply (status "not-applicable"). */
  reason: z.string().optional(),
  architectureVersion: z.string(),
  datasets: z.array(z.object({ name: z.string(), hash: hex64 })),
  /** The study's measurements: finite numbers, nulls where undefined, and nested series. */
  metrics: z.record(z.unknown()),
  provenance: provenanceSchema,
  /** Community submissions: which code produced the record (run in the sandbox). */
  submission: z.object({
    name: z.string(),
    version: z.string(),
    sourceHash: hex64,
    /** The track (absent: `typescript`); `onnx` entries were trained elsewhere (badged so). */
    track: z.enum(SUBMISSION_TRACKS).optional(),
    /** What the sandboxed child reported and the parent could not check (boards badge it). */
    selfReported: z.array(z.string()).optional(),
  }).strict().optional(),
  /** Excluded from the content hash: they change from run to run. */
  timing: z.object({
    startedAt: z.string(),
    wallSeconds: finiteNumber.nonnegative(),
    samplesPerSecond: finiteNumber.nonnegative().nullable(),
    peakMemoryBytes: z.number().int().nonnegative().nullable(),
    /** Threads the wasm kernels split their work over (null off wasm; absent before issue 19). */
    threads: z.number().int().positive().nullable().optional(),
  }).strict(),
  contentHash: hex64,
}).strict();

/** Provenance of a record. */
export type Provenance = z.infer<typeof provenanceSchema>;
/** One study cell. */
export type StudyCell = z.infer<typeof cellSchema>;
/** A result record. */
export type StudyRecord = z.infer<typeof recordSchema>;
