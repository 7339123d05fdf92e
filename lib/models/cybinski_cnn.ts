import type { InputSpec } from "../data/spec.ts";
import { Rng } from "../rng.ts";
import { tf } from "../tensor/tf.ts";
import type { Architecture, BuildOptions, TrainableModel } from "./architecture.ts";

/** The layers of Cybiński et al.'s CNN: output channels, kernel, stride, padding. */
const LAYERS = [
  { channels: 5, kernel: 4, stride: 2, padding: 2 },
  { channels: 7, kernel: 3, stride: 1, padding: 1 },
  { channels: 9, kernel: 3, stride: 1, padding: 1 },
] as const;

/** The BatchNorm running-average rate (PyTorch's default momentum 0.1) and ε. */
const BATCH_NORM = { momentum: 0.1, epsilon: 1e-5 };

/** A Cybiński CNN with its training-mode forward pass (batch statistics and dropout). */
export interface CybinskiModel extends TrainableModel {
  /**
   * Training-mode logits: BatchNorm on the batch's statistics, dropout 0.5 drawn from
   * `Rng.stream(dropoutSeed, "dropout")`. Call {@linkcode CybinskiModel.updateStatistics} with the
   * returned moments after the step (running averages for inference).
   */
  applyTraining(
    inputs: tf.Tensor,
    dropoutSeed: number,
  ): { logits: tf.Tensor2D; moments: tf.Tensor[] };
  /** Folds a training batch's moments (mean, variance per BatchNorm layer) into the averages. */
  updateStatistics(moments: readonly tf.Tensor[]): void;
}

function uniformVariable(seed: number, name: string, shape: number[], fanIn: number) {
  const rng = Rng.stream(seed, "init", name);
  const bound = 1 / Math.sqrt(fanIn); // PyTorch's default (kaiming_uniform with a = √5)
  const values = new Float32Array(shape.reduce((p, e) => p * e, 1));
  for (let i = 0; i < values.length; i++) values[i] = bound * (2 * rng.next() - 1);
  const initial = tf.tensor(values, shape, "float32");
  const variable = tf.variable(initial, true);
  initial.dispose();
  return variable;
}

/**
 * Cybiński et al.'s CNN (MLST 2025; `src/architecture.py` of their repository, re-implemented):
 * three convolutions 1→5 (kernel 4, stride 2, padding 2), 5→7 and 7→9 (kernel 3, padding 1),
 * each without bias and followed by BatchNorm, LeakyReLU (0.01) and Dropout 0.5; global average
 * pooling; Linear 9→2 (softmax in theirs; `apply` returns the logits, whose argmax is the same).
 * The input is the full squared-eigenvector image `[2·cells, 2·cells]` of their protocol; it
 * declares the `amplitudes` representation only to fit the contract and refuses every input of
 * another shape, so it runs in the `literature-cybinski` study only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { cybinskiCnn } from "./cybinski_cnn.ts";
 *
 * const architecture = cybinskiCnn();
 * const input = { representation: "amplitudes" as const, cells: 25, shape: [50, 50] };
 * assert.equal(architecture.inputUnavailable!(input), null);
 * assert.match(architecture.inputUnavailable!({ ...input, shape: [25, 50] })!, /50 × 50/);
 * const model = architecture.build({ input, classWindings: [0, 1], seed: 1, init: { kind: "random" } });
 * assert.equal(model.parameterCount(), 80 + 10 + 315 + 14 + 567 + 18 + 20);
 * assert.deepEqual(model.apply(tf.zeros([3, 50, 50])).shape, [3, 2]);
 * model.dispose();
 * ```
 */
export function cybinskiCnn(): Architecture {
  return {
    name: "cybinski-cnn",
    version: "1.0.0",
    description: "Cybiński et al. (MLST 2025): a three-layer CNN with BatchNorm, LeakyReLU and " +
      "Dropout 0.5 on the 50 × 50 image of squared open-chain eigenvectors, global average " +
      "pooling and a 9 → 2 read-out; trained with SGD and early stopping in literature-cybinski.",
    representations: ["amplitudes"],
    sizeAgnostic: false,
    inputUnavailable: (input: InputSpec) => {
      const sites = 2 * input.cells;
      const ok = input.shape.length === 2 && input.shape[0] === sites && input.shape[1] === sites;
      return ok
        ? null
        : `reads the full ${sites} × ${sites} eigenvector image of Cybiński et al. ` +
          `(literature-cybinski only), not ${input.representation} [${input.shape}]`;
    },
    build: buildCybinski,
  };
}

function buildCybinski(options: BuildOptions): CybinskiModel {
  const { input, seed, classWindings } = options;
  if (input.shape.length !== 2 || input.shape[0] !== input.shape[1]) {
    throw new RangeError(`cybinski-cnn needs a square image input: received [${input.shape}]`);
  }
  if (classWindings.length !== 2 || (options.head ?? "class") !== "class") {
    throw new RangeError(
      `cybinski-cnn has a two-class head: received classes [${classWindings}], head ${options.head}`,
    );
  }
  const size = input.shape[0];
  let depth = 1;
  const kernels = LAYERS.map((layer, i) => {
    const shape = [layer.kernel, layer.kernel, depth, layer.channels];
    const kernel = uniformVariable(seed, `cybinski/conv${i}`, shape, layer.kernel ** 2 * depth);
    depth = layer.channels;
    return kernel;
  });
  const gammas = LAYERS.map((layer) => tf.variable(tf.ones([layer.channels]), true));
  const betas = LAYERS.map((layer) => tf.variable(tf.zeros([layer.channels]), true));
  const means = LAYERS.map((layer) => tf.variable(tf.zeros([layer.channels]), false));
  const variances = LAYERS.map((layer) => tf.variable(tf.ones([layer.channels]), false));
  const head = uniformVariable(seed, "cybinski/head", [depth, 2], depth);
  const headBias = uniformVariable(seed, "cybinski/head-bias", [2], depth);
  const variables = [...kernels, ...gammas, ...betas, head, headBias];

  const forward = (inputs: tf.Tensor, training: boolean, dropoutSeed = 0) => {
    if (inputs.shape.length !== 3 || inputs.shape[1] !== size || inputs.shape[2] !== size) {
      throw new RangeError(
        `cybinski-cnn expects inputs [batch, ${size}, ${size}]: received [${inputs.shape}]`,
      );
    }
    const rng = training ? Rng.stream(dropoutSeed, "dropout") : null;
    const moments: tf.Tensor[] = [];
    let h: tf.Tensor4D = tf.reshape(inputs, [inputs.shape[0], size, size, 1]);
    LAYERS.forEach((layer, i) => {
      const p = layer.padding;
      h = tf.conv2d(tf.pad(h, [[0, 0], [p, p], [p, p], [0, 0]]), kernels[i] as tf.Tensor4D, [
        layer.stride,
        layer.stride,
      ], "valid");
      let mean: tf.Tensor, variance: tf.Tensor;
      if (training) {
        mean = tf.mean(h, [0, 1, 2]);
        variance = tf.mean(tf.square(tf.sub(h, mean)), [0, 1, 2]);
        const count = h.shape[0] * h.shape[1] * h.shape[2];
        moments.push(tf.keep(tf.clone(mean)), tf.keep(tf.mul(variance, count / (count - 1))));
      } else {
        [mean, variance] = [means[i], variances[i]];
      }
      const scale = tf.mul(gammas[i], tf.rsqrt(tf.add(variance, BATCH_NORM.epsilon)));
      h = tf.add(tf.mul(tf.sub(h, mean), scale), betas[i]) as tf.Tensor4D;
      h = tf.leakyRelu(h, 0.01);
      if (rng) {
        const mask = new Float32Array(h.size);
        let bits = 0;
        for (let k = 0; k < mask.length; k++) {
          if (k % 32 === 0) bits = rng.nextUint32();
          mask[k] = (bits >>> (k % 32)) & 1 ? 2 : 0; // keep with probability 1/2, scaled by 2
        }
        h = tf.mul(h, tf.tensor(mask, h.shape));
      }
    });
    const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
    return { logits: tf.add(tf.matMul(pooled, head), headBias) as tf.Tensor2D, moments };
  };

  return {
    variables,
    head: "class",
    apply: (inputs) => tf.tidy(() => forward(inputs, false).logits),
    applyTraining: (inputs, dropoutSeed) => forward(inputs, true, dropoutSeed),
    updateStatistics(moments) {
      tf.tidy(() =>
        LAYERS.forEach((_, i) => {
          const rate = BATCH_NORM.momentum;
          means[i].assign(tf.add(tf.mul(means[i], 1 - rate), tf.mul(moments[2 * i], rate)));
          variances[i].assign(
            tf.add(tf.mul(variances[i], 1 - rate), tf.mul(moments[2 * i + 1], rate)),
          );
        })
      );
    },
    parameterCount: () => variables.reduce((sum, v) => sum + v.size, 0),
    dispose: () => tf.dispose([...variables, ...means, ...variances]),
  };
}
