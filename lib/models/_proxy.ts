import { solveLinear } from "../linalg/mod.ts";
// Private: the proxy baselines' shared shape: a fixed feature map of the input and a linear
// read-out (class logits or the integer head's ν̂), zero-initialized unless the proxy says.
import { tf } from "../tensor/tf.ts";
import type { InputSpec, Representation } from "../data/spec.ts";
import type {
  Architecture,
  Badge,
  BuildOptions,
  Head,
  LabelledBatch,
  TrainableModel,
} from "./architecture.ts";
import { checkBuild, checkInputs, countParameters, headOf, outputWidth } from "./_layers.ts";

/** A feature map at one input: its width and the features of a batch. */
export interface FeatureMap {
  readonly width: number;
  compute(inputs: tf.Tensor): tf.Tensor2D;
  dispose(): void;
}

/** What a proxy is: the feature map, and optionally its starting read-out and a ridge penalty. */
export interface ProxyDefinition {
  readonly name: string;
  readonly description: string;
  readonly representation: Representation;
  readonly badges: readonly Badge[];
  readonly defaultHead?: Head;
  /**
   * L2 penalty `λ` on the read-out weights (ridge): fitted in closed form before training,
   * `min Σ‖y − Xw − b‖² / n + λ‖w‖²`, targets the winding (integer head) or the one-hot class;
   * the same penalty stays in the training loss. Absent: none, no fit.
   */
  readonly ridge?: number;
  /** Why the input lacks the feature, or null. */
  readonly unavailable?: (input: InputSpec) => string | null;
  readonly features: (input: InputSpec) => FeatureMap;
  /** Starting read-out `{ weights [width·outputs], bias [outputs] }`; absent: zeros. */
  readonly start?: (
    head: Head,
    classWindings: readonly number[],
    width: number,
  ) => { weights: number[]; bias: number[] } | null;
}

/** The architecture of a proxy definition. */
export function proxyArchitecture(definition: ProxyDefinition): Architecture {
  return {
    name: definition.name,
    version: "1.0.0",
    description: definition.description,
    representations: [definition.representation],
    sizeAgnostic: false,
    badges: definition.badges,
    ...(definition.defaultHead ? { defaultHead: definition.defaultHead } : {}),
    inputUnavailable: (input) =>
      input.representation !== definition.representation
        ? `${definition.name} reads ${definition.representation}: received ${input.representation}`
        : definition.unavailable?.(input) ?? null,
    build: (options) => buildProxy(definition, options),
  };
}

function buildProxy(definition: ProxyDefinition, options: BuildOptions): TrainableModel {
  const head = headOf(options, definition.defaultHead ?? "class");
  const resolved = { ...options, head };
  checkBuild(definition.name, resolved, [definition.representation]);
  const reason = definition.unavailable?.(options.input);
  if (reason) throw new RangeError(reason);
  const features = definition.features(options.input);
  const outputs = outputWidth(resolved);
  const start = definition.start?.(head, options.classWindings, features.width) ?? null;
  const weights = tf.variable(
    start
      ? tf.tensor2d(start.weights, [features.width, outputs])
      : tf.zeros([features.width, outputs]),
  );
  const bias = tf.variable(start ? tf.tensor1d(start.bias) : tf.zeros([outputs]));
  const variables = [weights, bias];
  const ridge = definition.ridge;
  return {
    variables,
    head,
    apply(inputs) {
      checkInputs(definition.name, inputs, options.input.shape);
      return tf.tidy(() =>
        tf.add(tf.matMul(features.compute(inputs), weights), bias) as tf.Tensor2D
      );
    },
    ...(ridge === undefined ? {} : {
      penalty: () => tf.tidy(() => tf.mul(ridge, tf.sum(tf.square(weights))) as tf.Scalar),
      fit: async (samples: Iterable<LabelledBatch>) => {
        const solution = await ridgeFit(samples, features, options, head, ridge);
        if (solution === null) return;
        weights.assign(tf.tensor2d(solution.weights, [features.width, outputs]));
        bias.assign(tf.tensor1d(solution.bias));
      },
    }),
    parameterCount: () => countParameters(variables),
    firstLayerWeights: () => tf.clone(weights) as tf.Tensor2D,
    dispose: () => {
      features.dispose();
      tf.dispose(variables);
    },
  };
}

/**
 * The ridge solution over `samples` in float64: the normal equations with the intercept
 * unpenalized, `(XᵀX/n + λI′) [w; b] = XᵀY/n`, solved by Gaussian elimination with partial
 * pivoting. `null` when there are no samples.
 */
async function ridgeFit(
  samples: Iterable<LabelledBatch>,
  features: FeatureMap,
  options: BuildOptions,
  head: Head,
  ridge: number,
): Promise<{ weights: number[]; bias: number[] } | null> {
  const width = features.width + 1; // the last column is the intercept
  const outputs = head === "integer" ? 1 : options.classWindings.length;
  const gram = new Float64Array(width * width);
  const moment = new Float64Array(width * outputs);
  let count = 0;
  for (const batch of samples) {
    const x = tf.tensor(batch.inputs, [batch.size, ...options.input.shape], "float32");
    const f = features.compute(x);
    const values = await f.data();
    tf.dispose([x, f]);
    const row = new Float64Array(width);
    for (let s = 0; s < batch.size; s++) {
      for (let k = 0; k < features.width; k++) row[k] = values[s * features.width + k];
      row[width - 1] = 1;
      const label = batch.labels[s];
      for (let a = 0; a < width; a++) {
        const ra = row[a];
        if (ra === 0) continue;
        for (let b = 0; b < width; b++) gram[a * width + b] += ra * row[b];
        if (head === "integer") moment[a] += ra * options.classWindings[label];
        else moment[a * outputs + label] += ra;
      }
    }
    count += batch.size;
  }
  if (count === 0) return null;
  for (let k = 0; k < gram.length; k++) gram[k] /= count;
  for (let k = 0; k < moment.length; k++) moment[k] /= count;
  for (let k = 0; k < width - 1; k++) gram[k * width + k] += ridge;
  const solution = solveLinear(gram, moment, width, outputs);
  return {
    weights: Array.from(solution.subarray(0, (width - 1) * outputs)),
    bias: Array.from(solution.subarray((width - 1) * outputs)),
  };
}
