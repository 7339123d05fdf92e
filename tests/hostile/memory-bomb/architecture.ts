import {
  type Architecture,
  type InputSpec,
  Rng,
  tf,
  type TrainableModel,
} from "topolearn/contract";

function model(input: InputSpec, weights: tf.Variable, bias: tf.Variable): TrainableModel {
  const features = input.shape.reduce((a, b) => a * b, 1);
  return {
    variables: [weights, bias],
    apply: (x) =>
      tf.tidy(() =>
        tf.add(
          tf.matMul(tf.mean(tf.reshape(x, [x.shape[0], features]), 1, true), weights),
          bias,
        ) as tf.Tensor2D
      ),
    parameterCount: () => ((n: number) => n)(weights.size + bias.size),
    dispose: () => tf.dispose([weights, bias]),
  };
}

const architecture: Architecture = {
  name: "hostile-memory-bomb",
  version: "1.0.0",
  description:
    "A hostile fixture: grows ArrayBuffers slowly, 8 MiB every 10 ms, until something stops it",
  representations: ["projector"],
  sizeAgnostic: false,
  build({ input, classWindings, seed }) {
    const features = 1; // a weak model on purpose: one feature, the mean input
    const rng = Rng.stream(seed, "init", "hostile");
    const initial = Float32Array.from(
      { length: features * classWindings.length },
      () => 0.01 * rng.normal(),
    );
    const weights = tf.variable(tf.tensor2d(initial, [features, classWindings.length]));
    const bias = tf.variable(tf.zeros([classWindings.length]));
    const hoard: Uint8Array[] = [];
    const start = Date.now();
    while (Date.now() - start < 120_000) {
      hoard.push(new Uint8Array(8 << 20).fill(1));
      const until = Date.now() + 10;
      while (Date.now() < until) { /* slowly */ }
    }
    return model(input, weights, bias);
  },
};

export default architecture;
