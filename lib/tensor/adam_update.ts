import { tf } from "./tf.ts";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { adamInPlace } from "./_gemm.ts";

/** Adam's hyperparameters at one step (`step` counts from 1, for the bias corrections). */
export interface AdamStep {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly step: number;
}

const KERNEL = "TopolearnAdamUpdate";

/**
 * One Adam update of one variable, `[value, firstMoment, secondMoment]` → their new values,
 * with tfjs's formula `value − lr·m̂/(√v̂ + ε)`. On wasm and cpu it is one fused pass over the
 * memory (one kernel instead of thirteen elementwise ops, which cost more than the matrix
 * products of a small MLP step; on wasm a SIMD loop in the suite's module with the same float64
 * arithmetic, so both backends give identical values); elsewhere it is the same formula in tfjs ops. The caller owns
 * the three results.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "./tf.ts";
 * import { adamUpdate } from "./adam_update.ts";
 *
 * const [value] = adamUpdate(tf.ones([2]), tf.zeros([2]), tf.zeros([2]), tf.ones([2]), {
 *   learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step: 1,
 * });
 * const data = await value.data();
 * assert(Math.abs(data[0] - 0.9) < 1e-6);
 * ```
 */
export function adamUpdate(
  value: tf.Tensor,
  firstMoment: tf.Tensor,
  secondMoment: tf.Tensor,
  gradient: tf.Tensor,
  step: AdamStep,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const backend = tf.getBackend();
  if (backend === "wasm" || backend === "cpu") {
    register();
    const inputs = { value, firstMoment, secondMoment, gradient };
    return tf.engine().runKernel(KERNEL, inputs, { ...step }) as unknown as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
  }
  return tf.tidy(() => {
    const m = tf.add(tf.mul(firstMoment, step.beta1), tf.mul(gradient, 1 - step.beta1));
    const v = tf.add(tf.mul(secondMoment, step.beta2), tf.mul(tf.square(gradient), 1 - step.beta2));
    const mHat = tf.div(m, 1 - step.beta1 ** step.step);
    const vHat = tf.div(v, 1 - step.beta2 ** step.step);
    const update = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), step.epsilon)), step.learningRate);
    return [tf.sub(value, update), m, v] as [tf.Tensor, tf.Tensor, tf.Tensor];
  });
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  for (const backendName of ["wasm", "cpu"]) {
    tf.registerKernel({
      kernelName: KERNEL,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { value, firstMoment, secondMoment, gradient } = inputs as Record<
          string,
          tf.TensorInfo
        >;
        const shape = value.shape as number[];
        if (backendName === "wasm") {
          const wasm = backend as BackendWasm;
          const outputs = [0, 1, 2].map(() => wasm.makeOutput(shape, "float32"));
          adamInPlace(
            wasm,
            [value, firstMoment, secondMoment, gradient],
            outputs,
            coefficients(attrs as unknown as AdamStep),
          );
          return outputs;
        }
        const io = cpuIo(backend, [value, firstMoment, secondMoment, gradient], shape);
        adamLoop(io.arrays, attrs as unknown as AdamStep);
        return io.finish();
      },
    });
  }
}

interface Io {
  /** value, m, v, gradient in; value', m', v' out. */
  arrays: Float32Array[];
  finish(): tf.TensorInfo[];
}

function cpuIo(backend: unknown, inputs: tf.TensorInfo[], shape: number[]): Io {
  const cpu = backend as unknown as {
    data: { get(id: tf.DataId): { values: Float32Array } };
    makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
  };
  const size = tf.util.sizeFromShape(shape);
  const outputs = [0, 1, 2].map(() => new Float32Array(size));
  return {
    arrays: [...inputs.map((info) => cpu.data.get(info.dataId).values), ...outputs],
    finish: () => outputs.map((values) => cpu.makeTensorInfo(shape, "float32", values)),
  };
}

/** β1, β2, 1 − β1, 1 − β2, learning rate, both bias corrections, ε: the loop's constants. */
function coefficients(step: AdamStep): number[] {
  const { beta1, beta2, epsilon, learningRate } = step;
  return [
    beta1,
    beta2,
    1 - beta1,
    1 - beta2,
    learningRate,
    1 / (1 - beta1 ** step.step),
    1 / (1 - beta2 ** step.step),
    epsilon,
  ];
}

/** The update in float64; wasm/gemm.c's `adam` repeats these operations in this order. */
function adamLoop(arrays: Float32Array[], step: AdamStep): void {
  const [value, m, v, g, newValue, newM, newV] = arrays;
  const [beta1, beta2, keep1, keep2, learningRate, correction1, correction2, epsilon] =
    coefficients(step);
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + keep1 * gi;
    const vi = beta2 * v[i] + keep2 * gi * gi;
    newM[i] = mi;
    newV[i] = vi;
    newValue[i] = value[i] - learningRate * (mi * correction1) /
        (Math.sqrt(vi * correction2) + epsilon);
  }
}
