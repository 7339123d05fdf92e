/**
 * The proxy baselines (issue 12 §5): a fixed feature of the input and a linear read-out, badged
 * `baseline` (and `oracle` where the feature is the physics answer), so that every board shows
 * what "beating a proxy" means on its data. Each trains like any architecture (class or integer
 * head, zero-initialized read-out), at a fraction of a network's cost.
 *
 * @module
 */
import { tf } from "../tensor/tf.ts";
import { centralCells } from "../invariants/mod.ts";
import type { InputSpec } from "../data/spec.ts";
import type { Architecture } from "./architecture.ts";
import { type FeatureMap, proxyArchitecture } from "./_proxy.ts";

const BASELINE = ["baseline"] as const;

function featureMap(width: number, compute: (inputs: tf.Tensor) => tf.Tensor2D): FeatureMap {
  return { width, compute: (inputs) => tf.tidy(() => compute(inputs)), dispose() {} };
}

/**
 * `edge-threshold`: a threshold on the first edge amplitude, `√2·|ψ_0(A_1)|` (the lowest
 * positive-energy state on the first site, `amplitudes`): large in the topological phase, where
 * that state is the left edge mode, small in the trivial one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { edgeThreshold } from "./proxy_baselines.ts";
 *
 * const model = edgeThreshold().build({
 *   input: { representation: "amplitudes", cells: 8, shape: [8, 16] },
 *   classWindings: [0, 1], seed: 0, init: { kind: "random" },
 * });
 * assert.deepEqual(edgeThreshold().badges, ["baseline"]);
 * assert.equal(model.parameterCount(), 1 * 2 + 2);
 * assert.deepEqual(model.apply(tf.zeros([3, 8, 16])).shape, [3, 2]);
 * model.dispose();
 * ```
 */
export function edgeThreshold(): Architecture {
  return proxyArchitecture({
    name: "edge-threshold",
    description: "Proxy baseline: a threshold on the first edge amplitude √2·|ψ₀(A₁)| " +
      "(the lowest positive-energy state on the first site).",
    representation: "amplitudes",
    badges: BASELINE,
    features: () =>
      featureMap(
        1,
        (x) => tf.mul(Math.SQRT2, tf.abs(tf.reshape(tf.slice(x, [0, 0, 0], [-1, 1, 1]), [-1, 1]))),
      ),
  });
}

/**
 * `logistic-q2`: logistic regression on the squared entries `Q_AB[j, i]²` (`projector`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logisticQ2 } from "./proxy_baselines.ts";
 *
 * const model = logisticQ2().build({
 *   input: { representation: "projector", cells: 8, shape: [8, 8] },
 *   classWindings: [0, 1], seed: 0, init: { kind: "random" },
 * });
 * assert.equal(model.parameterCount(), 64 * 2 + 2);
 * model.dispose();
 * ```
 */
export function logisticQ2(): Architecture {
  return proxyArchitecture({
    name: "logistic-q2",
    description: "Proxy baseline: logistic regression on the squared entries Q_AB[j, i]².",
    representation: "projector",
    badges: BASELINE,
    features: (input) =>
      featureMap(input.cells * input.cells, (x) => tf.reshape(tf.square(x), [x.shape[0], -1])),
  });
}

/**
 * `logistic-hamiltonian`: logistic regression on the hoppings (`hamiltonian`, every channel).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logisticHamiltonian } from "./proxy_baselines.ts";
 *
 * const model = logisticHamiltonian().build({
 *   input: { representation: "hamiltonian", cells: 8, shape: [8, 2] },
 *   classWindings: [0, 1], seed: 0, init: { kind: "random" },
 * });
 * assert.equal(model.parameterCount(), 16 * 2 + 2);
 * model.dispose();
 * ```
 */
export function logisticHamiltonian(): Architecture {
  return proxyArchitecture({
    name: "logistic-hamiltonian",
    description: "Proxy baseline: logistic regression on the hoppings of the Hamiltonian.",
    representation: "hamiltonian",
    badges: BASELINE,
    features: (input) =>
      featureMap(input.cells * input.shape[1], (x) => tf.reshape(x, [x.shape[0], -1])),
  });
}

/** The scale of the Lyapunov feature: `φ = tanh(10·(⟨ln|w|⟩ − ⟨ln|v|⟩))`. */
const LYAPUNOV_SCALE = 10;

/**
 * `lyapunov-threshold`: the physics oracle of the plain chain, the sign of
 * `⟨ln|w_n|⟩ − ⟨ln|v_n|⟩` (PHYSICS.md §2; winding 1 where positive), read as
 * `φ = tanh(10·(⟨ln|w|⟩ − ⟨ln|v|⟩))` with a linear read-out that starts at the sign rule
 * (class logits `(−5φ, 5φ)`; integer head `ν̂ = (1 + φ)/2`). Badged `oracle`. Plain chains
 * only (`hamiltonian` with 2 channels, or 3 with on-site energies): elsewhere not applicable.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { lyapunovThreshold } from "./proxy_baselines.ts";
 *
 * const model = lyapunovThreshold().build({
 *   input: { representation: "hamiltonian", cells: 4, shape: [4, 2] },
 *   classWindings: [0, 1], seed: 0, init: { kind: "random" }, head: "integer",
 * });
 * // v = 0.5, w = 1: topological; v = 2, w = 1: trivial (the last row's w is no bond).
 * const x = tf.tensor3d([[[0.5, 1], [0.5, 1], [0.5, 1], [0.5, 0]], [[2, 1], [2, 1], [2, 1], [2, 0]]]);
 * assert.deepEqual(Array.from(await tf.round(model.apply(x)).data()), [1, 0]);
 * assert.equal(lyapunovThreshold().inputUnavailable!({ representation: "hamiltonian", cells: 4, shape: [4, 4] })?.includes("plain"), true);
 * model.dispose();
 * ```
 */
export function lyapunovThreshold(): Architecture {
  const unavailable = (input: InputSpec) =>
    input.representation === "hamiltonian" && input.shape[1] !== 2 && input.shape[1] !== 3
      ? `lyapunov-threshold reads the plain chain's v and w: received ${
        input.shape[1]
      } hamiltonian channels (plain: 2, or 3 with on-site energies)`
      : null;
  return proxyArchitecture({
    name: "lyapunov-threshold",
    description: "Physics oracle: the sign of ⟨ln|w_n|⟩ − ⟨ln|v_n|⟩ (the Lyapunov-exponent " +
      "criterion of the plain chain), as tanh(10·Δ) with a linear read-out.",
    representation: "hamiltonian",
    badges: ["baseline", "oracle"],
    unavailable,
    features: (input) => {
      const cells = input.cells;
      return featureMap(1, (x) => {
        const logAbs = (t: tf.Tensor) => tf.log(tf.maximum(tf.abs(t), 1e-12));
        const v = tf.slice(x, [0, 0, 0], [-1, cells, 1]);
        const w = tf.slice(x, [0, 0, 1], [-1, cells - 1, 1]);
        const delta = tf.sub(tf.mean(logAbs(w), [1, 2]), tf.mean(logAbs(v), [1, 2]));
        return tf.reshape(tf.tanh(tf.mul(LYAPUNOV_SCALE, delta)), [-1, 1]) as tf.Tensor2D;
      });
    },
    start: (head, windings) => {
      if (head === "integer") return { weights: [0.5], bias: [0.5] };
      // Class logits: −5φ for winding 0, +5φ for winding 1, 0 for any other class.
      const weights = windings.map((w) => (w === 0 ? -5 : w === 1 ? 5 : 0));
      return { weights, bias: windings.map(() => 0) };
    },
  });
}

/** The ridge penalty `λ` of {@linkcode ridgeOffsetSums}. */
const RIDGE = 1e-3;

/**
 * `ridge-offset-sums`: ridge regression (`λ = 1e-3`) on the offset sums
 * `S(d) = (1/L′)·Σ_{i∈centre} Q_AB[i + d, i]²`, `|d| < cells` (`projector`, the central
 * columns as the labels trim them), integer head by default. The RSWN is exactly `Σ_d d·S(d)`
 * (PHYSICS.md §3), so this proxy can express the invariant: the line between a feature and the
 * answer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ridgeOffsetSums } from "./proxy_baselines.ts";
 *
 * const model = ridgeOffsetSums().build({
 *   input: { representation: "projector", cells: 8, shape: [8, 8] },
 *   classWindings: [0, 1], seed: 0, init: { kind: "random" },
 * });
 * assert.equal(model.head, "integer");
 * assert.equal(model.parameterCount(), 15 + 1);
 * model.dispose();
 * ```
 */
export function ridgeOffsetSums(): Architecture {
  return proxyArchitecture({
    name: "ridge-offset-sums",
    description: "Proxy baseline: ridge regression (λ = 1e-3) on the offset sums " +
      "S(d) = (1/L′)·Σ_{i∈centre} Q_AB[i+d, i]²; integer head by default.",
    representation: "projector",
    badges: BASELINE,
    defaultHead: "integer",
    ridge: RIDGE,
    features: (input) => {
      const cells = input.cells;
      const centre = centralCells(cells, 0.25, 1);
      const offsets = 2 * cells - 1;
      const values = new Float32Array(cells * cells * offsets);
      for (let j = 0; j < cells; j++) {
        for (let i = centre.first; i < centre.end; i++) {
          values[(j * cells + i) * offsets + j - i + cells - 1] = 1 / centre.count;
        }
      }
      const sums = tf.tensor2d(values, [cells * cells, offsets]);
      return {
        width: offsets,
        compute: (x) =>
          tf.tidy(() =>
            tf.matMul(tf.reshape(tf.square(x), [x.shape[0], cells * cells]), sums) as tf.Tensor2D
          ),
        dispose: () => sums.dispose(),
      };
    },
  });
}
