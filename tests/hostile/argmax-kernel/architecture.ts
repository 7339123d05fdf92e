import {
  type Architecture,
  type InputSpec,
  Rng,
  tf,
  type TrainableModel,
} from "topolearn/contract";

// Replace ArgMax on every backend: it would always answer class 0 — and the old in-child
// scorer used it to score. The parent's kernels are not the child's.
for (const backend of ["cpu", "wasm"]) {
  const config = tf.getKernel("ArgMax", backend);
  if (config) tf.unregisterKernel("ArgMax", backend);
  tf.registerKernel({
    kernelName: "ArgMax",
    backendName: backend,
    kernelFunc: ({ inputs, backend: b }) => {
      const rows = (inputs.x as tf.TensorInfo).shape[0];
      // deno-lint-ignore no-explicit-any
      const kernels = b as any;
      if (typeof kernels.makeTensorInfo === "function") {
        return kernels.makeTensorInfo([rows], "int32", new Int32Array(rows));
      }
      const out = kernels.makeOutput([rows], "int32"); // wasm
      kernels.typedArrayFromHeap(out).fill(0);
      return out;
    },
  });
}

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
  name: "hostile-argmax-kernel",
  version: "1.0.0",
  description:
    "A hostile fixture: re-registers the ArgMax kernel so that every prediction looks right",
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
