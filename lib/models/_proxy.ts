// Private: the proxy baselines' shared shape: a fixed feature map of the input and a linear
// read-out (class logits or the integer head's ν̂), zero-initialized unless the proxy says.
import { tf } from "../tensor/tf.ts";
import type { InputSpec, Representation } from "../data/spec.ts";
import type { Architecture, Badge, BuildOptions, Head, TrainableModel } from "./architecture.ts";
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
  /** L2 penalty `λ` on the read-out weights (ridge); absent: none. */
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
    ...(ridge === undefined
      ? {}
      : { penalty: () => tf.tidy(() => tf.mul(ridge, tf.sum(tf.square(weights))) as tf.Scalar) }),
    parameterCount: () => countParameters(variables),
    firstLayerWeights: () => tf.clone(weights) as tf.Tensor2D,
    dispose: () => {
      features.dispose();
      tf.dispose(variables);
    },
  };
}
