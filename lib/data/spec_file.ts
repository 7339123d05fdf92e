import { z } from "zod";
import { canonicalJson, readJsonFile } from "../io/mod.ts";
import { CATALOG } from "./catalog.ts";
import { datasetSpec } from "./dataset_spec.ts";
import { CHAIN_MODELS, type DatasetSpec, REPRESENTATIONS } from "./spec.ts";

const range = z.union([
  z.number(),
  z.object({ min: z.number(), max: z.number() }).strict(),
]).describe("A fixed value, or { min, max }: drawn uniformly per sample");

const count = z.number().int().nonnegative();

/**
 * The zod schema of a dataset spec file (`deno task data build --spec FILE.json`): a
 * {@linkcode DatasetSpec} as JSON, `labels`, `representations` and `balance` optional (the
 * defaults of `datasetSpec`), plus an optional `$schema` pointer that is not part of the spec.
 * The JSON Schema `schemas/dataset-spec.schema.json` is generated from it (`deno task
 * schemas`); range checks beyond types are `datasetSpec`'s.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpecFileSchema } from "./spec_file.ts";
 *
 * const ok = datasetSpecFileSchema.safeParse({
 *   name: "tiny", model: "plain", cells: 16, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 8, validation: 2, test: 2 }, seed: 1,
 * });
 * assert(ok.success);
 * assert(!datasetSpecFileSchema.safeParse({ name: "tiny", model: "ring" }).success);
 * ```
 */
export const datasetSpecFileSchema = z.object({
  $schema: z.string().optional().describe("Where the schema of this file lives (ignored)"),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe(
    "Dataset name: lowercase letters, digits and dashes",
  ),
  model: z.enum(CHAIN_MODELS).describe(
    "plain: t0 = intracell v, t1 = intercell w; extended: t_m, m in {-1, 0, 1, 2}",
  ),
  cells: z.number().int().min(4).max(4096).describe("Unit cells (extended: at least 8)"),
  intracell: range.optional().describe("Plain model: v"),
  intercell: range.optional().describe("Plain model: w"),
  hoppingRange: range.optional().describe(
    "Extended model: each t_m uniform on this range (default { min: -1, max: 1 })",
  ),
  minGap: z.number().optional().describe("Extended model: the smallest clean gap accepted"),
  disorder: z.object({
    intracell: range.optional().describe("W1"),
    intercell: range.optional().describe("W2 (or give intercellRatio)"),
    intercellRatio: z.number().optional().describe("W2 = intercellRatio * W1"),
    onsite: range.optional().describe("On-site disorder strength (breaks chiral symmetry)"),
  }).strict().optional(),
  edges: z.object({
    cells: z.number().int().positive().describe("Unit cells at each end whose bonds are redrawn"),
    hoppings: range.describe("Each edge bond's hopping"),
  }).strict().optional().describe(
    "Edge bonds redrawn per sample (outside the RSWN centre): the edges carry no reliable signal",
  ),
  splits: z.object({ train: count, validation: count, test: count }).strict(),
  balance: z.boolean().optional().describe("Labels cycle through the classes (default true)"),
  stratify: z.literal("disorder").optional().describe(
    "With balance: disorder strengths drawn once per sample, before the redraws, so every class " +
      "has the same disorder-strength distribution",
  ),
  seed: z.number().int().nonnegative(),
  labels: z.object({
    trim: z.number().describe("RSWN trim: the fraction of cells left out at each edge"),
    ambiguityThreshold: z.number().describe("ambiguous where |nu - round nu| exceeds it"),
  }).strict().optional(),
  representations: z.array(z.enum(REPRESENTATIONS)).optional().describe(
    "Stored representations (default all three)",
  ),
}).strict();

/**
 * A dataset spec from the parsed JSON of a spec file: checked against
 * {@linkcode datasetSpecFileSchema} (a `TypeError` naming each bad field), `$schema` dropped,
 * then validated and completed by `datasetSpec` (a `RangeError` for values out of range). The
 * same spec builds the same bytes as a catalog entry with that spec.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSpecFile } from "./spec_file.ts";
 *
 * const spec = parseSpecFile({
 *   $schema: "../schemas/dataset-spec.schema.json",
 *   name: "tiny", model: "plain", cells: 16, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 8, validation: 2, test: 2 }, seed: 1,
 * });
 * assert.equal(spec.labels.trim, 0.25);
 * assert.equal("$schema" in spec, false);
 * assert.throws(() => parseSpecFile({ ...spec, cells: "16" }), TypeError);
 * assert.throws(() => parseSpecFile({ ...spec, cells: 2 }), TypeError);
 * ```
 */
export function parseSpecFile(value: unknown): DatasetSpec {
  const parsed = datasetSpecFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      `${issue.path.join(".") || "(top level)"}: ${issue.message}`
    );
    throw new TypeError(`Not a dataset spec file: ${problems.join("; ")}`);
  }
  const { $schema: _, ...spec } = parsed.data;
  return datasetSpec(spec);
}

/**
 * Reads a spec file ({@linkcode parseSpecFile}); errors name the file. A catalog name is
 * accepted only with the catalog's own spec (`RangeError` otherwise), so a name never means two
 * datasets and catalog pins keep applying.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec } from "./catalog.ts";
 * import { readSpecFile } from "./spec_file.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, JSON.stringify(catalogSpec("plain-clean-32")));
 * assert.deepEqual(await readSpecFile(path), catalogSpec("plain-clean-32"));
 * await Deno.writeTextFile(path, JSON.stringify({ ...catalogSpec("plain-clean-32"), seed: 5 }));
 * await assert.rejects(readSpecFile(path), RangeError);
 * await Deno.remove(path);
 * ```
 */
export async function readSpecFile(path: string): Promise<DatasetSpec> {
  const json = await readJsonFile(path, "dataset spec");
  let spec: DatasetSpec;
  try {
    spec = parseSpecFile(json);
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(`${path}: ${error.message}`);
    if (error instanceof RangeError) throw new RangeError(`${path}: ${error.message}`);
    throw error;
  }
  const entry = CATALOG.find((candidate) => candidate.name === spec.name);
  if (entry && canonicalJson(entry) !== canonicalJson(spec)) {
    throw new RangeError(
      `${path}: "${spec.name}" is a catalog dataset with another spec: rename the file's dataset`,
    );
  }
  return spec;
}
