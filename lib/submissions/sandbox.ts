import { realpathSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CATALOG, defaultCacheDir } from "../data/mod.ts";
import pins from "../data/catalog_hashes.json" with { type: "json" };
import type { StudyCell } from "../records/schema.ts";
import { RECORD_STATUSES } from "../records/record_statuses.ts";
import type { CellOutcome } from "../studies/study.ts";
import type { CheckedSubmission } from "./check_submission.ts";
import { SUBMISSION_LIMITS } from "./check_submission.ts";
import { copy } from "./_copy.ts";

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
  checkLimits(limits);
  const wasmDir = dirname(
    realpathSync(
      join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"),
    ),
  );
  // The child reads a copy in a folder the parent names, never the path it was given: no
  // separator or flag can travel in a folder name into the permission list.
  const staging = await Deno.makeTempDir({ prefix: "topolearn-sandbox-" });
  try {
    await copy(submission.folder, staging);
    const readable = [staging, defaultCacheDir(), wasmDir, join(ROOT, "lib/tensor/wasm")];
    for (const path of readable) {
      if (/[,\n\r\0]/.test(path)) {
        throw new TypeError(
          `Cannot grant read access to "${path}": a permission path must not contain a comma or a line break`,
        );
      }
    }
    return await runStaged(
      submission,
      join(staging, relative(submission.folder, submission.module)),
      readable,
      cell,
      limits,
    );
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

async function runStaged(
  submission: CheckedSubmission,
  module: string,
  readable: readonly string[],
  cell: StudyCell,
  limits: SandboxLimits,
): Promise<CellOutcome> {
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
      module,
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
  const [stdout, stderr, output] = await Promise.all([
    keptTail(child.stdout),
    keptTail(child.stderr),
    child.status,
  ]).finally(() => {
    clearTimeout(timer);
    clearInterval(monitor);
  });
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

function residentBytes(pid: number): number | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const match = /VmRSS:\s*(\d+)\s*kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
