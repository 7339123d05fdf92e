/** Clean-chain hoppings by range, `t_m` (one number per range). */
export type CleanHoppings = Readonly<Record<number, number>>;

function _terms(hoppings: CleanHoppings): Array<[number, number]> {
  if (hoppings === null || typeof hoppings !== "object") {
    throw new TypeError("hoppings must be an object mapping ranges to amplitudes");
  }
  const terms: Array<[number, number]> = [];
  for (const [key, value] of Object.entries(hoppings)) {
    const range = Number(key);
    if (!Number.isSafeInteger(range) || String(range) !== key) {
      throw new RangeError(`Hopping range must be an integer: received key "${key}"`);
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(
        `Hopping t_${range} must be a finite number (clean chain): received ${value}`,
      );
    }
    if (value !== 0) terms.push([range, value]);
  }
  if (terms.length === 0) throw new RangeError("hoppings must have at least one non-zero range");
  return terms;
}

function _bloch(terms: Array<[number, number]>, k: number): [number, number] {
  let re = 0;
  let im = 0;
  for (const [range, value] of terms) {
    re += value * Math.cos(range * k);
    im += value * Math.sin(range * k);
  }
  return [re, im];
}

/**
 * `min_k |h(k)|` of the clean Bloch function `h(k) = Σ_m t_m e^{imk}`: the gap of the clean
 * chain (its spectrum is `±|h(k)|`). Sampled on a grid fine enough for the hopping range and
 * refined by golden-section search around the smallest sample.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blochGap } from "./momentum_space_winding.ts";
 *
 * assert(Math.abs(blochGap({ 0: 1, 1: 0.5 }) - 0.5) < 1e-9);
 * ```
 */
export function blochGap(hoppings: CleanHoppings): number {
  const terms = _terms(hoppings);
  const span = Math.max(...terms.map(([range]) => Math.abs(range)));
  const samples = 256 * (span + 1);
  const step = (2 * Math.PI) / samples;
  const size = (k: number) => Math.hypot(..._bloch(terms, k));
  let best = 0;
  for (let s = 1; s < samples; s++) if (size(s * step) < size(best * step)) best = s;
  let low = (best - 1) * step;
  let high = (best + 1) * step;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let iteration = 0; iteration < 80; iteration++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (size(a) < size(b)) high = b;
    else low = a;
  }
  return Math.min(size((low + high) / 2), size(best * step));
}

/**
 * The momentum-space winding number of a clean chain: how many times `h(k) = Σ_m t_m e^{imk}`
 * winds around 0 as `k` goes from 0 to 2π (PHYSICS.md §1), by the argument principle on a grid
 * refined until every phase step is below π/4.
 *
 * @throws {RangeError} when the gap closes (`min_k |h(k)|` below `1e-9·Σ|t_m|`): the winding
 * is then undefined.
 *
 * @example The checked values of PHYSICS.md §1
 * ```ts
 * import assert from "node:assert/strict";
 * import { momentumSpaceWinding } from "./momentum_space_winding.ts";
 *
 * assert.deepEqual(momentumSpaceWinding({ 0: 1, 1: 0.5 }), 0);
 * assert.deepEqual(momentumSpaceWinding({ 0: 0.5, 1: 1 }), 1);
 * assert.deepEqual(momentumSpaceWinding({ 0: 0.3, 1: 0.5, 2: 1 }), 2);
 * assert.deepEqual(momentumSpaceWinding({ 0: 0.3, 1: 0.2, [-1]: 1 }), -1);
 * ```
 */
export function momentumSpaceWinding(hoppings: CleanHoppings): number {
  const terms = _terms(hoppings);
  const scale = terms.reduce((sum, [, value]) => sum + Math.abs(value), 0);
  const gap = blochGap(hoppings);
  if (gap < 1e-9 * scale) {
    throw new RangeError(
      `The gap closes (min_k |h(k)| = ${gap.toExponential(3)}): the winding number is undefined`,
    );
  }
  const span = Math.max(...terms.map(([range]) => Math.abs(range)));
  for (let samples = 64 * (span + 1); samples <= 1 << 22; samples *= 2) {
    let total = 0;
    let [re, im] = _bloch(terms, 0);
    let fine = true;
    for (let s = 1; s <= samples && fine; s++) {
      const [nextRe, nextIm] = _bloch(terms, (2 * Math.PI * s) / samples);
      const step = Math.atan2(re * nextIm - im * nextRe, re * nextRe + im * nextIm);
      if (Math.abs(step) > Math.PI / 4) fine = false;
      total += step;
      [re, im] = [nextRe, nextIm];
    }
    if (fine) return Math.round(total / (2 * Math.PI)) || 0;
  }
  throw new RangeError("The Bloch function varies too fast to count its winding");
}
