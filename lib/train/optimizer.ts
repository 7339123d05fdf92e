import { tf } from "../tensor/tf.ts";
import { adamUpdate } from "../tensor/adam_update.ts";
import { checkSchedule, type LearningRateSchedule } from "./schedule.ts";

/**
 * The optimizers a run can use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OPTIMIZER_KINDS } from "./optimizer.ts";
 *
 * assert.deepEqual(OPTIMIZER_KINDS, ["adam", "sgd"]);
 * ```
 */
export const OPTIMIZER_KINDS = ["adam", "sgd"] as const;

/** An optimizer of {@linkcode OPTIMIZER_KINDS}. */
export type OptimizerKind = typeof OPTIMIZER_KINDS[number];

/** The optimizer of a run. */
export interface OptimizerConfig {
  readonly kind: OptimizerKind;
  /** Base learning rate (positive). */
  readonly learningRate: number;
  /** SGD momentum in [0, 1) (default 0: plain SGD). */
  readonly momentum?: number;
  /** Adam's β₁, β₂, ε (defaults 0.9, 0.999, 1e-7 as in tfjs). */
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Learning-rate schedule (default constant). */
  readonly schedule?: LearningRateSchedule;
}

/** Applies gradients to a fixed list of variables. */
export interface Optimizer {
  /** Updates every variable from its gradient (same order as the variables) at rate `rate`. */
  apply(gradients: readonly tf.Tensor[], rate: number): void;
  /** Frees the optimizer's state (moments, velocities). */
  dispose(): void;
}

/**
 * Checks an optimizer config; throws `RangeError` naming the bad field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOptimizer } from "./optimizer.ts";
 *
 * assert.throws(() => checkOptimizer({ kind: "sgd", learningRate: -1 }), RangeError);
 * ```
 */
export function checkOptimizer(config: OptimizerConfig): void {
  if (!OPTIMIZER_KINDS.includes(config.kind)) {
    throw new RangeError(
      `Optimizer kind must be one of ${OPTIMIZER_KINDS.join(", ")}: received "${config.kind}"`,
    );
  }
  if (!(config.learningRate > 0) || !Number.isFinite(config.learningRate)) {
    throw new RangeError(
      `Learning rate must be positive and finite: received ${config.learningRate}`,
    );
  }
  const momentum = config.momentum ?? 0;
  if (!(momentum >= 0 && momentum < 1)) {
    throw new RangeError(`Momentum must be in [0, 1): received ${momentum}`);
  }
  checkSchedule(config.schedule ?? { kind: "constant" });
}

/**
 * An optimizer over `variables`: Adam (the fused update of {@linkcode adamUpdate}) or SGD with
 * optional momentum (`v ← μ·v + g`, `w ← w − lr·v`). Deterministic.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { createOptimizer } from "./optimizer.ts";
 *
 * const weight = tf.variable(tf.ones([2]));
 * const sgd = createOptimizer({ kind: "sgd", learningRate: 0.5 }, [weight]);
 * sgd.apply([tf.ones([2])], 0.5);
 * assert.deepEqual(await weight.data(), new Float32Array([0.5, 0.5]));
 * sgd.dispose();
 * weight.dispose();
 * ```
 */
export function createOptimizer(
  config: OptimizerConfig,
  variables: readonly tf.Variable[],
): Optimizer {
  checkOptimizer(config);
  const zeros = () =>
    variables.map((variable) => {
      const initial = tf.zerosLike(variable);
      const state = tf.variable(initial, false);
      initial.dispose();
      return state;
    });
  if (config.kind === "adam") {
    const first = zeros();
    const second = zeros();
    let step = 0;
    const hyper = {
      beta1: config.beta1 ?? 0.9,
      beta2: config.beta2 ?? 0.999,
      epsilon: config.epsilon ?? 1e-7,
    };
    return {
      apply(gradients, rate) {
        step++;
        variables.forEach((variable, i) => {
          const [value, m, v] = adamUpdate(variable, first[i], second[i], gradients[i], {
            ...hyper,
            learningRate: rate,
            step,
          });
          replace(variable, value);
          replace(first[i], m);
          replace(second[i], v);
        });
      },
      dispose: () => [...first, ...second].forEach((state) => state.dispose()),
    };
  }
  const momentum = config.momentum ?? 0;
  const velocities = momentum > 0 ? zeros() : [];
  return {
    apply(gradients, rate) {
      variables.forEach((variable, i) => {
        if (momentum > 0) {
          replace(
            velocities[i],
            tf.tidy(() => tf.add(tf.mul(velocities[i], momentum), gradients[i])),
          );
        }
        const direction = momentum > 0 ? velocities[i] : gradients[i];
        replace(variable, tf.tidy(() => tf.sub(variable, tf.mul(direction, rate))));
      });
    },
    dispose: () => velocities.forEach((state) => state.dispose()),
  };
}

function replace(variable: tf.Variable, value: tf.Tensor): void {
  variable.assign(value);
  value.dispose();
}
