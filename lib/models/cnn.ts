import { REPRESENTATIONS } from "../data/spec.ts";
import { tf } from "../tensor/tf.ts";
import type { Architecture, BuildOptions, TrainableModel } from "./architecture.ts";
import {
  checkBuild,
  checkInputs,
  checkWidths,
  conv1dLayer,
  countParameters,
  denseLayer,
  headOf,
  heVariable,
  outputWidth,
  zeroVariable,
} from "./_layers.ts";
import { alongChain, chainLayout } from "./_site_axis.ts";

/** Hyperparameters of {@linkcode cnn}. */
export interface CnnConfig {
  /** Filters of each convolution (default `[32, 32]`). */
  readonly filters?: readonly number[];
  /** Width of every convolution kernel, odd (default 5). */
  readonly kernelSize?: number;
}

/**
 * The 1-D convolutional baseline: "same"-padded ReLU convolutions along the chain (amplitudes:
 * over the 2·cells sites with the eigenstates as channels; see the layout rules in
 * `_site_axis.ts`), then the flattened feature map into dense logits. The default is the
 * benchmark network: two 32-filter width-5 convolutions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { cnn } from "./cnn.ts";
 *
 * const model = cnn({ filters: [4], kernelSize: 3 }).build({
 *   input: { representation: "amplitudes", cells: 2, shape: [2, 4] },
 *   classWindings: [0, 1],
 *   seed: 1,
 *   init: { kind: "random" },
 * });
 * assert.equal(model.parameterCount(), 3 * 2 * 4 + 4 + 4 * 4 * 2 + 2);
 * assert.deepEqual(model.apply(tf.zeros([5, 2, 4])).shape, [5, 2]);
 * model.dispose();
 * ```
 */
export function cnn(config: CnnConfig = {}): Architecture {
  const filters = config.filters ?? [32, 32];
  const kernelSize = config.kernelSize ?? 5;
  checkWidths("CNN filters", filters);
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0) {
    throw new RangeError(`CNN kernel size must be a positive odd integer: received ${kernelSize}`);
  }
  return {
    name: "cnn",
    version: "1.0.0",
    description: `1-D CNN along the chain: convolutions [${filters}] of width ${kernelSize}, ` +
      "ReLU, flattened into dense logits. Translation-equivariant features, position-aware head.",
    representations: REPRESENTATIONS,
    sizeAgnostic: false,
    build: (options) => buildCnn(options, filters, kernelSize),
  };
}

function buildCnn(
  options: BuildOptions,
  filters: readonly number[],
  kernelSize: number,
): TrainableModel {
  checkBuild("cnn", options, REPRESENTATIONS);
  const { input, seed } = options;
  const [width, channels] = chainLayout(input);
  const depths = [channels, ...filters];
  const kernels = filters.map((count, layer) =>
    heVariable(
      seed,
      `cnn/conv${layer}`,
      [kernelSize, depths[layer], count],
      kernelSize * depths[layer],
    )
  );
  const biases = filters.map((count) => zeroVariable([count]));
  const flat = width * filters[filters.length - 1];
  const classes = outputWidth(options);
  const head = heVariable(seed, "cnn/head", [flat, classes], flat);
  const headBias = zeroVariable([classes]);
  const variables = [...kernels.flatMap((kernel, i) => [kernel, biases[i]]), head, headBias];
  return {
    variables,
    head: headOf(options),
    apply(inputs) {
      checkInputs("cnn", inputs, input.shape);
      return tf.tidy(() => {
        let h = alongChain(input, inputs);
        kernels.forEach((kernel, i) => h = conv1dLayer(h, kernel, biases[i], true));
        return denseLayer(
          tf.reshape(h, [inputs.shape[0], flat]) as tf.Tensor2D,
          head,
          headBias,
          false,
        );
      });
    },
    parameterCount: () => countParameters(variables),
    firstLayerWeights: () =>
      tf.reshape(kernels[0], [kernelSize * channels, filters[0]]) as tf.Tensor2D,
    dispose: () => tf.dispose(variables),
  };
}
