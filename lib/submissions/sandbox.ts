import { realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CATALOG, defaultCacheDir } from "../data/mod.ts";
import pins from "../data/catalog_hashes.json" with { type: "json" };
import type { StudyCell } from "../records/schema.ts";
import { RECORD_STATUSES } from "../records/record_statuses.ts";
import type { CellOutcome } from "../studies/study.ts";
import type { CheckedSubmission } from "./check_submission.ts";
import { SUBMISSION_LIMITS } from "./check_submission.ts";

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

/** A submission rejected while it ran: the message says what and where. */
export class SubmissionRejectedError extends Error {
  override name = "SubmissionRejectedError";
}

const outcomeSchema = z.object({
  status: z.enum(RECORD_STATUSES),
  reason: z.string().optional(),
  architectureVersion: z.string(),
  datasets: z.array(z.object({ name: z.string(), hash: z.string() }).strict()),
  metrics: z.record(z.unknown()),
  samplesPerSecond: z.number().finite().nonnegative().nullable(),
}).strict();

const RUNTIME_DATA_KIB = 1024 * 1024;
/** V8's heap exhaustion, a failed ArrayBuffer, or Rust's allocator under the data-segment cap. */
const MEMORY_FAILURE =
  /out of memory|heap limit|array buffer allocation failed|memory allocation of \d+ bytes failed/i;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHILD = fileURLToPath(new URL("./_sandbox_child.ts", import.meta.url));

/**
 * Runs one study cell of a checked submission in a separate Deno process that may read the
 * submission folder, the dataset cache and the wasm binaries only — no network, no writes, no
 * environment, no subprocesses, no FFI, no prompts, no downloads. The parent enforces the
 * wall-clock and memory limits (killing the child and naming the limit: resident memory is
 * read from `/proc`, and the child's data segment is capped by `ulimit -d` at the limit plus
 * 1 GiB for the runtime's own mappings, so the cap holds where `/proc` cannot be read), and
 * validates the
 * outcome the child prints before anything else sees it: the schema and dataset hashes equal to
 * the catalog's pins (the record built from it then checks that every metric is finite). Throws {@linkcode SubmissionRejectedError}.
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
  const wasmDir = dirname(
    realpathSync(
      join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"),
    ),
  );
  const readable = [submission.folder, defaultCacheDir(), wasmDir, join(ROOT, "lib/tensor/wasm")];
  const where = `${submission.info.name}, cell ${cell.study}/${cell.id}`;
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
      "--allow-env=TOPOLEARN_CACHE", // the suite's own cache setting, set below; nothing else
      `--v8-flags=--max-old-space-size=${Math.max(64, Math.floor(limits.memoryBytes / 2 ** 20))}`,
      CHILD,
      submission.module,
      JSON.stringify(cell),
      JSON.stringify(submission.info),
      String(limits.parameters),
    ],
    cwd: ROOT,
    clearEnv: true,
    env: { NO_COLOR: "1", TOPOLEARN_CACHE: defaultCacheDir() },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let breach: string | null = null;
  const timer = setTimeout(() => {
    breach = `time limit: the cell ran longer than ${limits.seconds} s`;
    child.kill("SIGKILL");
  }, limits.seconds * 1000);
  const monitor = setInterval(() => {
    const rss = residentBytes(child.pid);
    if (rss !== null && rss > limits.memoryBytes) {
      breach = `memory limit: the process reached ${(rss / 2 ** 20).toFixed(0)} MiB > ${
        (limits.memoryBytes / 2 ** 20).toFixed(0)
      } MiB`;
      child.kill("SIGKILL");
    }
  }, 50);
  const output = await child.output().finally(() => {
    clearTimeout(timer);
    clearInterval(monitor);
  });
  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  if (breach) throw new SubmissionRejectedError(`${where}: ${breach}`);
  const lines = stdout.split("\n");
  const error = lines.findLast((line) => line.startsWith("TOPOLEARN-ERROR "));
  // Only a failed child can have hit a limit: a successful one's own output is not evidence.
  if (!output.success && MEMORY_FAILURE.test(`${stderr}\n${error ?? ""}`)) {
    const mib = (limits.memoryBytes / 2 ** 20).toFixed(0);
    throw new SubmissionRejectedError(
      `${where}: memory limit: an allocation failed (JavaScript heap ${mib} MiB, data segment ${mib} MiB + 1 GiB for the runtime)`,
    );
  }
  if (error) throw new SubmissionRejectedError(`${where}: ${explain(error.slice(16))}`);
  const result = lines.findLast((line) => line.startsWith("TOPOLEARN-RESULT "));
  if (!output.success || !result) {
    const tail = stderr.trim().split("\n").slice(-3).join(" | ");
    throw new SubmissionRejectedError(
      `${where}: the sandbox exited with code ${output.code} and no result (${explain(tail)})`,
    );
  }
  let parsed;
  try {
    parsed = outcomeSchema.parse(JSON.parse(result.slice(17)));
  } catch (cause) {
    throw new SubmissionRejectedError(
      `${where}: malformed result from the sandbox (${(cause as Error).message.slice(0, 200)})`,
    );
  }
  for (const dataset of parsed.datasets) {
    if (
      !CATALOG.some((spec) => spec.name === dataset.name) ||
      (pins as Record<string, string>)[dataset.name] !== dataset.hash
    ) {
      throw new SubmissionRejectedError(
        `${where}: result cites dataset ${dataset.name} with hash ${dataset.hash}, not the catalog's`,
      );
    }
  }
  return parsed as CellOutcome;
}

function explain(message: string): string {
  const denied = /Requires (\w+) access/.exec(message);
  return denied
    ? `the sandbox denied ${denied[1]} access (${message.slice(0, 300)})`
    : message.slice(0, 500);
}

function residentBytes(pid: number): number | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const match = /VmRSS:\s*(\d+)\s*kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
