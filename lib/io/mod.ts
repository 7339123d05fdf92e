/**
 * File input and output at the bottom of the suite: one atomic write (a temporary file in the
 * same folder, then a rename), one JSON file reader, and the canonical JSON that content hashes
 * cover. Every layer above writes and hashes through these.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { canonicalJson, readJsonFile, writeAtomic } from "./mod.ts";
 *
 * const path = join(await Deno.makeTempDir(), "value.json");
 * await writeAtomic(path, canonicalJson({ b: [1], a: "x" }));
 * assert.deepEqual(await readJsonFile(path, "value"), { a: "x", b: [1] });
 * await Deno.remove(path);
 * ```
 *
 * @module
 */
export { canonicalJson } from "./canonical_json.ts";
export { DEFAULT_MAX_JSON_BYTES, readJsonFile, type ReadJsonOptions } from "./read_json_file.ts";
export { removeStaleTemporaries, type StaleTemporaryOptions } from "./remove_stale_temporaries.ts";
export { writeAtomic } from "./write_atomic.ts";
