import canonicalize from "canonicalize";

// The package is CommonJS (`module.exports = serialize`) with an ES-style declaration file, so
// its default import is the function at run time but not to the type checker.
const serialize = canonicalize as unknown as (input: unknown) => string | undefined;

/**
 * The JSON Canonicalization Scheme of RFC 8785 (the `canonicalize` package, by the RFC's
 * author): object keys sorted by UTF-16 code units at every level, `undefined` members left out,
 * no whitespace, numbers in ECMAScript's shortest round-trip form, strings as `JSON.stringify`
 * writes them. Content hashes (of dataset specs, study cells, records) cover these bytes, so two
 * equal values hash alike however they were written, and any RFC 8785 implementation (Python's
 * included) recomputes them. A non-finite number, which RFC 8785 cannot hold, throws
 * `RangeError` naming where it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalJson } from "./canonical_json.ts";
 *
 * assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}');
 * assert.equal(canonicalJson({ x: 1e-7, y: 100.0 }), '{"x":1e-7,"y":100}');
 * assert.throws(() => canonicalJson({ x: [1, NaN] }), /Canonical JSON cannot hold NaN \(at x\[1\]\)/);
 * ```
 */
export function canonicalJson(value: unknown): string {
  checkFinite(value, "");
  const text = serialize(value);
  if (text === undefined) throw new TypeError(`Canonical JSON cannot hold ${typeof value}`);
  return text;
}

function checkFinite(value: unknown, at: string): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Canonical JSON cannot hold ${value}${at ? ` (at ${at})` : ""}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((entry, index) => checkFinite(entry, `${at}[${index}]`));
  } else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      checkFinite(entry, at ? `${at}.${key}` : key);
    }
  }
}
