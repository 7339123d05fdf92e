import { Rng } from "../rng.ts";

/** A 95% (or other level) confidence interval `[low, high]`. */
export type Interval = readonly [number, number];

/** Options of {@linkcode bootstrapInterval}. */
export interface BootstrapOptions {
  /** Resamples drawn (default 2000). */
  readonly resamples?: number;
  /** The coverage (default 0.95). */
  readonly level?: number;
  /** The seed of the resampling stream (default 0): the same values give the same interval. */
  readonly seed?: number;
}

/**
 * The percentile bootstrap confidence interval of the mean of `values` (seeds, dataset draws):
 * `resamples` resamples with replacement from a seeded stream, the `(1 − level)/2` and
 * `(1 + level)/2` quantiles of their means. One value gives the degenerate interval
 * `[v, v]` (nothing to resample: callers say "1 seed" rather than show it as certain); no values
 * give `null`. Deterministic: the same values and options give the same interval.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bootstrapInterval } from "./confidence_interval.ts";
 *
 * const [low, high] = bootstrapInterval([0.9, 0.92, 0.95, 0.97, 1])!;
 * assert(low < 0.948 && 0.948 < high && low >= 0.9 && high <= 1);
 * assert.deepEqual(bootstrapInterval([1, 1, 1]), [1, 1]);
 * assert.equal(bootstrapInterval([]), null);
 * assert.throws(() => bootstrapInterval([1, NaN]), /values\[1\] is NaN/);
 * ```
 */
export function bootstrapInterval(
  values: readonly number[],
  options: BootstrapOptions = {},
): Interval | null {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  checkLevel(level);
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new RangeError(
      `bootstrapInterval: resamples must be a positive integer, got ${resamples}`,
    );
  }
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `bootstrapInterval: values[${index}] is ${value}, expected a finite number`,
      );
    }
  });
  if (values.length === 0) return null;
  if (values.length === 1) return [values[0], values[0]];
  const rng = Rng.stream(options.seed ?? 0, "bootstrap");
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[rng.integer(values.length)];
    means[r] = sum / values.length;
  }
  means.sort();
  return [quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2)];
}

/**
 * The Wilson score interval of a proportion `successes / trials` (one record's accuracy over its
 * scored samples); `null` for no trials. Exact at the ends: 0 of n gives `[0, high]`, n of n
 * `[low, 1]`, never the zero-width interval of the normal approximation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wilsonInterval } from "./confidence_interval.ts";
 *
 * const [low, high] = wilsonInterval(50, 100)!;
 * assert(Math.abs(low - 0.4038) < 1e-3 && Math.abs(high - 0.5962) < 1e-3);
 * assert.equal(wilsonInterval(10, 10)![1], 1);
 * assert.equal(wilsonInterval(0, 0), null);
 * assert.throws(() => wilsonInterval(3, 2), /successes 3 must be an integer in \[0, 2\]/);
 * ```
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): Interval | null {
  checkLevel(level);
  if (!Number.isSafeInteger(trials) || trials < 0) {
    throw new RangeError(`wilsonInterval: trials must be a non-negative integer, got ${trials}`);
  }
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(
      `wilsonInterval: successes ${successes} must be an integer in [0, ${trials}]`,
    );
  }
  if (trials === 0) return null;
  const z = normalQuantile((1 + level) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return [
    successes === 0 ? 0 : Math.max(0, centre - half),
    successes === trials ? 1 : Math.min(1, centre + half),
  ];
}

/**
 * Whether two entries' intervals overlap: the suite's rule for a shared rank (entries whose 95%
 * intervals overlap are not distinguished by the measurement).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { intervalsOverlap } from "./confidence_interval.ts";
 *
 * assert.equal(intervalsOverlap([0.9, 0.95], [0.94, 0.99]), true);
 * assert.equal(intervalsOverlap([0.9, 0.93], [0.94, 0.99]), false);
 * ```
 */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  }
}

function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376,
    220.9460984245205,
    -275.9285104469687,
    138.357751867269,
    -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406,
    161.5858368580409,
    -155.6989798598866,
    66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Where a published number falls against our 95% interval: `ours higher` (below it), `within`,
 * `ours lower` (above it), or `n/a` without an interval.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { whereTheirsFalls } from "./confidence_interval.ts";
 *
 * assert.equal(whereTheirsFalls(0.662, [0.505, 0.795]), "within");
 * assert.equal(whereTheirsFalls(0.79, [0.699, 0.724]), "ours lower");
 * assert.equal(whereTheirsFalls(0.5, null), "n/a");
 * ```
 */
export function whereTheirsFalls(theirs: number, ci: Interval | null): string {
  return ci === null
    ? "n/a"
    : theirs < ci[0]
    ? "ours higher"
    : theirs > ci[1]
    ? "ours lower"
    : "within";
}
