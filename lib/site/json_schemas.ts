import { zodToJsonSchema } from "zod-to-json-schema";
import { datasetSpecFileSchema, npzManifestSchema } from "../data/mod.ts";
import { recordSchema } from "../records/mod.ts";
import { submissionInfoSchema } from "../submissions/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import { leaderboardSchema } from "./leaderboard_schema.ts";

/** The published JSON Schemas, by file name (`<name>.schema.json`). */
export const JSON_SCHEMA_NAMES = [
  "record",
  "leaderboard",
  "dataset-manifest",
  "submission-info",
  "dataset-spec",
] as const;

/** A name of {@linkcode JSON_SCHEMA_NAMES}. */
export type JsonSchemaName = typeof JSON_SCHEMA_NAMES[number];

const SOURCES = {
  record: {
    schema: recordSchema,
    title: "A topolearn study record (reports/<v>/<profile>/records/…)",
  },
  leaderboard: { schema: leaderboardSchema, title: "A topolearn leaderboard.json" },
  "dataset-manifest": {
    schema: npzManifestSchema,
    title: "The manifest of a dataset export (deno task data export)",
  },
  "submission-info": { schema: submissionInfoSchema, title: "A submission's info.json" },
  "dataset-spec": {
    schema: datasetSpecFileSchema,
    title: "A dataset spec file (deno task data build --spec FILE.json)",
  },
} as const;

/**
 * The JSON Schema (draft 07) of a published file, generated from the zod schema the suite itself
 * validates with (`zod-to-json-schema`), so the two cannot drift. `$id` names the suite version;
 * the files under `schemas/` are these, written by `deno task schemas`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonSchema } from "./json_schemas.ts";
 *
 * const schema = jsonSchema("record");
 * assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
 * assert.deepEqual((schema.required as string[]).slice(0, 3), ["schema", "suiteVersion", "cell"]);
 * ```
 */
export function jsonSchema(name: JsonSchemaName): Record<string, unknown> {
  const source = SOURCES[name];
  if (!source) {
    throw new RangeError(
      `Unknown schema "${name}": expected one of ${JSON_SCHEMA_NAMES.join(", ")}`,
    );
  }
  const generated = zodToJsonSchema(source.schema, { target: "jsonSchema7" }) as Record<
    string,
    unknown
  >;
  return {
    $id: `topolearn/${SUITE_VERSION}/${name}.schema.json`,
    title: source.title,
    ...generated,
  };
}

/** Every published schema as the text of its file (two-space JSON and a newline), by file name. */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    JSON_SCHEMA_NAMES.map((name) => [
      `${name}.schema.json`,
      JSON.stringify(jsonSchema(name), null, 2) + "\n",
    ]),
  );
}
