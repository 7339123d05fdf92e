import { realpathSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { catalogSpec, loadDataset, representationShape } from "../data/mod.ts";
import { datasetSource } from "../fit/mod.ts";
import type { Architecture, TrainableModel } from "../models/architecture.ts";
import type { InputSpec } from "../data/spec.ts";
import { architectureNames, registerArchitecture } from "../models/registry.ts";
import type { StudyCell } from "../records/schema.ts";
import { setRemoteTrainer, type TrainedModel, type TrainingRecipe } from "../studies/mod.ts";
import { selectStudies } from "../studies/studies.ts";
import type { CellOutcome } from "../studies/study.ts";
import { activeBackend } from "../tensor/backend.ts";
import { onnxRuntimeWasmDir } from "../tensor/onnx_model.ts";
import type { CurvePoint } from "../train/diagnostics.ts";
import { evaluateModel, type EvaluationMetrics } from "../train/metrics.ts";
import type { Batch } from "../train/source.ts";
import type { TrainingRun } from "../train/train.ts";
import type { CheckedSubmission } from "./check_submission.ts";
import { communityNames, SUBMISSION_LIMITS } from "./check_submission.ts";
import { copy } from "./_copy.ts";
import { type Frame, FrameReader, ProtocolError } from "./_frames.ts";
import { PredictionTable, remoteModel } from "./_remote_model.ts";
import { type SandboxJob, stageData, type StagedData } from "./_staging.ts";

/** Per-cell limits of a sandboxed evaluation. */
export interface SandboxLimits {
  /** Wall-clock seconds per cell. */
  readonly seconds: number;
  /** Resident memory of the child process, bytes. */
  readonly memoryBytes: number;
  /** Trainable parameters of a model. */
  readonly parameters: number;
}

/** The default limits: 15 minutes, 4 GiB, 5 million parameters per cell. */
export const DEFAULT_LIMITS: SandboxLimits = {
  seconds: 900,
  memoryBytes: 4 * 2 ** 30,
  parameters: SUBMISSION_LIMITS.parameters,
};

/** The accepted range of each limit: seconds, memory (bytes) and parameters. */
export const LIMIT_RANGES = {
  seconds: [1, 86_400],
  memoryBytes: [256 * 2 ** 20, 2 ** 40],
  parameters: [1, 100_000_000],
} as const;

/**
 * Checks sandbox limits before any work: each a safe integer within {@linkcode LIMIT_RANGES}
 * (a day at most, so the timer cannot overflow; at least 256 MiB, since the runtime alone needs
 * that). Throws `RangeError` naming the limit, the value and the range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkLimits, DEFAULT_LIMITS } from "./sandbox.ts";
 *
 * checkLimits(DEFAULT_LIMITS);
 * assert.throws(() => checkLimits({ ...DEFAULT_LIMITS, seconds: 2147484 }), /seconds must be an integer in \[1, 86400\]: received 2147484/);
 * assert.throws(() => checkLimits({ ...DEFAULT_LIMITS, memoryBytes: 0 }), /memoryBytes/);
 * ```
 */
export function checkLimits(limits: SandboxLimits): void {
  for (const key of ["seconds", "memoryBytes", "parameters"] as const) {
    const value = limits[key];
    const [least, most] = LIMIT_RANGES[key];
    if (!Number.isSafeInteger(value) || value < least || value > most) {
      throw new RangeError(`${key} must be an integer in [${least}, ${most}]: received ${value}`);
    }
  }
}

/** How much of each of the child's output streams the parent keeps (the rest is counted). */
export const OUTPUT_KEPT_BYTES = 1 << 20;

/** A submission rejected while it ran: the message says what and where. */
export class SubmissionRejectedError extends Error {
  override name = "SubmissionRejectedError";
}

const RUNTIME_DATA_KIB = 1024 * 1024;
/** V8's heap exhaustion, a failed ArrayBuffer, or Rust's allocator under the data-segment cap. */
const MEMORY_FAILURE =
  /out of memory|heap limit|array buffer allocation failed|memory allocation of \d+ bytes failed/i;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHILD = fileURLToPath(new URL("./_sandbox_child.ts", import.meta.url));
const ONNX_CHILD = fileURLToPath(new URL("./_onnx_child.ts", import.meta.url));
/** The input a fixed-size ONNX model reads: its representation on the standard training set. */
const ONNX_REFERENCE_DATASET = "plain-clean-32";
/**
 * How often the watchdog reads the child's resident memory, ms.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MEMORY_POLL_MS } from "./sandbox.ts";
 *
 * assert(MEMORY_POLL_MS <= 50);
 * ```
 */
export const MEMORY_POLL_MS = 20;

/**
 * The memory watchdog (`sh -c WATCHDOG _ pid limitKiB seconds`): reads VmRSS from
 * `/proc/<pid>/status` every interval; above the limit it kills the process and prints the
 * resident KiB it saw. It ends when the process does.
 */
const WATCHDOG = `
while [ -e "/proc/$1" ]; do
  while read -r key value rest; do
    if [ "$key" = "VmRSS:" ]; then
      if [ "$value" -gt "$2" ]; then kill -9 "$1" 2>/dev/null; echo "$value"; exit 0; fi
      break
    fi
  done < "/proc/$1/status" || exit 0
  sleep "$3"
done`;

/**
 * What a sandboxed record takes at the child's word, since the parent cannot check it: the
 * parameter count, the training loss and accuracy of the curve, the gradient norms and the
 * distance from the exact weights. Every other number is computed by the parent from the
 * child's predictions. Records carry the list (`submission.selfReported`), boards badge it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SELF_REPORTED } from "./sandbox.ts";
 *
 * assert(SELF_REPORTED.includes("parameters"));
 * ```
 */
export const SELF_REPORTED = [
  "parameters",
  "trainingLoss",
  "gradientNorms",
  "distanceFromExact",
] as const;

/** A permission path: refused when a separator could split it into more grants. */
function permissionPath(path: string): string {
  if (/[,\n\r\0=]/.test(path)) {
    throw new TypeError(
      `Cannot grant read access to "${path}": a permission path must not contain a comma, "=" or a line break`,
    );
  }
  return path;
}

/**
 * Registers the parent's stand-in for a community architecture (planning, versions, flags): its
 * `build` throws, since the submission's code runs only in the sandbox. An `onnx`-track stand-in
 * is `trainedElsewhere`, badged `trained-elsewhere`, answers with the head of its `output`, and
 * refuses (as not applicable) inputs its graph cannot read: a fixed-size graph reads its
 * representation's shape on `plain-clean-32` only, a size-agnostic one any size with the same
 * channels.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveArchitecture } from "../models/registry.ts";
 * import { checkSubmission } from "./check_submission.ts";
 * import { registerCommunityStub } from "./sandbox.ts";
 *
 * registerCommunityStub(await checkSubmission("submissions/_template"));
 * const stub = resolveArchitecture("template-net");
 * assert.equal(stub.version, "1.0.0");
 * assert.throws(() => stub.build({} as never), /runs only in the sandbox/);
 * ```
 */
export function registerCommunityStub(checked: CheckedSubmission): void {
  if (architectureNames().includes(checked.info.name)) return;
  const stub: Architecture = {
    name: checked.info.name,
    version: checked.info.version,
    description: checked.info.summary,
    representations: checked.info.representations,
    sizeAgnostic: checked.info.sizeAgnostic,
    exactInvariant: checked.info.exactInvariant,
    ...(checked.info.track === "onnx"
      ? {
        trainedElsewhere: true,
        badges: ["trained-elsewhere" as const],
        defaultHead: checked.info.output,
        inputUnavailable: (input: InputSpec) => onnxInputUnavailable(checked, input),
      }
      : {}),
    build() {
      throw new Error(
        `${checked.info.name} is a community submission: it runs only in the sandbox`,
      );
    },
  };
  registerArchitecture(checked.info.name, () => stub);
  communityNames.add(checked.info.name);
}

function onnxInputUnavailable(checked: CheckedSubmission, input: InputSpec): string | null {
  const reference = catalogSpec(ONNX_REFERENCE_DATASET);
  const cells = checked.info.sizeAgnostic ? input.cells : reference.cells;
  // The representation's shape on the reference chains at the size the graph reads.
  const expected = representationShape({ ...reference, cells }, input.representation);
  if (input.shape.join() === expected.join()) return null;
  const otherSize = input.cells !== cells;
  return `${
    otherSize ? "not size-agnostic: " : ""
  }the ONNX graph reads ${input.representation} [${expected}] (its shape on ${ONNX_REFERENCE_DATASET}${
    checked.info.sizeAgnostic ? `, at ${cells} cells` : ""
  }); this input is [${input.shape}]`;
}

/**
 * Runs one study cell of a checked submission with the scorer outside the sandbox: the study
 * runs here, in the trusted parent, and each training of the submission's model runs in a
 * separate Deno process that may read only a parent-made staging folder (the code under a fixed
 * name, the training and validation data, the evaluation inputs without labels) and the wasm
 * binaries — no network, writes, environment, subprocesses, FFI, prompts, downloads or dataset
 * cache. The child sends logits over a typed, bounded channel; the parent validates their shape,
 * finiteness and size, and computes every metric with its own kernels (early stopping too).
 * Limits: wall clock, resident memory (read from `/proc` every {@linkcode MEMORY_POLL_MS} ms,
 * plus V8's heap cap and `ulimit -d` as a second line), output kept to
 * {@linkcode OUTPUT_KEPT_BYTES} per stream. Throws {@linkcode SubmissionRejectedError}.
 *
 * @example
 * ```ts ignore
 * const outcome = await runInSandbox(await checkSubmission("submissions/_template"), cell);
 * ```
 */
export async function runInSandbox(
  submission: CheckedSubmission,
  cell: StudyCell,
  limits: SandboxLimits = DEFAULT_LIMITS,
): Promise<CellOutcome> {
  checkLimits(limits);
  registerCommunityStub(submission);
  const where = `${submission.info.name}, cell ${cell.study}/${cell.id}`;
  const [study] = selectStudies([cell.study]);
  const restore = setRemoteTrainer(
    submission.info.name,
    (recipe) => trainInSandbox(submission, cell, recipe, limits, where),
  );
  try {
    return await study.run(cell, { useCache: false });
  } catch (error) {
    if (error instanceof SubmissionRejectedError) throw error;
    throw new SubmissionRejectedError(`${where}: ${(error as Error).message}`);
  } finally {
    restore();
  }
}

async function trainInSandbox(
  submission: CheckedSubmission,
  cell: StudyCell,
  recipe: TrainingRecipe,
  limits: SandboxLimits,
  where: string,
): Promise<TrainedModel> {
  const onnx = submission.info.track === "onnx";
  const wasmDirs = onnx ? [realpathSync(onnxRuntimeWasmDir())] : [
    dirname(
      realpathSync(
        join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"),
      ),
    ),
    join(ROOT, "lib/tensor/wasm"),
  ];
  // The child reads a copy in a folder the parent names, never the path it was given: no
  // separator or flag can travel in a folder name into the permission list.
  const staging = await Deno.makeTempDir({ prefix: "topolearn-sandbox-" });
  try {
    const readable = [staging, ...wasmDirs].map(permissionPath);
    await copy(submission.folder, join(staging, "code"));
    const module = join("code", relative(submission.folder, submission.module));
    const staged = await stageData(
      staging,
      recipe,
      cell,
      submission.info,
      limits.parameters,
      module,
      activeBackend().backend,
    );
    return await runChild(
      staging,
      staged,
      recipe,
      readable,
      limits,
      where,
      submission.parameters,
    );
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

function kill(process: Deno.ChildProcess): void {
  try {
    process.kill("SIGKILL");
  } catch { /* already ended */ }
}

/** The evaluation steps a run of `steps` evaluating every `every` steps makes, in order. */
function evaluationSteps(steps: number, every: number): number[] {
  const out: number[] = [];
  for (let step = 0; step <= steps; step++) {
    if (step === 0 || step % every === 0 || step === steps) out.push(step);
  }
  return out;
}

const finite = z.number().finite();
const doneSchema = z.object({
  kind: z.literal("done"),
  gradientNorms: z.array(z.object({ step: z.number().int(), norm: finite }).strict()),
  distanceFromExact: z.array(z.object({ step: z.number().int(), distance: finite }).strict())
    .nullable(),
}).strict();

async function runChild(
  staging: string,
  staged: StagedData,
  recipe: TrainingRecipe,
  readable: readonly string[],
  limits: SandboxLimits,
  where: string,
  counted: number | null,
): Promise<TrainedModel> {
  const { job } = staged;
  const classes = Math.max(
    job.outputColumns,
    job.head === "integer" ? 1 : job.classWindings.length,
  );
  // The data-segment cap holds where /proc cannot be read (containers, chroots): the runtime
  // itself maps about 0.5 GiB of data before any model runs, hence the 1 GiB allowance.
  const dataKiB = Math.floor(limits.memoryBytes / 1024) + RUNTIME_DATA_KIB;
  const child = new Deno.Command("/bin/sh", {
    args: [
      "-c",
      'ulimit -d "$1" && shift && exec "$@"',
      "topolearn-sandbox",
      String(dataKiB),
      Deno.execPath(),
      "run",
      "--no-prompt",
      "--cached-only",
      `--allow-read=${readable.join(",")}`,
      `--v8-flags=--max-old-space-size=${Math.max(64, Math.floor(limits.memoryBytes / 2 ** 20))}`,
      job.track === "onnx" ? ONNX_CHILD : CHILD,
      staging,
    ],
    cwd: ROOT,
    clearEnv: true,
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let breach: string | null = null;
  const timer = setTimeout(() => {
    breach = `time limit: the cell ran longer than ${limits.seconds} s`;
    kill(child);
  }, limits.seconds * 1000);
  // Deno grants /proc only with --allow-all, so the parent cannot read the child's memory
  // itself: a small watchdog process reads it every MEMORY_POLL_MS and kills the child above
  // the limit, then prints what it saw.
  const watchdog = new Deno.Command("/bin/sh", {
    args: [
      "-c",
      WATCHDOG,
      "topolearn-watchdog",
      String(child.pid),
      String(Math.floor(limits.memoryBytes / 1024)),
      String(MEMORY_POLL_MS / 1000),
    ],
    clearEnv: true,
    env: { PATH: "/usr/bin:/bin" },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const watched = new Response(watchdog.stdout).text().then((text) => {
    const kib = Number(text.trim());
    if (text.trim() && Number.isFinite(kib) && !breach) {
      breach = `memory limit: the process reached ${(kib / 1024).toFixed(0)} MiB > ${
        (limits.memoryBytes / 2 ** 20).toFixed(0)
      } MiB`;
    }
  });
  const stderr = keptTail(child.stderr);
  const largest = Math.max(job.validationSamples, ...job.evaluations.map((set) => set.samples));
  const steps = evaluationSteps(job.steps, job.evaluateEvery);
  const budget = (steps.length + 2) * (job.validationSamples * classes * 4 + 1024) +
    job.evaluations.reduce((sum, set) => sum + set.samples * (classes + 1) * 4 + 1024, 0) +
    1024 * 1024;
  const frames = new FrameReader(child.stdout, largest * classes * 4, budget);
  const answers = child.stdin.getWriter();
  let outcome: TrainedModel | Error;
  try {
    outcome = job.track === "onnx"
      ? await converseOnnx(frames, staged, recipe, counted ?? 0)
      : await converse(frames, answers, staged, recipe, steps, limits.parameters);
  } catch (error) {
    outcome = error as Error;
    kill(child);
  } finally {
    await answers.close().catch(() => {});
  }
  await frames.drain();
  const [status, tail] = await Promise.all([child.status, stderr]).finally(() => {
    clearTimeout(timer);
  });
  await watched; // the watchdog ends with the child
  await watchdog.status;
  if (breach) throw new SubmissionRejectedError(`${where}: ${breach}`);
  if (!(outcome instanceof Error)) return outcome;
  if (outcome instanceof SubmissionRejectedError) {
    throw new SubmissionRejectedError(`${where}: ${outcome.message}`);
  }
  if (!status.success && MEMORY_FAILURE.test(tail)) {
    const mib = (limits.memoryBytes / 2 ** 20).toFixed(0);
    throw new SubmissionRejectedError(
      `${where}: memory limit: an allocation failed (JavaScript heap ${mib} MiB, data segment ${mib} MiB + 1 GiB for the runtime)`,
    );
  }
  const lastLines = tail.trim().split("\n").slice(-3).join(" | ");
  throw new SubmissionRejectedError(
    `${where}: the sandbox exited with code ${status.code} (${outcome.message}; ${
      explain(lastLines)
    })`,
  );
}

/** Checks a frame's body: `rows × columns` finite values. */
function checkValues(body: Float32Array, rows: number, columns: number, what: string): void {
  if (body.length !== rows * columns) {
    throw new SubmissionRejectedError(
      `${what}: ${body.length} values; expected ${rows} × ${columns}`,
    );
  }
  if (!body.every(Number.isFinite)) {
    throw new SubmissionRejectedError(`${what}: non-finite values (NaN or infinity)`);
  }
}

/** The parent's side of the channel: validate, score, decide; then the trained stand-in. */
async function converse(
  frames: FrameReader,
  answers: WritableStreamDefaultWriter<Uint8Array>,
  staged: StagedData,
  recipe: TrainingRecipe,
  steps: readonly number[],
  parameterLimit: number,
): Promise<TrainedModel> {
  const { job, validation } = staged;
  const classes = job.head === "integer" ? 1 : job.classWindings.length;
  const expect = (kind: string) => expectFrame(frames, kind);
  const ready = await expect("ready");
  const parameters = Number(ready.header.parameters);
  if (!Number.isSafeInteger(parameters) || parameters < 0 || parameters > parameterLimit) {
    throw new SubmissionRejectedError(
      `the model has ${ready.header.parameters} parameters; the limit is ${parameterLimit}`,
    );
  }
  const validationSource = (batchSize: number) =>
    arrayBatches(validation, job.sampleShape, batchSize);
  const curves: CurvePoint[] = [];
  let stepsToTarget: number | null = null;
  let table = new PredictionTable(classes);
  const started = performance.now();
  let trainMs = 0;
  for (const step of steps) {
    const frame = await expect("evaluation");
    if (frame.header.step !== step) {
      throw new ProtocolError(
        `an evaluation at step ${frame.header.step} where step ${step} was due`,
      );
    }
    checkValues(frame.body, job.validationSamples, classes, `validation logits at step ${step}`);
    table = new PredictionTable(classes);
    table.add(validation.inputs, frame.body);
    const metrics = await evaluateModel(
      remoteModel(table, parameters, false, false, job.head),
      validationSource(256),
      job.sampleShape,
      job.classWindings,
    );
    const [loss, trainAccuracy] = [Number(frame.header.loss), Number(frame.header.trainAccuracy)];
    if (!Number.isFinite(loss) || !(trainAccuracy >= 0 && trainAccuracy <= 1)) {
      throw new SubmissionRejectedError(
        `a training loss ${frame.header.loss} or accuracy ${frame.header.trainAccuracy} out of range at step ${step}`,
      );
    }
    curves.push({
      step,
      loss,
      trainAccuracy,
      validationLoss: metrics.loss,
      validationAccuracy: metrics.accuracy,
    });
    trainMs = performance.now() - started;
    const stop = recipe.targetAccuracy !== undefined && metrics.accuracy >= recipe.targetAccuracy;
    if (stop) stepsToTarget = step;
    await answers.write(new Uint8Array([stop ? 1 : 0]));
    if (stop) break;
  }
  for (const set of job.evaluations) {
    if (set.cells !== job.cells && !job.info.sizeAgnostic) continue;
    const logits = await expect("logits");
    if (logits.header.set !== set.id) {
      throw new ProtocolError(`logits of ${logits.header.set} where ${set.id} were due`);
    }
    checkValues(logits.body, set.samples, classes, `logits of ${set.dataset}`);
    let invariant: Float32Array | undefined;
    if (job.info.exactInvariant) {
      invariant = (await expect("invariant")).body;
      checkValues(invariant, set.samples, 1, `ν_net of ${set.dataset}`);
    }
    table.add(staged.inputs.get(set.id)!, logits.body, invariant);
  }
  const done = doneSchema.safeParse((await expect("done")).header);
  if (!done.success) throw new ProtocolError(`a malformed done frame (${done.error.message})`);
  const model = remoteModel(
    table,
    parameters,
    job.info.sizeAgnostic,
    job.info.exactInvariant,
    job.head,
  );
  const stepsRun = curves.at(-1)!.step;
  const { final, test } = await scoreFinal(model, staged, recipe);
  const run: TrainingRun = {
    stepsRequested: job.steps,
    stepsRun,
    stepsToTarget,
    targetAccuracy: recipe.targetAccuracy ?? null,
    batchSize: job.batchSize,
    seed: job.seed,
    optimizer: { kind: "adam", learningRate: job.learningRate },
    curves,
    gradientNorms: done.data.gradientNorms,
    ...(done.data.distanceFromExact ? { distanceFromExact: done.data.distanceFromExact } : {}),
    validation: final,
    test,
    parameters,
    // Timed by the parent, from the first evaluation to the last (evaluations included).
    samplesPerSecond: stepsRun > 0 && trainMs > 0
      ? (stepsRun * job.batchSize) / (trainMs / 1000)
      : null,
    trainSeconds: trainMs / 1000,
    wallSeconds: (performance.now() - started) / 1000,
    backend: activeBackend(),
  };
  return { model, run, datasetHash: staged.datasetHash };
}

/** The next frame, which must be of `kind` (an error frame rejects, with the child's message). */
async function expectFrame(frames: FrameReader, kind: string): Promise<Frame> {
  const frame = await frames.next();
  if (!frame) throw new ProtocolError(`the channel ended before a ${kind} frame`);
  if (frame.header.kind === "error") {
    throw new SubmissionRejectedError(explain(String(frame.header.message)));
  }
  if (frame.header.kind !== kind) {
    throw new ProtocolError(`a ${frame.header.kind} frame where a ${kind} frame was due`);
  }
  return frame;
}

/** The parent's scores of a remote model: the validation split and the recipe's test split. */
async function scoreFinal(
  model: TrainableModel,
  staged: StagedData,
  recipe: TrainingRecipe,
): Promise<{ final: EvaluationMetrics; test: EvaluationMetrics }> {
  const { job, validation } = staged;
  const file = await loadDataset(catalogSpec(recipe.dataset));
  try {
    const source = datasetSource(
      file,
      recipe.representation,
      recipe.trainWindings ? { trainWindings: recipe.trainWindings } : {},
    );
    const test = await evaluateModel(model, source.test(256), job.sampleShape, job.classWindings);
    // A test-only dataset (the other sizes, which a fixed model is scored on directly) has no
    // validation split: its run's validation score is the test score, which no study reads.
    const final = validation.labels.length === 0 ? test : await evaluateModel(
      model,
      arrayBatches(validation, job.sampleShape, 256),
      job.sampleShape,
      job.classWindings,
    );
    return { final, test };
  } finally {
    file.close();
  }
}

/**
 * The onnx track's outputs as the dataset's class logits: a class output over its own windings
 * (`modelWindings`) is shifted so each row's largest logit is 0, and the dataset's classes the
 * model does not answer get a logit 64 below the row's smallest (a probability under e^-64, never
 * the argmax); windings the dataset does not have are dropped, since the suite's own models are
 * built with the dataset's classes too. Integer outputs (ν̂) and matching windings pass unchanged.
 */
function asClassLogits(body: Float32Array, job: SandboxJob): Float32Array {
  const { modelWindings, classWindings, outputColumns } = job;
  if (job.head === "integer" || modelWindings.join() === classWindings.join()) return body;
  const rows = body.length / outputColumns;
  const out = new Float32Array(rows * classWindings.length);
  for (let row = 0; row < rows; row++) {
    const values = body.subarray(row * outputColumns, (row + 1) * outputColumns);
    const top = Math.max(...values);
    const floor = Math.min(...values) - top - 64;
    classWindings.forEach((winding, k) => {
      const column = modelWindings.indexOf(winding);
      out[row * classWindings.length + k] = column < 0 ? floor : values[column] - top;
    });
  }
  return out;
}

/**
 * The parent's side of an onnx-track channel: nothing trains, so the child sends its outputs for
 * the validation inputs and every evaluation set once; the parent validates their shape and
 * finiteness, maps them onto the dataset's classes ({@linkcode asClassLogits}) and scores them.
 * The run has no steps, no curve and no throughput; the parameter count is the parent's own
 * (counted from the file).
 */
async function converseOnnx(
  frames: FrameReader,
  staged: StagedData,
  recipe: TrainingRecipe,
  parameters: number,
): Promise<TrainedModel> {
  const { job, validation } = staged;
  const started = performance.now();
  const classes = job.head === "integer" ? 1 : job.classWindings.length;
  await expectFrame(frames, "ready");
  const table = new PredictionTable(classes);
  const received = async (set: string, rows: number, what: string) => {
    const frame = await expectFrame(frames, "logits");
    if (frame.header.set !== set) {
      throw new ProtocolError(`outputs of ${frame.header.set} where ${set} were due`);
    }
    checkValues(frame.body, rows, job.outputColumns, `outputs for ${what}`);
    return asClassLogits(frame.body, job);
  };
  // An integer output is the model's own winding ν̂: kept as its ν_net too (max |ν̂ − RSWN|).
  const integer = job.head === "integer";
  const add = (inputs: Float32Array, outputs: Float32Array) =>
    table.add(inputs, outputs, integer ? outputs : undefined);
  add(
    validation.inputs,
    await received("validation", job.validationSamples, "the validation inputs"),
  );
  for (const set of job.evaluations) {
    if (set.cells !== job.cells && !job.info.sizeAgnostic) continue;
    add(staged.inputs.get(set.id)!, await received(set.id, set.samples, set.dataset));
  }
  const done = doneSchema.safeParse((await expectFrame(frames, "done")).header);
  if (!done.success) throw new ProtocolError(`a malformed done frame (${done.error.message})`);
  const model = remoteModel(table, parameters, job.info.sizeAgnostic, integer, job.head);
  const { final, test } = await scoreFinal(model, staged, recipe);
  const run: TrainingRun = {
    stepsRequested: 0,
    stepsRun: 0,
    stepsToTarget: null,
    targetAccuracy: recipe.targetAccuracy ?? null,
    batchSize: job.batchSize,
    seed: job.seed,
    optimizer: { kind: "adam", learningRate: job.learningRate },
    curves: [],
    gradientNorms: [],
    validation: final,
    test,
    parameters,
    samplesPerSecond: null, // nothing was trained here
    trainSeconds: 0,
    wallSeconds: (performance.now() - started) / 1000,
    backend: activeBackend(),
  };
  return { model, run, datasetHash: staged.datasetHash };
}

function* arrayBatches(
  split: { readonly inputs: Float32Array; readonly labels: Int32Array },
  shape: readonly number[],
  batchSize: number,
): Generator<Batch> {
  const features = shape.reduce((a, b) => a * b, 1);
  for (let start = 0; start < split.labels.length; start += batchSize) {
    const end = Math.min(split.labels.length, start + batchSize);
    yield {
      inputs: split.inputs.subarray(start * features, end * features),
      labels: split.labels.subarray(start, end),
      size: end - start,
    };
  }
}

/**
 * Reads a stream to its end, keeping only its last {@linkcode OUTPUT_KEPT_BYTES} (the result line
 * comes last): a child that floods its output cannot grow the parent's memory.
 */
async function keptTail(stream: ReadableStream<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let dropped = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    kept += chunk.length;
    while (kept - chunks[0].length >= OUTPUT_KEPT_BYTES) {
      kept -= chunks[0].length;
      dropped += chunks.shift()!.length;
    }
  }
  const text = new TextDecoder().decode(concat(chunks));
  return dropped > 0 ? `[${dropped} earlier bytes dropped]\n${text}` : text;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function explain(message: string): string {
  const denied = /Requires (\w+) access/.exec(message);
  return denied
    ? `the sandbox denied ${denied[1]} access (${message.slice(0, 300)})`
    : message.slice(0, 500);
}
