/**
 * `deno task train`: trains (or with `--steps 0` only evaluates) one architecture on one
 * catalog dataset and prints its metrics.
 *
 * @example
 * ```ts ignore
 * deno task train --arch topo --dataset plain-disorder-32 --init exact --steps 0 --json
 * deno task train --arch mlp --dataset plain-clean-32 --steps 2000 --seed 3
 * ```
 *
 * @module
 */
import { HEADS, INIT_KINDS, type InitScheme } from "../models/architecture.ts";
import { REPRESENTATIONS } from "../data/spec.ts";
import { architectureNames } from "../models/registry.ts";
import { CATALOG, catalogSpec, type DatasetSpec, readSpecFile } from "../data/mod.ts";
import { trainOnDataset } from "../fit/train_on_dataset.ts";
import { OPTIMIZER_KINDS } from "../train/optimizer.ts";
import { AUGMENTATIONS } from "../train/augment.ts";
import { BACKEND_CHOICES } from "../tensor/backends.ts";
import {
  choiceFlag,
  type FlagRange,
  folderFlag,
  formatRange,
  integerFlag,
  numberFlag,
  parseCommand,
  reportError,
  UsageError,
} from "./parse_command.ts";

/** What `--init` accepts: each kind of `INIT_KINDS`, `noise` with its relative σ. */
const INIT_CHOICES = INIT_KINDS.map((kind) => kind === "noise" ? "noise=σ" : kind).join(", ");

/** The accepted range of each numeric option (inclusive), shown in `--help` and in errors. */
const RANGES = {
  steps: [0, 1_000_000],
  seed: [0, Number.MAX_SAFE_INTEGER],
  batchSize: [1, 65_536],
  learningRate: [1e-8, 10],
  target: [1e-6, 1],
  evaluateEvery: [1, 1_000_000],
} as const satisfies Record<string, FlagRange>;

const HELP = `deno task train — train or evaluate one architecture on one dataset

Usage:
  deno task train --arch NAME --dataset NAME [options]

Options:
  --arch NAME             ${architectureNames().join(", ")}
  --dataset NAME          ${CATALOG.map((spec) => spec.name).join(", ")}
  --representation R      ${REPRESENTATIONS.join(", ")} (default: amplitudes where the
                          architecture accepts them)
  --init I                ${INIT_CHOICES} (noise relative; exact-invariant
                          architectures only for exact and noise; default random)
  --head H                ${HEADS.join(", ")}: class logits, or one integer-valued output
                          (ν̂, banded squared error, prediction round(ν̂): any winding)
                          (default: the architecture's, integer for topo, else class)
  --steps N               training steps in ${formatRange(RANGES.steps)} (default 1000; 0: evaluate
                          only)
  --seed S                seed of the initialization and the shuffles, in [0, 2^53 − 1]
                          (default 0)
  --backend B             ${BACKEND_CHOICES.join(", ")} (default auto: webgpu on a real GPU
                          adapter, else wasm)
  --batch-size N          in ${formatRange(RANGES.batchSize)} (default 128)
  --optimizer O           ${OPTIMIZER_KINDS.join(", ")} (default adam)
  --learning-rate L       in ${formatRange(RANGES.learningRate)} (default 0.001)
  --target A              stop early once validation accuracy reaches A, in ${
  formatRange(RANGES.target)
} (e.g. 0.99)
  --evaluate-every N      steps between evaluations, in ${
  formatRange(RANGES.evaluateEvery)
} (default 100)
  --cache DIR             dataset cache (default $TOPOLEARN_CACHE or ./.cache/datasets); made
                          if missing, inside an existing parent folder only
  --augment A             ${AUGMENTATIONS.join(", ")}: flip each eigenvector's sign at random in
                          every training batch (amplitudes only; default none)
  --eval NAME|FILE.json[,…]
                          after training, the accuracy on the test split of each catalog
                          dataset or dataset spec file (schemas/dataset-spec.schema.json)
  --json                  one JSON object: testAccuracy, perClassAccuracy, loss,
                          samplesPerSecond, parameters, backend, maxInvariantError (exact-
                          invariant architectures), provenance and the full run record;
                          with --eval, evaluations: { NAME: { accuracy,
                          perClassAccuracy, samples, ambiguous } }
  --help                  this text

Progress goes to stderr; ambiguous samples are excluded from training and scoring.`;

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      arch: { type: "string" },
      dataset: { type: "string" },
      representation: { type: "string" },
      init: { type: "string" },
      head: { type: "string" },
      steps: { type: "string" },
      seed: { type: "string" },
      backend: { type: "string" },
      "batch-size": { type: "string" },
      optimizer: { type: "string" },
      "learning-rate": { type: "string" },
      target: { type: "string" },
      "evaluate-every": { type: "string" },
      cache: { type: "string" },
      augment: { type: "string" },
      eval: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    } as const,
    HELP,
  );
  if (typeof parsed === "number") return parsed;
  const flags = parsed.values;
  try {
    if (!flags.arch) throw new UsageError("--arch is required");
    if (!flags.dataset) throw new UsageError("--dataset is required");
    const representation = choiceFlag(flags, "representation", REPRESENTATIONS);
    const optimizerKind = choiceFlag(flags, "optimizer", OPTIMIZER_KINDS, "adam");
    const init = parseInit(flags.init ?? "random");
    const augment = choiceFlag(flags, "augment", AUGMENTATIONS);
    const backend = choiceFlag(flags, "backend", BACKEND_CHOICES, "auto");
    const steps = integerFlag(flags, "steps", 1000, RANGES.steps);
    const evaluate = flags.eval === undefined ? undefined : await evalSpecs(flags.eval);
    const began = performance.now();
    const result = await trainOnDataset({
      architecture: flags.arch,
      dataset: flags.dataset,
      representation,
      init,
      ...(augment === undefined ? {} : { augment }),
      head: choiceFlag(flags, "head", HEADS),
      steps,
      seed: integerFlag(flags, "seed", 0, RANGES.seed),
      backend,
      batchSize: integerFlag(flags, "batch-size", 128, RANGES.batchSize),
      optimizer: {
        kind: optimizerKind,
        learningRate: numberFlag(flags, "learning-rate", 1e-3, RANGES.learningRate),
      },
      targetAccuracy: flags.target === undefined
        ? undefined
        : numberFlag(flags, "target", undefined, RANGES.target),
      evaluateEvery: integerFlag(
        flags,
        "evaluate-every",
        Math.max(1, Math.min(100, steps)),
        RANGES.evaluateEvery,
      ),
      cacheDir: await folderFlag(flags, "cache", { create: true }),
      evaluate,
      onProgress: (point, total) => {
        const seconds = (performance.now() - began) / 1000;
        console.error(
          `step ${point.step}/${total}  loss ${point.loss.toFixed(4)}  validation accuracy ${
            (100 * point.validationAccuracy).toFixed(1)
          }%  ${seconds.toFixed(1)} s`,
        );
      },
    });
    if (flags.json) {
      console.log(JSON.stringify(result));
    } else {
      const percent = (x: number | null) => (x === null ? "n/a" : `${(100 * x).toFixed(2)}%`);
      console.log(
        `${result.architecture.name} ${result.architecture.version} on ${result.dataset.name} (${result.representation}, ${result.head} head)`,
      );
      console.log(`test accuracy    ${percent(result.testAccuracy)}`);
      for (const [winding, accuracy] of Object.entries(result.perClassAccuracy)) {
        console.log(`  winding ${winding.padStart(2)}    ${percent(accuracy)}`);
      }
      console.log(`test loss        ${result.loss.toFixed(4)}`);
      console.log(`parameters       ${result.parameters}`);
      console.log(`samples/s        ${result.samplesPerSecond?.toFixed(0) ?? "n/a (no training)"}`);
      console.log(
        `backend          ${result.backend.backend}${
          result.backend.adapter ? ` (${result.backend.adapter.description})` : ""
        }`,
      );
      if (result.maxInvariantError !== undefined) {
        console.log(`max |ν_net − ν|  ${result.maxInvariantError.toExponential(2)}`);
      }
      console.log(`steps to target  ${result.run.stepsToTarget ?? "not reached"}`);
      console.log(`dataset hash     ${result.dataset.hash}`);
      for (const [name, scores] of Object.entries(result.evaluations ?? {})) {
        console.log(
          `eval ${name}  ${
            percent(scores.accuracy)
          } of ${scores.samples} (${scores.ambiguous} ambiguous left out)`,
        );
      }
    }
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

// --eval: comma-separated catalog names and spec files (a name ending in .json is a file).
async function evalSpecs(text: string): Promise<DatasetSpec[]> {
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === "")) {
    throw new UsageError(`--eval must list NAME or FILE.json entries: received "${text}"`);
  }
  const specs: DatasetSpec[] = [];
  for (const entry of entries) {
    specs.push(entry.endsWith(".json") ? await readSpecFile(entry) : catalogSpec(entry));
  }
  return specs;
}

function parseInit(text: string): InitScheme {
  if (text === "exact" || text === "random") return { kind: text };
  const match = /^noise=(.+)$/.exec(text);
  const sigma = match ? Number(match[1]) : NaN;
  if (!match || !Number.isFinite(sigma) || sigma < 0) {
    throw new UsageError(`--init must be one of ${INIT_CHOICES} with σ ≥ 0: received "${text}"`);
  }
  return { kind: "noise", sigma };
}

if (import.meta.main) Deno.exit(await main(Deno.args));
