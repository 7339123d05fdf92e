/**
 * The suite's one seeded, splittable pseudo-random number generator.
 *
 * Algorithm: **xoshiro128\*\*** (Blackman & Vigna, 2018), four 32-bit words of state, period
 * 2^128 − 1. Streams are derived from a tuple `(seed, purpose, index, …)`: every element is
 * absorbed into four independent 32-bit lanes with the `lowbias32` integer mixer (Wellons),
 * which gives the stream's initial state. So sample `i` of a dataset draws from
 * `Rng.stream(seed, "sample", i)` and depends on nothing but the seed and `i`.
 *
 * Nothing else in the suite draws random numbers.
 *
 * @example Derived streams are reproducible and independent
 * ```ts
 * import assert from "node:assert/strict";
 * import { Rng } from "./rng.ts";
 *
 * const first = Rng.stream(7, "sample", 0).nextUint32();
 * assert.deepEqual(Rng.stream(7, "sample", 0).nextUint32(), first);
 * assert.notDeepEqual(Rng.stream(7, "sample", 1).nextUint32(), first);
 * ```
 *
 * @module
 */

const encoder = new TextEncoder();

/** One element of a stream's derivation path. */
export type StreamKey = number | string;

function hashLowbias32(word: number): number {
  let x = word >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const LANE_SALTS = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

function keyWords(key: StreamKey): number[] {
  if (typeof key === "string") {
    const bytes = encoder.encode(key);
    const words = [0x5354524e, bytes.length]; // tag "STRN" and the length
    for (const byte of bytes) words.push(byte);
    return words;
  }
  if (!Number.isSafeInteger(key) || key < 0) {
    throw new RangeError(
      `Stream key must be a non-negative safe integer or a string: received ${key}`,
    );
  }
  return [0x4e554d42, key >>> 0, Math.floor(key / 0x100000000) >>> 0]; // tag "NUMB", low, high
}

/**
 * A stream of pseudo-random numbers (xoshiro128**, period 2^128 − 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Rng } from "./rng.ts";
 *
 * const rng = Rng.stream(42, "disorder");
 * const draw = rng.uniform(-0.5, 0.5);
 * assert(draw >= -0.5 && draw < 0.5);
 * ```
 */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #path: StreamKey[];

  private constructor(path: StreamKey[], state?: readonly number[]) {
    const lanes = state ? state.map((word) => word >>> 0) : [...LANE_SALTS];
    for (const key of state ? [] : path) {
      for (const word of keyWords(key)) {
        for (let lane = 0; lane < 4; lane++) {
          lanes[lane] = hashLowbias32((lanes[lane] ^ word) + Math.imul(lane + 1, 0x9e3779b9));
        }
      }
    }
    if ((lanes[0] | lanes[1] | lanes[2] | lanes[3]) === 0) lanes[0] = 1; // the one forbidden state
    [this.#s0, this.#s1, this.#s2, this.#s3] = lanes;
    this.#path = [...path];
  }

  /**
   * The stream named by `(seed, ...path)`. The seed is a non-negative safe integer; every
   * path element is a non-negative safe integer or a string.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Rng } from "./rng.ts";
   *
   * assert.deepEqual(Rng.stream(1, "init", 3).next(), Rng.stream(1, "init", 3).next());
   * ```
   */
  static stream(seed: number, ...path: StreamKey[]): Rng {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`Seed must be a non-negative safe integer: received ${seed}`);
    }
    return new Rng([seed, ...path]);
  }

  /**
   * A stream that starts from an explicit xoshiro128** state (four 32-bit words, not all
   * zero), for checking the generator against the reference implementation's outputs.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Rng } from "./rng.ts";
   *
   * assert.deepEqual(Rng.fromState([1, 2, 3, 4]).nextUint32(), 11520);
   * ```
   */
  static fromState(state: readonly [number, number, number, number]): Rng {
    if (state.length !== 4 || state.some((word) => !Number.isInteger(word))) {
      throw new TypeError(`State must be four 32-bit integers: received [${state}]`);
    }
    if (state.every((word) => word >>> 0 === 0)) {
      throw new RangeError("State must not be all zero: xoshiro128** never leaves that state");
    }
    return new Rng(["state", ...state.map((word) => word >>> 0)], state);
  }

  /** The derivation path of this stream, seed first. */
  get path(): readonly StreamKey[] {
    return this.#path;
  }

  /**
   * A child stream, independent of this one's state: the same `derive` call always gives
   * the same stream, however many numbers were drawn before.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Rng } from "./rng.ts";
   *
   * const parent = Rng.stream(3, "dataset");
   * const child = parent.derive("sample", 10).next();
   * parent.next();
   * assert.deepEqual(parent.derive("sample", 10).next(), child);
   * ```
   */
  derive(...path: StreamKey[]): Rng {
    return new Rng([...this.#path, ...path]);
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A float uniform on [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A float uniform on [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A standard normal draw (Box–Muller, one value per call). */
  normal(): number {
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    return radius * Math.cos(2 * Math.PI * this.next());
  }

  /** An integer uniform on [0, bound), without modulo bias. */
  integer(bound: number): number {
    if (!Number.isSafeInteger(bound) || bound <= 0 || bound > 0x100000000) {
      throw new RangeError(`Integer bound must be in [1, 2^32]: received ${bound}`);
    }
    const limit = 0x100000000 - (0x100000000 % bound);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return draw % bound;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
