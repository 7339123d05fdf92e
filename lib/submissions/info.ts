import { z } from "zod";
import { REPRESENTATIONS } from "../data/spec.ts";

/** `info.json` of a submission (Matbench-style): who, what, under which license, which inputs. */
export const submissionInfoSchema = z.object({
  name: z.string().regex(
    /^[a-z][a-z0-9-]{1,39}$/,
    "lowercase letters, digits and dashes, 2–40 characters, starting with a letter",
  ),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "a semantic version such as 1.0.0"),
  authors: z.array(
    z.object({ name: z.string().min(1), affiliation: z.string().optional() }).strict(),
  ).min(1),
  summary: z.string().min(1).max(200),
  description: z.string().min(1).max(5000),
  references: z.array(z.string().min(1)).default([]),
  license: z.string().min(1).max(64),
  representations: z.array(z.enum(REPRESENTATIONS)).min(1),
  /** Must match the module's `sizeAgnostic` (checked in the sandbox). */
  sizeAgnostic: z.boolean().default(false),
  /** Must match the module's `exactInvariant` (checked in the sandbox). */
  exactInvariant: z.boolean().default(false),
}).strict();

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
