import { REPRESENTATIONS } from "../data/spec.ts";
import { tf } from "../tensor/tf.ts";
import type { Architecture, BuildOptions, TrainableModel } from "./architecture.ts";
import {
  checkBuild,
  checkInputs,
  conv1dLayer,
  countParameters,
  denseLayer,
  headOf,
  heVariable,
  outputWidth,
  zeroVariable,
} from "./_layers.ts";
import { alongChain, chainLayout } from "./_site_axis.ts";

/** Hyperparameters of {@linkcode resnet}. */
export interface ResnetConfig {
  /** Channels of the stem and of every block (default 32). */
  readonly filters?: number;
  /** Residual blocks (default 2). */
  readonly blocks?: number;
  /** Width of every convolution kernel, odd (default 5). */
  readonly kernelSize?: number;
}

/**
 * The 1-D residual baseline: a ReLU stem convolution along the chain, residual blocks
 * `h ← relu(h + conv(relu(conv(h))))`, global average pooling over the chain and dense logits.
 * The pooled head sees no absolute position, so edge features reach it only through the
 * receptive field. Layout along the chain as for {@linkcode cnn}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { resnet } from "./resnet.ts";
 *
 * const model = resnet({ filters: 4, blocks: 1, kernelSize: 3 }).build({
 *   input: { representation: "hamiltonian", cells: 6, shape: [6, 2] },
 *   classWindings: [0, 1],
 *   seed: 1,
 *   init: { kind: "random" },
 * });
 * assert.equal(model.parameterCount(), (3 * 2 * 4 + 4) + 2 * (3 * 4 * 4 + 4) + (4 * 2 + 2));
 * assert.deepEqual(model.apply(tf.zeros([3, 6, 2])).shape, [3, 2]);
 * model.dispose();
 * ```
 */
export function resnet(config: ResnetConfig = {}): Architecture {
  const filters = config.filters ?? 32;
  const blocks = config.blocks ?? 2;
  const kernelSize = config.kernelSize ?? 5;
  for (const [name, value] of [["filters", filters], ["blocks", blocks]] as const) {
    if (!Number.isInteger(value) || value < (name === "blocks" ? 0 : 1)) {
      throw new RangeError(
        `ResNet ${name} must be a ${
          name === "blocks" ? "non-negative" : "positive"
        } integer: received ${value}`,
      );
    }
  }
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0) {
    throw new RangeError(
      `ResNet kernel size must be a positive odd integer: received ${kernelSize}`,
    );
  }
  return {
    name: "resnet",
    version: "1.0.0",
    description: `1-D ResNet along the chain: a stem and ${blocks} residual blocks of ${filters} ` +
      `channels, width ${kernelSize}, global average pooling, dense logits.`,
    representations: REPRESENTATIONS,
    sizeAgnostic: false,
    build: (options) => buildResnet(options, filters, blocks, kernelSize),
  };
}

function buildResnet(
  options: BuildOptions,
  filters: number,
  blocks: number,
  kernelSize: number,
): TrainableModel {
  checkBuild("resnet", options, REPRESENTATIONS);
  const { input, seed } = options;
  const [, channels] = chainLayout(input);
  const conv = (name: string, depth: number) => ({
    kernel: heVariable(seed, `resnet/${name}`, [kernelSize, depth, filters], kernelSize * depth),
    bias: zeroVariable([filters]),
  });
  const stem = conv("stem", channels);
  const layers = Array.from({ length: blocks }, (_, block) => [
    conv(`block${block}a`, filters),
    conv(`block${block}b`, filters),
  ]);
  const classes = outputWidth(options);
  const head = heVariable(seed, "resnet/head", [filters, classes], filters);
  const headBias = zeroVariable([classes]);
  const variables = [stem, ...layers.flat()].flatMap(({ kernel, bias }) => [kernel, bias]);
  variables.push(head, headBias);
  return {
    variables,
    head: headOf(options),
    apply(inputs) {
      checkInputs("resnet", inputs, input.shape);
      return tf.tidy(() => {
        let h = conv1dLayer(alongChain(input, inputs), stem.kernel, stem.bias, true);
        for (const [a, b] of layers) {
          const inner = conv1dLayer(
            conv1dLayer(h, a.kernel, a.bias, true),
            b.kernel,
            b.bias,
            false,
          );
          h = tf.relu(tf.add(h, inner)) as tf.Tensor3D;
        }
        return denseLayer(tf.mean(h, 1) as tf.Tensor2D, head, headBias, false);
      });
    },
    parameterCount: () => countParameters(variables),
    firstLayerWeights: () =>
      tf.reshape(stem.kernel, [kernelSize * channels, filters]) as tf.Tensor2D,
    dispose: () => tf.dispose(variables),
  };
}
