// Shared flag parsing for the command entry points: numbers are validated and named in errors.
import { dirname, resolve } from "node:path";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/**
 * A usage error: the command prints it with a pointer to `--help` and exits with code 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportError, UsageError } from "./parse_command.ts";
 *
 * const original = console.error;
 * console.error = () => {};
 * try {
 *   assert.equal(reportError(new UsageError("--cells is required")), 2);
 * } finally {
 *   console.error = original;
 * }
 * ```
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An inclusive range `[min, max]` of a numeric option, shown in `--help` and in errors. */
export type FlagRange = readonly [min: number, max: number];

/** Decimal numbers only: no hex, no `Infinity`, no empty string. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Decimal integers only: digits, no sign, exponent or point. */
const DECIMAL_INTEGER = /^\d+$/;

/**
 * A range as `--help` and errors write it: `[2, 4096]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRange } from "./parse_command.ts";
 *
 * assert.equal(formatRange([1, 65536]), "[1, 65536]");
 * ```
 */
export function formatRange([min, max]: FlagRange): string {
  return `[${min}, ${max}]`;
}

function raw(flags: Record<string, unknown>, name: string): unknown {
  return flags[name];
}

/**
 * A finite decimal number from a string flag, inside `range` (inclusive; default any finite
 * number), or `fallback` when absent. A string that is not a decimal number (`0x10`, `""`,
 * `Infinity`) throws `UsageError`; a number outside the range throws `RangeError`; both name
 * the flag, the value received and what is accepted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numberFlag } from "./parse_command.ts";
 *
 * assert.equal(numberFlag({ intracell: "0.5" }, "intracell"), 0.5);
 * assert.equal(numberFlag({}, "intracell", 1), 1);
 * assert.throws(() => numberFlag({ intracell: "x" }, "intracell"), /--intracell must be a finite decimal number: received "x"/);
 * assert.throws(() => numberFlag({ rate: "0x10" }, "rate"), /decimal/);
 * assert.throws(
 *   () => numberFlag({ rate: "1e308" }, "rate", 1e-3, [1e-8, 10]),
 *   (error) => error instanceof RangeError && /--rate must be in \[1e-8, 10\]: received 1e308/.test(error.message),
 * );
 * ```
 */
export function numberFlag(
  flags: Record<string, unknown>,
  name: string,
  fallback?: number,
  range: FlagRange = [-Number.MAX_VALUE, Number.MAX_VALUE],
): number {
  const text = raw(flags, name);
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const value = Number(text);
  if (typeof text !== "string" || !DECIMAL.test(text) || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a finite decimal number: received "${text}"`);
  }
  if (value < range[0] || value > range[1]) {
    throw new RangeError(`--${name} must be in ${formatRange(range)}: received ${text}`);
  }
  return value;
}

/**
 * A decimal integer from a string flag (digits only: no sign, point, exponent or hex), inside
 * `range` (inclusive; default `[0, Number.MAX_SAFE_INTEGER]`), or `fallback` when absent.
 * Anything else throws `UsageError`; a value outside the range throws `RangeError`; both name
 * the flag, the value and the range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { integerFlag } from "./parse_command.ts";
 *
 * assert.equal(integerFlag({ seed: "7" }, "seed"), 7);
 * assert.throws(() => integerFlag({ seed: "-1" }, "seed"), /--seed must be a decimal integer in \[0, \d+\]: received "-1"/);
 * assert.throws(() => integerFlag({ cells: "1e3" }, "cells", 100, [2, 4096]), /decimal integer in \[2, 4096\]/);
 * assert.throws(() => integerFlag({ cells: "20000" }, "cells", 100, [2, 4096]), RangeError);
 * ```
 */
export function integerFlag(
  flags: Record<string, unknown>,
  name: string,
  fallback?: number,
  range: FlagRange = [0, Number.MAX_SAFE_INTEGER],
): number {
  const text = raw(flags, name);
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const value = Number(text);
  if (typeof text !== "string" || !DECIMAL_INTEGER.test(text) || !Number.isSafeInteger(value)) {
    throw new UsageError(
      `--${name} must be a decimal integer in ${formatRange(range)}: received "${text}"`,
    );
  }
  if (value < range[0] || value > range[1]) {
    throw new RangeError(`--${name} must be in ${formatRange(range)}: received ${text}`);
  }
  return value;
}

/**
 * One value of a closed set from a string flag, or `fallback` when absent: the edge where an
 * option becomes a typed value. Anything else throws `UsageError` listing the set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { choiceFlag } from "./parse_command.ts";
 *
 * const BACKENDS = ["webgpu", "wasm", "cpu"] as const;
 * assert.equal(choiceFlag({ backend: "cpu" }, "backend", BACKENDS), "cpu");
 * assert.equal(choiceFlag({}, "backend", BACKENDS, "wasm"), "wasm");
 * assert.equal(choiceFlag({}, "backend", BACKENDS), undefined);
 * assert.throws(
 *   () => choiceFlag({ backend: "gpu" }, "backend", BACKENDS),
 *   /--backend must be one of webgpu, wasm, cpu: received "gpu"/,
 * );
 * ```
 */
export function choiceFlag<T extends string>(
  flags: Record<string, unknown>,
  name: string,
  choices: readonly T[],
  fallback: T,
): T;
export function choiceFlag<T extends string>(
  flags: Record<string, unknown>,
  name: string,
  choices: readonly T[],
): T | undefined;
export function choiceFlag<T extends string>(
  flags: Record<string, unknown>,
  name: string,
  choices: readonly T[],
  fallback?: T,
): T | undefined {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== "string" || !(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")}: received "${raw}"`);
  }
  return raw as T;
}

/**
 * Prints a command's error and returns its exit code: 2 for bad arguments or input
 * (`UsageError`, `RangeError`, `TypeError`, with a pointer to `--help`), 1 for anything else.
 */
export function reportError(error: unknown): number {
  if (error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
    console.error(`error: ${error.message}\nRun with --help for the options.`);
    return 2;
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

/** The parsed flags and positionals of a command. */
export interface ParsedCommand<T extends ParseArgsOptionsConfig> {
  readonly values: ReturnType<
    typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
  >["values"];
  readonly positionals: string[];
}

/**
 * Parses a command's arguments strictly. Returns the flags and positionals, or the exit code to
 * return at once: 0 after printing `usage` for `--help` (include `help` in `options`), 2 after
 * an unknown or malformed option (reported by {@linkcode reportError}) or a positional count
 * outside `positionals` (then `usage` is printed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCommand } from "./parse_command.ts";
 *
 * const options = { seed: { type: "string" }, help: { type: "boolean", short: "h" } } as const;
 * const parsed = parseCommand(["--seed", "3", "file"], options, "usage", { positionals: [1, 1] });
 * assert(typeof parsed !== "number" && parsed.values.seed === "3");
 * assert.equal(parseCommand(["-h"], options, "usage", { print: () => {} }), 0);
 * ```
 */
export function parseCommand<T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
  usage: string,
  { positionals: [least, most] = [0, 0], print = console.log }: {
    readonly positionals?: readonly [number, number];
    readonly print?: (text: string) => void;
  } = {},
): ParsedCommand<T> | number {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: most > 0, strict: true } as {
      args: string[];
      options: T;
      allowPositionals: true;
      strict: true;
    });
  } catch (error) {
    return reportError(new UsageError((error as Error).message));
  }
  if ((parsed.values as { help?: boolean }).help) {
    print(usage);
    return 0;
  }
  if (parsed.positionals.length < least || parsed.positionals.length > most) {
    print(usage);
    return 2;
  }
  return parsed;
}

/**
 * A folder from a string flag, checked before any work; `undefined` when the flag is absent
 * (the command then uses its default). An existing folder is returned as given. A missing one
 * is an error (`RangeError` naming the flag and the path) unless `create` (the command writes
 * outputs there): then it is made, but only one level deep, inside a parent folder that exists,
 * so a typo never grows a tree of folders (under `/` or anywhere else). A path that is a file
 * throws `RangeError` too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { folderFlag } from "./parse_command.ts";
 *
 * const parent = await Deno.makeTempDir();
 * assert.equal(await folderFlag({ root: parent }, "root"), parent);
 * assert.equal(await folderFlag({}, "root"), undefined);
 * await assert.rejects(folderFlag({ root: join(parent, "missing") }, "root"), /--root .*missing does not exist/);
 * const made = join(parent, "cache");
 * assert.equal(await folderFlag({ cache: made }, "cache", { create: true }), made);
 * await assert.rejects(
 *   folderFlag({ cache: join(parent, "a", "b") }, "cache", { create: true }),
 *   /--cache .*a\/b: its parent .*a does not exist/,
 * );
 * await Deno.remove(parent, { recursive: true });
 * ```
 */
export async function folderFlag(
  flags: Record<string, unknown>,
  name: string,
  { create = false }: { readonly create?: boolean } = {},
): Promise<string | undefined> {
  const path = flags[name];
  if (path === undefined) return undefined;
  if (typeof path !== "string" || path.trim() === "") {
    throw new UsageError(`--${name} must be a folder path: received "${path}"`);
  }
  try {
    const info = await Deno.stat(path);
    if (!info.isDirectory) throw new RangeError(`--${name} ${path} is not a folder`);
    return path;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (!create) throw new RangeError(`--${name} ${path} does not exist`);
  const parent = dirname(resolve(path));
  try {
    if (!(await Deno.stat(parent)).isDirectory) throw new Deno.errors.NotFound();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new RangeError(
      `--${name} ${path}: its parent ${parent} does not exist; create it first (only the last folder is made)`,
    );
  }
  await Deno.mkdir(path);
  return path;
}
