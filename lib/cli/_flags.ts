// Shared flag parsing for the command entry points: numbers are validated and named in errors.

/** A usage error: the command prints it with a pointer to `--help` and exits with code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A finite number from a string flag, or `fallback` when absent. */
export function numberFlag(
  flags: Record<string, unknown>,
  name: string,
  fallback?: number,
): number {
  const raw = flags[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a finite number: received "${raw}"`);
  }
  return value;
}

/** A non-negative integer from a string flag, or `fallback` when absent. */
export function integerFlag(
  flags: Record<string, unknown>,
  name: string,
  fallback?: number,
): number {
  const value = numberFlag(flags, name, fallback);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new UsageError(`--${name} must be a non-negative integer: received "${flags[name]}"`);
  }
  return value;
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
