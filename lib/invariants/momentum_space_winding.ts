/** Clean-chain hoppings by range, `t_m` (one number per range). */
export type CleanHoppings = Readonly<Record<number, number>>;

type Terms = Array<[number, number]>;

function windingTerms(hoppings: CleanHoppings): Terms {
  if (hoppings === null || typeof hoppings !== "object") {
    throw new TypeError("hoppings must be an object mapping ranges to amplitudes");
  }
  const terms: Terms = [];
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

function span(terms: Terms): number {
  return Math.max(...terms.map(([range]) => Math.abs(range)));
}

/** `h(k)` on the grid `k_s = 2πs/samples`, s = 0 … samples (the last equals the first). */
function blochGrid(terms: Terms, samples: number): [Float64Array, Float64Array] {
  const re = new Float64Array(samples + 1);
  const im = new Float64Array(samples + 1);
  for (const [range, value] of terms) {
    // e^{i·range·k_s}: exact trig every 64 steps, a rotation recurrence between them.
    const stepRe = Math.cos((2 * Math.PI * range) / samples);
    const stepIm = Math.sin((2 * Math.PI * range) / samples);
    let phaseRe = 1;
    let phaseIm = 0;
    for (let s = 0; s <= samples; s++) {
      if (s % 64 === 0) {
        phaseRe = Math.cos((2 * Math.PI * range * s) / samples);
        phaseIm = Math.sin((2 * Math.PI * range * s) / samples);
      }
      re[s] += value * phaseRe;
      im[s] += value * phaseIm;
      const nextRe = phaseRe * stepRe - phaseIm * stepIm;
      phaseIm = phaseRe * stepIm + phaseIm * stepRe;
      phaseRe = nextRe;
    }
  }
  return [re, im];
}

function blochSize(terms: Terms, k: number): number {
  let re = 0;
  let im = 0;
  for (const [range, value] of terms) {
    re += value * Math.cos(range * k);
    im += value * Math.sin(range * k);
  }
  return Math.sqrt(re * re + im * im);
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
  const terms = windingTerms(hoppings);
  const samples = 128 * (span(terms) + 1);
  const [re, im] = blochGrid(terms, samples);
  let best = 0;
  let bestSquare = Infinity;
  for (let s = 0; s < samples; s++) {
    const square = re[s] * re[s] + im[s] * im[s];
    if (square < bestSquare) {
      bestSquare = square;
      best = s;
    }
  }
  const step = (2 * Math.PI) / samples;
  let low = (best - 1) * step;
  let high = (best + 1) * step;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let iteration = 0; iteration < 48; iteration++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (blochSize(terms, a) < blochSize(terms, b)) high = b;
    else low = a;
  }
  return Math.min(blochSize(terms, (low + high) / 2), Math.sqrt(bestSquare));
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
 * assert.equal(momentumSpaceWinding({ 0: 1, 1: 0.5 }), 0);
 * assert.equal(momentumSpaceWinding({ 0: 0.5, 1: 1 }), 1);
 * assert.equal(momentumSpaceWinding({ 0: 0.3, 1: 0.5, 2: 1 }), 2);
 * assert.equal(momentumSpaceWinding({ 0: 0.3, 1: 0.2, [-1]: 1 }), -1);
 * ```
 */
export function momentumSpaceWinding(hoppings: CleanHoppings): number {
  const terms = windingTerms(hoppings);
  const scale = terms.reduce((sum, [, value]) => sum + Math.abs(value), 0);
  const gap = blochGap(hoppings);
  if (gap < 1e-9 * scale) {
    throw new RangeError(
      `The gap closes (min_k |h(k)| = ${gap.toExponential(3)}): the winding number is undefined`,
    );
  }
  for (let samples = 64 * (span(terms) + 1); samples <= 1 << 22; samples *= 2) {
    const [re, im] = blochGrid(terms, samples);
    let total = 0;
    let fine = true;
    for (let s = 0; s < samples && fine; s++) {
      const cross = re[s] * im[s + 1] - im[s] * re[s + 1];
      const step = Math.atan2(cross, re[s] * re[s + 1] + im[s] * im[s + 1]);
      if (Math.abs(step) > Math.PI / 4) fine = false;
      total += step;
    }
    if (fine) return Math.round(total / (2 * Math.PI)) || 0;
  }
  throw new RangeError("The Bloch function varies too fast to count its winding");
}
