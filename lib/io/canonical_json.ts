/**
 * Canonical JSON (RFC 8785 style): object keys sorted at every level, `undefined` members left
 * out, no whitespace, numbers and strings as `JSON.stringify` writes them. Content hashes (of
 * dataset specs, study cells, records) cover these bytes, so two equal values hash alike however
 * they were written. A non-finite number throws `RangeError`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalJson } from "./canonical_json.ts";
 *
 * assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}');
 * assert.throws(() => canonicalJson({ x: NaN }), RangeError);
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${
      entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")
    }}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`Canonical JSON cannot hold ${value}`);
  }
  return JSON.stringify(value);
}
