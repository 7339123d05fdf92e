import { z } from "zod";
import { REPRESENTATIONS } from "../data/spec.ts";
import { HEADS } from "../models/architecture.ts";
import { SUBMISSION_TRACKS } from "../records/submission_tracks.ts";

/**
 * `info.json` of a submission (Matbench-style): who, what, under which license, which track,
 * which inputs. The `typescript` track (the default, so older folders parse unchanged) ships an
 * `architecture.ts`; the `onnx` track ships a `model.onnx` trained elsewhere and declares what the
 * graph reads and answers: one input representation, its `output` (`class`: logits over
 * `classWindings`; `integer`: one column ν̂, predicted as `round(ν̂)`) and `sizeAgnostic`.
 */
export const submissionInfoSchema = z.object({
  name: z.string().regex(
    /^[a-z][a-z0-9-]{1,39}$/,
    "lowercase letters, digits and dashes, 2–40 characters, starting with a letter",
  ),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "a semantic version such as 1.0.0"),
  /** `typescript` (an architecture module, trained by the suite) or `onnx` (trained elsewhere). */
  track: z.enum(SUBMISSION_TRACKS).default("typescript").describe(
    "typescript: architecture.ts, trained by the suite; onnx: model.onnx, trained elsewhere",
  ),
  authors: z.array(
    z.object({ name: z.string().min(1), affiliation: z.string().optional() }).strict(),
  ).min(1),
  summary: z.string().min(1).max(200),
  description: z.string().min(1).max(5000),
  references: z.array(z.string().min(1)).default([]),
  license: z.string().min(1).max(64),
  /** The inputs it accepts; the `onnx` track: exactly one, the representation the graph reads. */
  representations: z.array(z.enum(REPRESENTATIONS)).min(1),
  /** Must match the module's `sizeAgnostic` (checked in the sandbox); `onnx`: the graph has a
   * dynamic cell axis and is evaluated at other sizes. */
  sizeAgnostic: z.boolean().default(false),
  /** Must match the module's `exactInvariant` (checked in the sandbox); `onnx`: false. */
  exactInvariant: z.boolean().default(false),
  /** The `onnx` track only: what the graph outputs, `class` logits or an `integer` ν̂. */
  output: z.enum(HEADS).optional().describe(
    "onnx track only, required there: class (logits [batch, classes] over classWindings) or integer (ν̂ [batch, 1], predicted as round(ν̂))",
  ),
  /** The `onnx` track with `class` output: the winding of each logit column, ascending. */
  classWindings: z.array(z.number().int().min(-8).max(8)).min(2).max(17).optional().describe(
    "onnx track with class output only, required there: the winding of each logit column, strictly ascending",
  ),
}).strict().superRefine((info, context) => {
  const problem = (path: string, message: string) =>
    context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (info.track === "typescript") {
    for (const key of ["output", "classWindings"] as const) {
      if (info[key] !== undefined) {
        problem(
          key,
          `only the onnx track declares ${key} (a typescript module declares its heads)`,
        );
      }
    }
    return;
  }
  if (info.representations.length !== 1) {
    problem(
      "representations",
      `the onnx track reads exactly one representation (the graph's input): received [${info.representations}]`,
    );
  }
  if (info.exactInvariant) {
    problem("exactInvariant", "the onnx track has no exact initialization: must be false");
  }
  if (info.output === undefined) {
    problem(
      "output",
      `the onnx track declares its output: "class" (logits over classWindings, [batch, classes]) or "integer" (ν̂, [batch, 1])`,
    );
  } else if (info.output === "class") {
    const windings = info.classWindings;
    if (windings === undefined) {
      problem("classWindings", 'a "class" output declares the winding of each logit, e.g. [0, 1]');
    } else if (windings.some((winding, i) => i > 0 && winding <= windings[i - 1])) {
      problem("classWindings", `must be strictly ascending: received [${windings}]`);
    }
  } else if (info.classWindings !== undefined) {
    problem("classWindings", 'an "integer" output answers ν̂ itself: no classWindings');
  }
});

/** A submission's metadata. */
export type SubmissionInfo = z.infer<typeof submissionInfoSchema>;

/**
 * Parses `info.json` text; throws `TypeError` naming the file, the field and the problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSubmissionInfo } from "./info.ts";
 *
 * assert.throws(() => parseSubmissionInfo('{"name": "X"}', "info.json"), /info.json: name: lowercase letters/);
 * const onnx = {
 *   name: "my-torch-net", version: "1.0.0", track: "onnx", authors: [{ name: "A. Author" }],
 *   summary: "An MLP trained in PyTorch.", description: "Two layers.", license: "MIT",
 *   representations: ["projector"], output: "class", classWindings: [0, 1],
 * };
 * assert.equal(parseSubmissionInfo(JSON.stringify(onnx), "info.json").track, "onnx");
 * assert.throws(
 *   () => parseSubmissionInfo(JSON.stringify({ ...onnx, output: undefined }), "info.json"),
 *   /info.json: output: the onnx track declares its output/,
 * );
 * ```
 */
export function parseSubmissionInfo(text: string, source: string): SubmissionInfo {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = submissionInfoSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}
