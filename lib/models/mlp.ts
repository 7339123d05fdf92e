import { REPRESENTATIONS } from "../data/spec.ts";
import { tf } from "../tensor/tf.ts";
import type { Architecture, BuildOptions, TrainableModel } from "./architecture.ts";
import {
  checkBuild,
  checkInputs,
  checkWidths,
  countParameters,
  denseLayer,
  headOf,
  heVariable,
  outputWidth,
  zeroVariable,
} from "./_layers.ts";

/** Hyperparameters of {@linkcode mlp}. */
export interface MlpConfig {
  /** Hidden layer widths, input to output (default `[128, 128]`; `[]`: softmax regression). */
  readonly hidden?: readonly number[];
}

/**
 * The multilayer perceptron baseline: the flattened sample, dense ReLU layers, dense logits.
 * Accepts every representation at the size it was built for (not size-agnostic).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { mlp } from "./mlp.ts";
 *
 * const model = mlp({ hidden: [8] }).build({
 *   input: { representation: "projector", cells: 4, shape: [4, 4] },
 *   classWindings: [0, 1],
 *   seed: 1,
 *   init: { kind: "random" },
 * });
 * assert.equal(model.parameterCount(), 16 * 8 + 8 + 8 * 2 + 2);
 * assert.deepEqual(model.apply(tf.zeros([3, 4, 4])).shape, [3, 2]);
 * model.dispose();
 * ```
 */
export function mlp(config: MlpConfig = {}): Architecture {
  const hidden = config.hidden ?? [128, 128];
  checkWidths("MLP hidden widths", hidden);
  return {
    name: "mlp",
    version: "1.0.0",
    description:
      `Multilayer perceptron on the flattened sample, hidden widths [${hidden}], ReLU. ` +
      "The generic baseline: it can use any feature, edge states included.",
    representations: REPRESENTATIONS,
    sizeAgnostic: false,
    build: (options) => buildMlp(options, hidden),
  };
}

function buildMlp(options: BuildOptions, hidden: readonly number[]): TrainableModel {
  checkBuild("mlp", options, REPRESENTATIONS);
  const shape = options.input.shape;
  const features = shape.reduce((product, extent) => product * extent, 1);
  const widths = [features, ...hidden, outputWidth(options)];
  const weights = widths.slice(1).map((width, layer) =>
    heVariable(options.seed, `mlp/dense${layer}`, [widths[layer], width], widths[layer])
  );
  const biases = widths.slice(1).map((width) => zeroVariable([width]));
  const variables = weights.flatMap((weight, layer) => [weight, biases[layer]]);
  return {
    variables,
    head: headOf(options),
    apply(inputs) {
      checkInputs("mlp", inputs, shape);
      return tf.tidy(() => {
        let h = tf.reshape(inputs, [inputs.shape[0], features]) as tf.Tensor2D;
        weights.forEach((weight, layer) => {
          h = denseLayer(h, weight, biases[layer], layer < weights.length - 1);
        });
        return h;
      });
    },
    parameterCount: () => countParameters(variables),
    firstLayerWeights: () => tf.clone(weights[0]) as tf.Tensor2D,
    dispose: () => tf.dispose(variables),
  };
}
