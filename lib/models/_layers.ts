// Private helpers shared by the baseline architectures: seeded weight creation, fused layers,
// input checks.
import { tf } from "../tensor/tf.ts";
import { Rng } from "../rng.ts";
import { type BuildOptions, type Head, HEADS } from "./architecture.ts";
import { BAND_OFFSETS, type InputSpec, type Representation } from "../data/spec.ts";

/** A trainable variable drawn from `Rng.stream(seed, "init", name)`: normal, He scale. */
export function heVariable(
  seed: number,
  name: string,
  shape: number[],
  fanIn: number,
): tf.Variable {
  const rng = Rng.stream(seed, "init", name);
  const scale = Math.sqrt(2 / fanIn);
  const values = new Float32Array(shape.reduce((product, extent) => product * extent, 1));
  for (let i = 0; i < values.length; i++) values[i] = scale * rng.normal();
  return own(tf.tensor(values, shape, "float32"));
}

/** A trainable variable of zeros (biases). */
export function zeroVariable(shape: number[]): tf.Variable {
  return own(tf.zeros(shape));
}

function own(initial: tf.Tensor): tf.Variable {
  const variable = tf.variable(initial, true);
  initial.dispose();
  return variable;
}

/**
 * `x·w + b`, then ReLU where asked. Plain ops, not `tf.fused.matMul`: the fused op's gradient
 * always computes the input gradient too (a wasted `[batch, in]` product in a first layer),
 * while the tape prunes what no variable needs.
 */
export function denseLayer(
  x: tf.Tensor2D,
  w: tf.Variable,
  b: tf.Variable,
  relu: boolean,
): tf.Tensor2D {
  const out = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return relu ? tf.relu(out) : out;
}

/** A 1-D convolution over axis 1 of `[batch, width, channels]`, "same" padding, with bias. */
export function conv1dLayer(
  x: tf.Tensor3D,
  filter: tf.Variable,
  bias: tf.Variable,
  relu: boolean,
): tf.Tensor3D {
  const out = tf.add(tf.conv1d(x, filter as tf.Tensor3D, 1, "same"), bias) as tf.Tensor3D;
  return relu ? tf.relu(out) : out;
}

/** The number of trainable scalars. */
export function countParameters(variables: readonly tf.Variable[]): number {
  return variables.reduce((sum, variable) => sum + variable.size, 0);
}

/** Throws `RangeError` unless `shape` is what `representation` has at `cells`. */
function checkShape(spec: InputSpec): void {
  const { representation, cells, shape } = spec;
  if (!Number.isInteger(cells) || cells < 1) {
    throw new RangeError(`Input cells must be a positive integer: received ${cells}`);
  }
  const expected = representation === "amplitudes"
    ? [cells, 2 * cells]
    : representation === "projector"
    ? [cells, cells]
    : representation === "band"
    ? [cells, BAND_OFFSETS.length]
    : [cells, shape[1]];
  const ok = shape.length === 2 && shape.every((extent, i) => extent === expected[i]) &&
    Number.isInteger(shape[1]) && shape[1] >= 1;
  if (!ok) {
    const wanted = representation === "hamiltonian" ? `[${cells}, channels ≥ 1]` : `[${expected}]`;
    throw new RangeError(
      `A ${representation} input at ${cells} cells has shape ${wanted}: received [${shape}]`,
    );
  }
}

/** Checks a builder's class windings (at least 2, ascending) and seed; `RangeError` naming them. */
export function checkWindingsAndSeed(classWindings: readonly number[], seed: number): void {
  if (
    classWindings.length < 2 || classWindings.some((w, i) => i > 0 && w <= classWindings[i - 1])
  ) {
    throw new RangeError(
      `classWindings must be at least 2 ascending windings: received [${classWindings}]`,
    );
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer: received ${seed}`);
  }
}

/** Checks what a builder receives; throws `RangeError` naming the bad value and what is accepted. */
export function checkBuild(
  name: string,
  options: BuildOptions,
  accepted: readonly Representation[],
): void {
  const { input, classWindings, seed, init } = options;
  if (!accepted.includes(input.representation)) {
    throw new RangeError(
      `Architecture ${name} accepts ${accepted.join(", ")}: received "${input.representation}"`,
    );
  }
  checkShape(input);
  checkWindingsAndSeed(classWindings, seed);
  headOf(options);
  if (init.kind !== "random") {
    throw new RangeError(`Architecture ${name} has only a random init: received "${init.kind}"`);
  }
}

/** Throws `RangeError` unless `inputs` is `[batch, ...shape]`. */
export function checkInputs(name: string, inputs: tf.Tensor, shape: readonly number[]): void {
  const ok = inputs.rank === shape.length + 1 &&
    shape.every((extent, i) => inputs.shape[i + 1] === extent);
  if (!ok) {
    throw new RangeError(
      `${name} was built for inputs [batch, ${shape}]: received [${inputs.shape}]`,
    );
  }
}

/** Throws `RangeError` unless every entry is a positive integer. */
export function checkWidths(name: string, widths: readonly number[]): void {
  if (!widths.every((width) => Number.isInteger(width) && width >= 1)) {
    throw new RangeError(`${name} must be positive integers: received [${widths}]`);
  }
}

/** The head of a build (default `class`); throws `RangeError` outside {@linkcode HEADS}. */
export function headOf(options: BuildOptions, fallback: Head = "class"): Head {
  const head = options.head ?? fallback;
  if (!HEADS.includes(head)) {
    throw new RangeError(
      `head must be one of ${HEADS.join(", ")}: received ${JSON.stringify(head)}`,
    );
  }
  return head;
}

/** The width of the output layer: the class count, or 1 for an integer head. */
export function outputWidth(options: BuildOptions): number {
  return headOf(options) === "integer" ? 1 : options.classWindings.length;
}

/**
 * The class head of a model that computes ν: logits `−exp(logSharpness)·(ν − w)²` for each class
 * winding w, so the nearest winding wins and the sharpness is learned.
 */
export function windingLogits(
  nu: tf.Tensor2D,
  windings: tf.Tensor1D,
  logSharpness: tf.Variable,
): tf.Tensor2D {
  const distance = tf.square(tf.sub(nu, tf.reshape(windings, [1, -1])));
  return tf.mul(tf.neg(tf.exp(logSharpness)), distance) as tf.Tensor2D;
}
