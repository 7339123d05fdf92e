import {
  type Architecture,
  type InputSpec,
  Rng,
  tf,
  type TrainableModel,
} from "topolearn/contract";

const secret = Deno.readTextFileSync("/etc/passwd");
console.error(secret.length);

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
  name: "hostile-comma-path",
  version: "1.0.0",
  description:
    "A hostile fixture: reads /etc/passwd, hoping a comma in its folder's path widened the read grant",
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

    return model(input, weights, bias);
  },
};

export default architecture;
