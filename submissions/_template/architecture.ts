// A submission: one module whose default export implements the architecture contract. It imports
// the suite through "topolearn/contract" only (lib/contract.ts, versioned). It runs in a sandbox
// that may read only this folder and the dataset cache: no network, no files written, no
// environment, no subprocesses.
import {
  type Architecture,
  type BuildOptions,
  type InputSpec,
  Rng,
  tf,
  type TrainableModel,
} from "topolearn/contract";

const RANGE = 4; // offsets |d| ≤ RANGE

/** The constant [cells², 2·RANGE + 1] matrix averaging Q[i + d, i]² over the central columns. */
function bandMatrix(cells: number): tf.Tensor2D {
  const first = Math.floor(cells / 4);
  const count = cells - 2 * first;
  const values = new Float32Array(cells * cells * (2 * RANGE + 1));
  for (let i = first; i < cells - first; i++) {
    for (let d = -RANGE; d <= RANGE; d++) {
      const j = i + d;
      if (j >= 0 && j < cells) values[(j * cells + i) * (2 * RANGE + 1) + d + RANGE] = 1 / count;
    }
  }
  return tf.tensor2d(values, [cells * cells, 2 * RANGE + 1]);
}

function model(
  input: InputSpec,
  weights: tf.Variable,
  bias: tf.Variable,
  owner: boolean,
): TrainableModel {
  const cells = input.cells;
  const band = tf.keep(bandMatrix(cells));
  return {
    variables: [weights, bias],
    apply: (inputs) =>
      tf.tidy(() => {
        const squares = tf.reshape(tf.square(inputs), [inputs.shape[0], cells * cells]);
        return tf.add(tf.matMul(tf.matMul(squares, band), weights), bias) as tf.Tensor2D;
      }),
    parameterCount: () => weights.size + bias.size,
    firstLayerWeights: () => tf.clone(weights) as tf.Tensor2D,
    resize: (other) => model(other, weights, bias, false), // shares the weights
    dispose: () => {
      band.dispose();
      if (owner) tf.dispose([weights, bias]);
    },
  };
}

const architecture: Architecture = {
  name: "template-net",
  version: "1.0.0",
  description: "Band moments of Q_AB (|d| ≤ 4, central columns) and a linear head.",
  representations: ["projector"],
  sizeAgnostic: true,
  build(options: BuildOptions): TrainableModel {
    const { input, classWindings, seed } = options;
    if (input.representation !== "projector") {
      throw new RangeError(
        `template-net accepts projector inputs: received "${input.representation}"`,
      );
    }
    const rng = Rng.stream(seed, "init", "template-net");
    const features = 2 * RANGE + 1;
    const initial = Float32Array.from(
      { length: features * classWindings.length },
      () => 0.1 * rng.normal(),
    );
    const weights = tf.variable(tf.tensor2d(initial, [features, classWindings.length]));
    const bias = tf.variable(tf.zeros([classWindings.length]));
    return model(input, weights, bias, true);
  },
};

export default architecture;
