import { tf } from "../tensor/tf.ts";
import type { Architecture, BuildOptions, TrainableModel } from "./architecture.ts";
import type { InputSpec } from "../data/spec.ts";
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
import { bandGather } from "./_band.ts";

/** Hyperparameters of {@linkcode symmetric}. */
export interface SymmetricConfig {
  /** Largest offset `|j − i|` a column feature sees (default 8). */
  readonly range?: number;
  /** Widths of the per-column network (default `[32, 32]`). */
  readonly hidden?: readonly number[];
  /** Fraction of cells dropped at each end before pooling (default 1/4, as the RSWN). */
  readonly trim?: number;
}

/**
 * The symmetry-informed baseline. Input: the projector block `Q_AB[j, i]`, which is
 * gauge-invariant (it does not depend on the eigenvectors' signs or on the basis of degenerate
 * states). For every central column `i` it reads the band `b_d(i) = Q[i + d, i]`,
 * `|d| ≤ range` (zero beyond the chain), and its squares `b_d(i)²`; one ReLU network, shared by
 * all columns (a translation-equivariant convolution in the diagonal direction), maps them to
 * features that are averaged over the central columns (translation-invariant pooling), then
 * dense logits. No weight depends on the size, so `resize` serves any chain length.
 *
 * It can express the invariant: `ν = (1/L')·Σ_{i ∈ centre} Σ_d d·b_d(i)²` is one linear unit
 * on the squares (split into two ReLUs) followed by the mean over columns.
 *
 * @example A model trained at 12 cells evaluates at 20
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { symmetric } from "./symmetric.ts";
 *
 * const model = symmetric({ range: 2, hidden: [4] }).build({
 *   input: { representation: "projector", cells: 12, shape: [12, 12] },
 *   classWindings: [0, 1],
 *   seed: 1,
 *   init: { kind: "random" },
 * });
 * assert.equal(model.parameterCount(), 10 * 4 + 4 + 4 * 2 + 2);
 * const larger = model.resize!({ representation: "projector", cells: 20, shape: [20, 20] });
 * assert.deepEqual(larger.apply(tf.zeros([3, 20, 20])).shape, [3, 2]);
 * larger.dispose();
 * model.dispose();
 * ```
 */
export function symmetric(config: SymmetricConfig = {}): Architecture {
  const range = config.range ?? 8;
  const hidden = config.hidden ?? [32, 32];
  const trim = config.trim ?? 0.25;
  if (!Number.isInteger(range) || range < 0) {
    throw new RangeError(`Symmetric range must be a non-negative integer: received ${range}`);
  }
  checkWidths("Symmetric hidden widths", hidden);
  if (!(trim >= 0 && trim < 0.5)) {
    throw new RangeError(`Symmetric trim must be in [0, 0.5): received ${trim}`);
  }
  return {
    name: "symmetric",
    version: "1.0.0",
    description: `Symmetry-informed network on the projector Q_AB: band features Q[i+d, i] and ` +
      `their squares (|d| ≤ ${range}) per column, a shared ReLU network [${hidden}], mean over ` +
      `the central columns (trim ${trim}), dense logits. Gauge-invariant, translation-invariant, ` +
      "size-agnostic.",
    representations: ["projector"],
    sizeAgnostic: true,
    build: (options) => buildSymmetric(options, range, hidden, trim),
  };
}

function buildSymmetric(
  options: BuildOptions,
  range: number,
  hidden: readonly number[],
  trim: number,
): TrainableModel {
  checkBuild("symmetric", options, ["projector"]);
  const widths = [2 * (2 * range + 1), ...hidden];
  const weights = hidden.map((width, layer) =>
    heVariable(options.seed, `symmetric/column${layer}`, [widths[layer], width], widths[layer])
  );
  const biases = hidden.map((width) => zeroVariable([width]));
  const classes = outputWidth(options);
  const last = widths[widths.length - 1];
  const head = heVariable(options.seed, "symmetric/head", [last, classes], last);
  const headBias = zeroVariable([classes]);
  const variables = [...weights.flatMap((weight, i) => [weight, biases[i]]), head, headBias];
  const at = (spec: InputSpec, owner: boolean): TrainableModel => {
    if (spec !== options.input) {
      checkBuild("symmetric", { ...options, input: spec }, ["projector"]);
    }
    const band = bandGather(spec.cells, range, trim);
    return {
      variables,
      head: headOf(options),
      apply(inputs) {
        checkInputs("symmetric", inputs, spec.shape);
        return tf.tidy(() => {
          const values = band.apply(inputs);
          let h = tf.concat([values, tf.square(values)], 1) as tf.Tensor2D;
          weights.forEach((weight, i) => h = denseLayer(h, weight, biases[i], true));
          const pooled = tf.mean(tf.reshape(h, [inputs.shape[0], band.columns, last]), 1);
          return denseLayer(pooled as tf.Tensor2D, head, headBias, false);
        });
      },
      parameterCount: () => countParameters(variables),
      firstLayerWeights: () => tf.clone(weights[0] ?? head) as tf.Tensor2D,
      resize: (next) => at(next, false),
      dispose: () => {
        band.dispose();
        if (owner) tf.dispose(variables);
      },
    };
  };
  return at(options.input, true);
}
