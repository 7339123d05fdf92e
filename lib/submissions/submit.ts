import { copy } from "./_copy.ts";
import { join, relative } from "node:path";
import { CATALOG, loadDataset } from "../data/mod.ts";
import { recordOutcome, unavailableOutcome } from "../studies/run_cell.ts";
import type { StudyRecord } from "../records/schema.ts";
import { writeAtomic } from "../io/mod.ts";
import { recordPath, reportsDir } from "../records/store.ts";
import { planCells } from "../studies/plan.ts";
import { type Profile, profile } from "../studies/profiles.ts";
import { selectBackend } from "../tensor/backend.ts";
import { type CheckedSubmission, checkSubmission } from "./check_submission.ts";
import {
  checkLimits,
  DEFAULT_LIMITS,
  registerCommunityStub,
  runInSandbox,
  type SandboxLimits,
  SELF_REPORTED,
  SubmissionRejectedError,
} from "./sandbox.ts";

/** Options of {@linkcode submit}. */
export interface SubmitOptions {
  /** The profile of the studies (default `standard`). */
  readonly profile?: Profile;
  readonly studies?: readonly string[];
  readonly root?: string;
  readonly limits?: SandboxLimits;
  readonly onProgress?: (done: number, total: number, cell: string) => void;
}

/**
 * Checks a submission folder, evaluates it on the studies of a profile exactly as built-in
 * architectures are evaluated — each cell in the sandbox ({@linkcode runInSandbox}); an
 * `onnx`-track model, trained elsewhere, on the studies that score fixed models, the others
 * recorded as not applicable — and only
 * when every cell succeeded publishes it atomically: records under
 * `reports/<version>/submissions/<name>/<profile>/records/`, with `info.json` and a copy of the
 * code in `source/` for anyone to re-check. A rejection anywhere writes nothing under `reports/`.
 *
 * @example
 * ```ts ignore
 * const records = await submit("submissions/_template", { profile: profile("standard") });
 * ```
 */
export async function submit(folder: string, options: SubmitOptions = {}): Promise<StudyRecord[]> {
  const root = options.root ?? "reports";
  const limits = options.limits ?? DEFAULT_LIMITS;
  checkLimits(limits);
  const checked = await checkSubmission(folder, root);
  registerCommunityStub(checked);
  await selectBackend("wasm");
  for (const spec of CATALOG) (await loadDataset(spec)).close(); // the sandbox only reads them
  const planned = planCells({
    profile: options.profile ?? profile("standard"),
    studies: options.studies,
    architectures: [checked.info.name],
    backend: "wasm",
  });
  const records: StudyRecord[] = [];
  for (const [index, { cell }] of planned.entries()) {
    const onnx = checked.info.track === "onnx";
    const submission = {
      name: checked.info.name,
      version: checked.info.version,
      sourceHash: checked.sourceHash,
      // The onnx track trains nothing here and its weights are counted by the parent.
      ...(onnx ? { track: "onnx" as const } : {}),
      selfReported: onnx ? [] : [...SELF_REPORTED],
    };
    // Refused before any work: a study that trains (for a model trained elsewhere), an input
    // the model cannot read.
    const refused = unavailableOutcome(cell);
    try {
      records.push(
        await recordOutcome(
          cell,
          () => refused ? Promise.resolve(refused) : runInSandbox(checked, cell, limits),
          submission,
        ),
      );
    } catch (error) {
      if (error instanceof SubmissionRejectedError) throw error;
      throw new SubmissionRejectedError(
        `${checked.info.name}, cell ${cell.study}/${cell.id}: ${(error as Error).message}`,
      );
    }
    options.onProgress?.(index + 1, planned.length, `${cell.study}/${cell.id}`);
  }
  await publish(checked, records, root);
  return records;
}

async function publish(
  checked: CheckedSubmission,
  records: readonly StudyRecord[],
  root: string,
): Promise<void> {
  const folder = join(reportsDir(root), "submissions");
  const staging = join(folder, `.staging-${checked.info.name}-${crypto.randomUUID().slice(0, 8)}`);
  const published = join(folder, checked.info.name);
  try {
    for (const record of records) {
      // Staged where recordPath puts it, relative to the submission's folder.
      await writeAtomic(
        join(staging, relative(published, recordPath(record, root))),
        JSON.stringify(record, null, 1) + "\n",
      );
    }
    await copy(checked.folder, join(staging, "source"));
    await Deno.rename(staging, published);
  } catch (error) {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    throw error;
  }
}
