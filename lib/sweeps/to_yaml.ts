/**
 * Block-style YAML of a JSON value (objects, arrays, strings, finite numbers, booleans, null):
 * strings are double-quoted JSON strings, which YAML reads back unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toYaml } from "./to_yaml.ts";
 *
 * assert.equal(toYaml({ kind: "Job", spec: { completions: 2, args: ["a", "b"] } }),
 *   'kind: "Job"\nspec:\n  completions: 2\n  args:\n    - "a"\n    - "b"\n');
 * ```
 */
export function toYaml(value: unknown): string {
  return lines(value, 0).join("\n") + "\n";
}

function scalar(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new TypeError(`toYaml: cannot write ${String(value)}`);
}

function isBlock(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function lines(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((entry) => {
      if (!isBlock(entry)) return [`${pad}- ${emptyOrScalar(entry)}`];
      const inner = lines(entry, indent + 2);
      return [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)];
    });
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, entry]) =>
      isBlock(entry)
        ? [`${pad}${key}:`, ...lines(entry, indent + 2)]
        : [`${pad}${key}: ${emptyOrScalar(entry)}`]
    );
  }
  return [`${pad}${scalar(value)}`];
}

function emptyOrScalar(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object" && value !== null) return "{}";
  return scalar(value);
}
