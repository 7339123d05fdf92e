import { tf } from "../tensor/tf.ts";
import { Rng } from "../rng.ts";
import { centralCells } from "../invariants/mod.ts";
import type {
  Architecture,
  BuildOptions,
  Head,
  InitScheme,
  TrainableModel,
} from "./architecture.ts";
import type { InputSpec } from "../data/spec.ts";
import { checkInputs, headOf, windingLogits } from "./_layers.ts";

/** Hyperparameters of {@linkcode topo}. */
export interface TopoConfig {
  /**
   * How the weight matrix `K[j, i]` is parameterized:
   * - `"offset"` (default, size-agnostic): `K[j, i] = κ(j − i)/L'` on the central columns i,
   *   0 elsewhere, one learnable `κ(d)` per offset `|d| < cells` (exact `κ(d) = d`); at other
   *   sizes offsets beyond the trained range extrapolate linearly from the last two;
   * - `"full"`: an unconstrained `cells × cells` matrix (exact `(j − i)/L'` on the central
   *   columns, 0 elsewhere), for the trainability study.
   */
  readonly kernel?: "offset" | "full";
  /** Fraction of cells trimmed at each end (default 1/4, as the labels). */
  readonly trim?: number;
  /** Initial sharpness `s` of the class head (default 10): `logit_c = −s·(ν − w_c)²`. */
  readonly sharpness?: number;
}

/**
 * The exact-invariant tensor network (PHYSICS.md §3; Oriekhov et al. 2025): amplitudes →
 * `Q_AB[j, i] = Σ_k c_k ψ_k^A[j] ψ_k^B[i]` (one learnable weight per state, exact `c_k = 2`) →
 * elementwise square → contraction with `K` → `ν` → a head. The default head is `integer`:
 * `apply` returns `ν` itself, trained with the banded loss `max(|ν − ν_label| − 1/4, 0)²`, so the
 * exact weights are a minimum of the training loss (every scored sample's `ν` is within the band
 * of its label: zero loss, zero gradient) and the network answers any winding, −1 and 2 included.
 * The `class` head is `logit_c = −s·(ν − w_c)²`, a softmax over the distance to each class
 * winding (for windings {0, 1} exactly a sigmoid of slope `2s` around 1/2); its cross-entropy
 * keeps falling as `ν` moves past the winding, so training drifts off the exact weights.
 *
 * Inits: `exact`; `noise` (each weight group plus `σ·rms(exact group)·N(0, 1)`); `random`
 * (`c_k ~ N(0, 1)`, `κ(d) ~ N(0, 1)`, full `K ~ N(0, 1/cells)`); the head starts at `s` always.
 * Symmetries of the network, quotiented out by `distanceFromExact`: the global sign of `c`
 * (`Q → −Q` leaves `Q²`), and the scale trade `c → λc`, `K → K/λ²`.
 *
 * @example At exact initialization ν_net is the real-space winding number
 * ```ts
 * import assert from "node:assert/strict";
 * import { tf } from "../tensor/tf.ts";
 * import { chainFactors, realSpaceWinding } from "../invariants/mod.ts";
 * import { sshChain } from "../lattice/mod.ts";
 * import { amplitudesOf } from "../data/mod.ts";
 * import { topo } from "./topo.ts";
 *
 * const chain = sshChain({ cells: 16, hoppings: { 0: 0.6, 1: 1 } });
 * const model = topo().build({
 *   input: { representation: "amplitudes", cells: 16, shape: [16, 32] },
 *   classWindings: [0, 1], seed: 1, init: { kind: "exact" },
 * });
 * const x = tf.tensor(amplitudesOf(chainFactors(chain)), [1, 16, 32]);
 * const [nu] = await model.invariant!(x).data();
 * assert(Math.abs(nu - realSpaceWinding(chain)) < 1e-4);
 * assert(await model.distanceFromExact!() < 1e-6);
 * model.dispose();
 * ```
 */
export function topo(config: TopoConfig = {}): Architecture {
  const kernel = config.kernel ?? "offset";
  if (kernel !== "offset" && kernel !== "full") {
    throw new RangeError(
      `topo kernel must be "offset" or "full": received ${JSON.stringify(kernel)}`,
    );
  }
  const trim = config.trim ?? 0.25;
  if (!(trim > 0 && trim < 0.5)) {
    throw new RangeError(`topo trim must be in (0, 0.5): received ${trim}`);
  }
  const sharpness = config.sharpness ?? 10;
  if (!(sharpness > 0 && Number.isFinite(sharpness))) {
    throw new RangeError(`topo sharpness must be a positive number: received ${sharpness}`);
  }
  return {
    name: kernel === "offset" ? "topo" : "topo-full",
    version: "1.0.0",
    description: "Exact-invariant tensor network: Q_AB from the eigenstates by a learnable " +
      "bilinear contraction, squared, contracted with learnable position weights to the real-space " +
      `winding number, then a distance head. K parameterized ${
        kernel === "offset" ? "by offset j − i (size-agnostic)" : "as a full matrix"
      }.`,
    representations: ["amplitudes"],
    sizeAgnostic: kernel === "offset",
    exactInvariant: true,
    successNeedsExactWeights: true,
    defaultHead: "integer",
    build: (options) => buildTopo(options, kernel, trim, sharpness),
  };
}

interface Weights {
  readonly stateWeights: tf.Variable; // c, [cells]
  readonly kernel: tf.Variable; // κ, [2·cells − 1] (offset) or K, [cells, cells] (full)
  readonly logSharpness: tf.Variable; // ln s, scalar
}

function exactKernelValues(kind: "offset" | "full", cells: number, trim: number): Float32Array {
  if (kind === "offset") {
    return Float32Array.from({ length: 2 * cells - 1 }, (_, k) => k - (cells - 1));
  }
  const { first, end, count } = centralCells(cells, trim, 1);
  const values = new Float32Array(cells * cells);
  for (let j = 0; j < cells; j++) {
    for (let i = first; i < end; i++) values[j * cells + i] = (j - i) / count;
  }
  return values;
}

function initial(
  exact: Float32Array,
  init: InitScheme,
  rng: Rng,
  randomScale: number,
): Float32Array {
  if (init.kind === "exact") return exact;
  if (init.kind === "random") return exact.map(() => randomScale * rng.normal());
  if (!(init.sigma >= 0 && Number.isFinite(init.sigma))) {
    throw new RangeError(`noise sigma must be a finite number ≥ 0: received ${init.sigma}`);
  }
  const rms = Math.sqrt(exact.reduce((sum, x) => sum + x * x, 0) / exact.length);
  return exact.map((x) => x + init.sigma * rms * rng.normal());
}

function buildTopo(
  options: BuildOptions,
  kind: "offset" | "full",
  trim: number,
  sharpness: number,
): TrainableModel {
  const { input, classWindings, seed, init } = options;
  if (input.representation !== "amplitudes") {
    throw new RangeError(
      `Architecture topo accepts amplitudes: received "${input.representation}"`,
    );
  }
  const cells = input.cells;
  if (input.shape.length !== 2 || input.shape[0] !== cells || input.shape[1] !== 2 * cells) {
    throw new RangeError(
      `An amplitudes input at ${cells} cells has shape [${cells}, ${
        2 * cells
      }]: received [${input.shape}]`,
    );
  }
  centralCells(cells, trim, 1);
  const head = headOf(options, "integer");
  const rng = (name: string) => Rng.stream(seed, "init", "topo", name);
  const exactStates = new Float32Array(cells).fill(2);
  const exactKernel = exactKernelValues(kind, cells, trim);
  const weights: Weights = {
    stateWeights: tf.variable(tf.tensor1d(initial(exactStates, init, rng("states"), 1))),
    kernel: tf.variable(
      kind === "offset"
        ? tf.tensor1d(initial(exactKernel, init, rng("kernel"), 1))
        : tf.tensor2d(initial(exactKernel, init, rng("kernel"), 1 / Math.sqrt(cells)), [
          cells,
          cells,
        ]),
    ),
    logSharpness: tf.variable(tf.scalar(Math.log(sharpness))),
  };
  return topoModel(weights, input, classWindings, kind, trim, head, {
    states: exactStates,
    kernel: exactKernel,
  });
}

function topoModel(
  weights: Weights,
  input: InputSpec,
  classWindings: readonly number[],
  kind: "offset" | "full",
  trim: number,
  head: Head,
  exact: { states: Float32Array; kernel: Float32Array },
): TrainableModel {
  const cells = input.cells;
  const trainedCells = weights.stateWeights.shape[0];
  const centre = centralCells(cells, trim, 1);
  const windings = tf.keep(tf.tensor1d(Array.from(classWindings)));
  // Offset kernel: ν = Σ_d κ(d)·S(d) with S(d) = Σ_{i ∈ centre} Q[i + d, i]² / L', the central
  // diagonal sums of Q², taken by one product with a constant 0/1 matrix (every op of this
  // route has a fast gradient on wasm; a gather's gradient has no wasm kernel).
  const diagonals = tf.keep(
    kind === "offset"
      ? tf.tensor2d(
        (() => {
          const values = new Float32Array(cells * cells * (2 * cells - 1));
          for (let j = 0; j < cells; j++) {
            for (let i = centre.first; i < centre.end; i++) {
              values[(j * cells + i) * (2 * cells - 1) + j - i + cells - 1] = 1 / centre.count;
            }
          }
          return values;
        })(),
        [cells * cells, 2 * cells - 1],
      )
      : tf.zeros([1, 1]),
  );
  const stateWeights = (): tf.Tensor1D =>
    cells === trainedCells
      ? weights.stateWeights as tf.Tensor1D
      : interpolate(weights.stateWeights as tf.Tensor1D, cells);
  const invariant = (inputs: tf.Tensor): tf.Tensor1D =>
    tf.tidy(() => {
      checkInputs("topo", inputs, input.shape);
      const batch = inputs.shape[0];
      const [a, b] = tf.unstack(tf.reshape(inputs, [batch, cells, cells, 2]), 3) as tf.Tensor3D[];
      const weighted = tf.mul(a, tf.reshape(stateWeights(), [1, cells, 1])) as tf.Tensor3D;
      const squares = tf.square(tf.matMul(tf.transpose(weighted, [0, 2, 1]), b)); // Q[j, i]², [batch, j, i]
      if (kind === "full") return tf.sum(tf.mul(squares, weights.kernel), [1, 2]) as tf.Tensor1D;
      const sums = tf.matMul(tf.reshape(squares, [batch, cells * cells]), diagonals as tf.Tensor2D);
      const kappa = extendOffsets(weights.kernel as tf.Tensor1D, trainedCells, cells);
      return tf.reshape(tf.matMul(sums, tf.reshape(kappa, [2 * cells - 1, 1])), [
        batch,
      ]) as tf.Tensor1D;
    });
  const owned = [weights.stateWeights, weights.kernel, weights.logSharpness];
  // The integer head has no sharpness: the variable stays out of what the optimizer sees.
  const variables = head === "integer" ? owned.slice(0, 2) : owned;
  return {
    variables,
    head,
    invariant,
    apply: (inputs) =>
      tf.tidy(() => {
        const nu = tf.reshape(invariant(inputs), [-1, 1]) as tf.Tensor2D;
        if (head === "integer") return nu;
        return windingLogits(nu, windings, weights.logSharpness);
      }),
    parameterCount: () => variables.reduce((sum, variable) => sum + variable.size, 0),
    firstLayerWeights: () =>
      tf.tidy(() => tf.reshape(weights.stateWeights, [-1, 1]) as tf.Tensor2D),
    distanceFromExact: () => distanceToExact(weights, exact),
    resize: (other: InputSpec) => {
      if (kind === "full") {
        throw new RangeError("topo-full is not size-agnostic: its K is cells × cells");
      }
      if (other.representation !== "amplitudes" || other.shape[1] !== 2 * other.cells) {
        throw new RangeError(
          `topo resizes to amplitudes [cells, 2·cells]: received ${other.representation} [${other.shape}]`,
        );
      }
      return topoModel(weights, other, classWindings, kind, trim, head, exact);
    },
    dispose: () => {
      tf.dispose([windings, diagonals]);
      if (cells === trainedCells) tf.dispose(owned);
    },
  };
}

/** Linear interpolation of per-state weights over the normalized state index. */
function interpolate(values: tf.Tensor1D, length: number): tf.Tensor1D {
  const from = values.shape[0];
  const position = Float32Array.from(
    { length },
    (_, k) => (length === 1 ? 0 : (k * (from - 1)) / (length - 1)),
  );
  const lower = Int32Array.from(position, (p) => Math.min(Math.floor(p), from - 2));
  const fraction = Float32Array.from(position, (p, k) => p - lower[k]);
  return tf.tidy(() => {
    const low = tf.gather(values, tf.tensor1d(lower, "int32"));
    const high = tf.gather(values, tf.tensor1d(Int32Array.from(lower, (l) => l + 1), "int32"));
    const t = tf.tensor1d(fraction);
    return tf.add(tf.mul(low, tf.sub(1, t)), tf.mul(high, t)) as tf.Tensor1D;
  });
}

/** κ over offsets `|d| < cells`, extrapolated linearly beyond the trained `|d| < trained`. */
function extendOffsets(kappa: tf.Tensor1D, trained: number, cells: number): tf.Tensor1D {
  if (cells <= trained) return tf.slice(kappa, [trained - cells], [2 * cells - 1]);
  const extra = cells - trained;
  return tf.tidy(() => {
    const steps = tf.tensor1d(Float32Array.from({ length: extra }, (_, k) => k + 1));
    const last = 2 * trained - 2;
    const upperSlope = tf.sub(tf.gather(kappa, [last]), tf.gather(kappa, [last - 1]));
    const lowerSlope = tf.sub(tf.gather(kappa, [0]), tf.gather(kappa, [1]));
    const above = tf.add(tf.gather(kappa, [last]), tf.mul(upperSlope, steps));
    const below = tf.reverse(tf.add(tf.gather(kappa, [0]), tf.mul(lowerSlope, steps)));
    return tf.concat([below, kappa, above]) as tf.Tensor1D;
  });
}

/**
 * Relative distance from the exact weights modulo the symmetries: `c` is brought to the sign and
 * scale of the exact `c` (`λ = sign(Σc)·rms(c_exact)/rms(c)`, `c → λc`, `K → K/λ²`), then
 * `√(‖c − c*‖² + ‖K − K*‖²) / √(‖c*‖² + ‖K*‖²)`.
 */
async function distanceToExact(
  weights: Weights,
  exact: { states: Float32Array; kernel: Float32Array },
): Promise<number> {
  const c = await weights.stateWeights.data();
  const k = await weights.kernel.data();
  const rms = (x: ArrayLike<number>) =>
    Math.sqrt(Array.from(x).reduce((sum, v) => sum + v * v, 0) / x.length);
  const sum = Array.from(c).reduce((total, v) => total + v, 0);
  const scale = rms(c) === 0 ? 1 : (sum < 0 ? -1 : 1) * rms(exact.states) / rms(c);
  let error = 0;
  let norm = 0;
  c.forEach((v, i) => {
    error += (scale * v - exact.states[i]) ** 2;
    norm += exact.states[i] ** 2;
  });
  k.forEach((v, i) => {
    error += (v / (scale * scale) - exact.kernel[i]) ** 2;
    norm += exact.kernel[i] ** 2;
  });
  return Math.sqrt(error / norm);
}
