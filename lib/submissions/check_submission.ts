import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { architectureNames } from "../models/registry.ts";
import { reportsDir } from "../records/store.ts";
import { parseSubmissionInfo, type SubmissionInfo } from "./info.ts";
import { onnxWeightCount } from "./_onnx_graph.ts";

/** Size limits of a submission folder. */
export const SUBMISSION_LIMITS = { files: 32, bytes: 1_000_000, parameters: 5_000_000 } as const;

/** Names registered in this process as stand-ins for community submissions (not built-ins). */
export const communityNames: Set<string> = new Set();

/** A checked submission, ready to evaluate. */
export interface CheckedSubmission {
  readonly folder: string;
  readonly info: SubmissionInfo;
  /** The module implementing the architecture contract (the `onnx` track: `model.onnx`). */
  readonly module: string;
  /**
   * The `onnx` track: the weights stored in `model.onnx` (initializers and Constant nodes),
   * counted by the parent from the file; `null` for the `typescript` track (the child reports).
   */
  readonly parameters: number | null;
  /** SHA-256 over the folder's files (sorted paths and bytes): the identity of the code. */
  readonly sourceHash: string;
}

/**
 * Checks a submission folder before anything runs: an `info.json` that passes its schema, an
 * `architecture.ts` module (the `onnx` track: a `model.onnx` that is a protobuf ModelProto with a
 * graph, its weights within the parameter limit; the graph itself runs only in the sandbox), at
 * most 32 files and 1 MB, and a name used neither by a built-in architecture nor by another
 * submission of this suite version. Throws `TypeError` or
 * `RangeError` that names the folder, the file and what is wrong.
 *
 * @example
 * ```ts ignore
 * const checked = await checkSubmission("submissions/_template");
 * ```
 */
export async function checkSubmission(
  folder: string,
  root = "reports",
  options: { readonly requireNewName?: boolean } = {},
): Promise<CheckedSubmission> {
  const absolute = resolve(folder);
  const stat = await Deno.stat(absolute).catch(() => null);
  if (!stat?.isDirectory) throw new TypeError(`${folder}: not a folder`);
  const files: string[] = [];
  let bytes = 0;
  const walk = async (path: string, relative: string) => {
    for await (const entry of Deno.readDir(path)) {
      if (entry.isSymlink) {
        throw new TypeError(
          `${folder}: ${
            join(relative, entry.name)
          } is a symbolic link; submissions hold plain files only`,
        );
      }
      if (entry.isDirectory) await walk(join(path, entry.name), join(relative, entry.name));
      else {
        files.push(join(relative, entry.name));
        bytes += (await Deno.stat(join(path, entry.name))).size;
      }
    }
  };
  await walk(absolute, "");
  if (files.length > SUBMISSION_LIMITS.files || bytes > SUBMISSION_LIMITS.bytes) {
    throw new RangeError(
      `${folder}: ${files.length} files, ${bytes} bytes; a submission holds at most ${SUBMISSION_LIMITS.files} files and ${SUBMISSION_LIMITS.bytes} bytes`,
    );
  }
  if (!files.includes("info.json")) throw new TypeError(`${folder}: info.json is missing`);
  const info = parseSubmissionInfo(
    await Deno.readTextFile(join(absolute, "info.json")),
    join(folder, "info.json"),
  );
  const module = info.track === "onnx" ? "model.onnx" : "architecture.ts";
  if (!files.includes(module)) {
    throw new TypeError(
      info.track === "onnx"
        ? `${folder}: model.onnx is missing (the onnx track: the exported model beside info.json)`
        : `${folder}: architecture.ts is missing (the module that exports the architecture)`,
    );
  }
  let parameters: number | null = null;
  if (info.track === "onnx") {
    parameters = onnxWeightCount(
      await Deno.readFile(join(absolute, module)),
      join(folder, module),
    );
    if (parameters > SUBMISSION_LIMITS.parameters) {
      throw new RangeError(
        `${
          join(folder, module)
        }: ${parameters} weights; a model has at most ${SUBMISSION_LIMITS.parameters}`,
      );
    }
  }
  if (architectureNames().includes(info.name) && !communityNames.has(info.name)) {
    throw new RangeError(
      `${
        join(folder, "info.json")
      }: name "${info.name}" is a built-in architecture; choose another`,
    );
  }
  const published = join(reportsDir(root), "submissions", info.name);
  const existing = await Deno.stat(published).catch(() => null);
  if (existing && (options.requireNewName ?? true)) {
    throw new RangeError(
      `${
        join(folder, "info.json")
      }: name "${info.name}" is already taken in this suite version (${published})`,
    );
  }
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(`${file}\n`);
    hash.update(await Deno.readFile(join(absolute, file)));
  }
  return {
    folder: absolute,
    info,
    module: join(absolute, module),
    parameters,
    sourceHash: hash.digest("hex"),
  };
}
