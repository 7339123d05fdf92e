/**
 * `deno task submit <folder>`: check a submission, evaluate it in the sandbox on the studies of
 * a profile, and publish its records.
 *
 * @example
 * ```ts ignore
 * deno task submit submissions/my-net --profile standard
 * ```
 *
 * @module
 */
import { SUBMISSION_LIMITS, submit } from "../submissions/mod.ts";
import { DEFAULT_LIMITS } from "../submissions/sandbox.ts";
import { PROFILE_NAMES } from "../records/profile_names.ts";
import { profile as profileNamed } from "../studies/profiles.ts";
import { SUITE_VERSION } from "../version.ts";
import { integerFlag, parseCommand, reportError } from "./parse_command.ts";
import { progress } from "./_progress.ts";

const HELP = `deno task submit — evaluate a new architecture exactly as the built-in ones are

Usage:
  deno task submit FOLDER [--profile standard] [--study S]... [--timeout SECONDS] [--memory MiB]

FOLDER holds architecture.ts (default export: an Architecture, see lib/models/architecture.ts)
and info.json (name, version, authors, summary, description, references, license,
representations, sizeAgnostic, exactInvariant); submissions/_template passes as it is, and
SUBMITTING.md is the guide. The ONNX track, for a model trained elsewhere (PyTorch, JAX): FOLDER
holds model.onnx and an info.json with "track": "onnx", one representation, "output" ("class"
with "classWindings", or "integer") and sizeAgnostic (submissions/_template_onnx); it runs with
ONNX Runtime in the same sandbox, only on the studies that score a fixed model. Limits: ${SUBMISSION_LIMITS.files} files, ${SUBMISSION_LIMITS.bytes} bytes,
${SUBMISSION_LIMITS.parameters} parameters.

Every cell is scored here; the model trains in a separate Deno process that may read only a
staged copy of the code, the training and validation data and the evaluation inputs without
labels (no dataset cache, network, writes, environment, subprocesses or FFI), and sends its
predictions, from which every metric is computed here. Per cell: a wall-clock limit
(--timeout, default ${DEFAULT_LIMITS.seconds} s, at most 86400) and a memory limit (--memory, default
${DEFAULT_LIMITS.memoryBytes / 2 ** 20} MiB). Only when every cell succeeds are the records written,
under reports/${SUITE_VERSION}/submissions/NAME/, with a copy of the code; then run
\`deno task report build\` and \`deno task site:build\` to publish the boards.

Options:
  --profile P   ${PROFILE_NAMES.join(", ")} (default standard)
  --study S     only these studies (repeatable; default all)
  --help        this text`;

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      profile: { type: "string" },
      study: { type: "string", multiple: true },
      timeout: { type: "string" },
      memory: { type: "string" },
      help: { type: "boolean", short: "h" },
    } as const,
    HELP,
    { positionals: [1, 1] },
  );
  if (typeof parsed === "number") return parsed;
  const { values: flags, positionals } = parsed;
  try {
    const limits = {
      ...DEFAULT_LIMITS,
      seconds: integerFlag(flags, "timeout", DEFAULT_LIMITS.seconds),
      memoryBytes: integerFlag(flags, "memory", DEFAULT_LIMITS.memoryBytes / 2 ** 20) * 2 ** 20,
    };
    let bar: ReturnType<typeof progress> | null = null;
    const profile = profileNamed(flags.profile ?? "standard");
    const records = await submit(positionals[0], {
      profile,
      studies: flags.study,
      limits,
      onProgress: (done, total) => {
        bar ??= progress("evaluating in the sandbox", total);
        bar.update(done);
      },
    });
    (bar as ReturnType<typeof progress> | null)?.finish();
    const name = records[0]?.submission?.name ?? positionals[0];
    console.log(
      `accepted: ${name}, ${records.length} records under reports/${SUITE_VERSION}/submissions/${name}/`,
    );
    return 0;
  } catch (error) {
    if ((error as Error).name === "SubmissionRejectedError") {
      console.error(`rejected: ${(error as Error).message}`);
      return 1;
    }
    return reportError(error);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
