import { Rng } from "../rng.ts";

/** The seed of the suite's random sign gauge: every study and the sandbox draw the same flips. */
export const RANDOM_SIGN_GAUGE_SEED = 1;

/** FNV-1a (32 bit) over the bytes of one sample. */
function sampleKey(sample: Float32Array): number {
  const bytes = new Uint8Array(sample.buffer, sample.byteOffset, sample.byteLength);
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The samples of an `amplitudes` batch (row-major `[samples, states, sites]`) in a random sign
 * gauge: a copy in which each state (row) of each sample is negated with probability 1/2. The
 * flips of a sample are drawn from `Rng.stream(seed, "sign-gauge", key)`, where `key` hashes the
 * sample's own bytes, so they depend on the sample alone: the same in any batch, order or
 * process, and the same in the trusted parent and in the inputs it stages for a sandboxed
 * submission. An eigenvector's sign is a free choice of the solver (the physics and every
 * gauge-invariant quantity are unchanged); this is the gauge a solver without the suite's
 * convention (`site-moment/1`) would hand a model at worst.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomSignGauge } from "./random_sign_gauge.ts";
 *
 * const samples = Float32Array.from({ length: 3 * 4 * 8 }, (_, i) => 1 + (i % 7));
 * const flipped = randomSignGauge(samples, 4, 8);
 * for (let row = 0; row < 12; row++) {
 *   const signs = new Set(flipped.subarray(row * 8, row * 8 + 8).map(Math.sign));
 *   assert.equal(signs.size, 1); // a whole state flips, or none of it
 * }
 * assert.deepEqual(randomSignGauge(samples, 4, 8), flipped); // reproducible
 * assert.deepEqual(randomSignGauge(samples.subarray(32), 4, 8), flipped.subarray(32)); // per sample
 * assert.throws(() => randomSignGauge(samples, 5, 8), /96 values are not whole samples of 5 × 8/);
 * ```
 */
export function randomSignGauge(
  samples: Float32Array,
  states: number,
  sites: number,
  seed: number = RANDOM_SIGN_GAUGE_SEED,
): Float32Array {
  if (!(Number.isInteger(states) && states > 0 && Number.isInteger(sites) && sites > 0)) {
    throw new RangeError(
      `states and sites must be positive integers: received ${states} × ${sites}`,
    );
  }
  const size = states * sites;
  if (samples.length % size !== 0) {
    throw new RangeError(
      `${samples.length} values are not whole samples of ${states} × ${sites} (states × sites)`,
    );
  }
  const out = samples.slice();
  for (let offset = 0; offset < out.length; offset += size) {
    const sample = out.subarray(offset, offset + size);
    const rng = Rng.stream(seed, "sign-gauge", sampleKey(sample));
    for (let k = 0; k < states; k++) {
      if ((rng.nextUint32() & 1) === 0) continue;
      const row = sample.subarray(k * sites, (k + 1) * sites);
      for (let s = 0; s < sites; s++) row[s] = -row[s];
    }
  }
  return out;
}
