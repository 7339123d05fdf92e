import { centralCells } from "../invariants/mod.ts";
import { usableIndices } from "./batches.ts";
import type { DatasetFile } from "./dataset_file.ts";
import { fitLogistic, fitRidge, fitThreshold, type Predictor } from "./_proxy_fit.ts";
import { classWindingsOf, PARAMETER_NAMES } from "./sample.ts";
import type { Representation, Split } from "./spec.ts";

/** The trivial proxies a dataset card scores, in card order. */
export const PROXY_BASELINES = [
  "edge-threshold",
  "logistic-qab2",
  "logistic-hamiltonian",
  "lyapunov-oracle",
  "ridge-offset-sums",
  "disorder-threshold",
] as const;

/** A name of {@linkcode PROXY_BASELINES}. */
export type ProxyBaselineName = typeof PROXY_BASELINES[number];

/** One proxy's score on a dataset. */
export interface ProxyBaselineScore {
  readonly name: ProxyBaselineName;
  /** `oracle` for the physics oracle (`⟨ln|w|⟩ − ⟨ln|v|⟩`), else `baseline`. */
  readonly badge: "baseline" | "oracle";
  /** What the proxy sees, in words. */
  readonly input: string;
  /** Test accuracy (ambiguous samples left out), or `null` where the proxy does not apply. */
  readonly accuracy: number | null;
  /** Why it does not apply, where it does not. */
  readonly reason?: string;
}

interface Proxy {
  readonly name: ProxyBaselineName;
  readonly badge: "baseline" | "oracle";
  readonly input: string;
  readonly representation: Representation | null;
  /** A reason it does not apply to the file, or null. */
  readonly inapplicable: (file: DatasetFile) => string | null;
  /** Features of the samples `indices` of `split`: `[rows, columns]` row-major. */
  readonly features: (file: DatasetFile, split: Split, indices: Int32Array) => Float64Array;
  readonly fit: (
    x: Float64Array,
    labels: Int32Array,
    columns: number,
    windings: readonly number[],
  ) => Predictor;
}

const threshold = (x: Float64Array, labels: Int32Array, _c: number, windings: readonly number[]) =>
  fitThreshold(x, labels, windings.length);
const logistic = (x: Float64Array, labels: Int32Array, c: number, windings: readonly number[]) =>
  fitLogistic(x, labels, c, windings.length);

function read(
  file: DatasetFile,
  split: Split,
  representation: Representation,
  indices: Int32Array,
) {
  return file.readSamples(split, representation, indices);
}

const PROXIES: readonly Proxy[] = [
  {
    name: "edge-threshold",
    badge: "baseline",
    input: "|first amplitude| (site A1) of the lowest-|E| state",
    representation: "amplitudes",
    inapplicable: () => null,
    features: (file, split, indices) => {
      const data = read(file, split, "amplitudes", indices);
      const size = data.length / indices.length;
      return Float64Array.from(indices, (_, k) => Math.abs(data[k * size]));
    },
    fit: threshold,
  },
  {
    name: "logistic-qab2",
    badge: "baseline",
    input: "logistic regression on every Q_AB[j, i]²",
    representation: "projector",
    inapplicable: () => null,
    features: (file, split, indices) =>
      Float64Array.from(read(file, split, "projector", indices), (q) => q * q),
    fit: logistic,
  },
  {
    name: "logistic-hamiltonian",
    badge: "baseline",
    input: "logistic regression on the hoppings (hamiltonian representation)",
    representation: "hamiltonian",
    inapplicable: () => null,
    features: (file, split, indices) =>
      Float64Array.from(read(file, split, "hamiltonian", indices)),
    fit: logistic,
  },
  {
    name: "lyapunov-oracle",
    badge: "oracle",
    input: "⟨ln|w_n|⟩ − ⟨ln|v_n|⟩ of the sample's own hoppings, thresholded",
    representation: "hamiltonian",
    inapplicable: (file) => file.spec.model === "plain" ? null : "plain chains only",
    features: (file, split, indices) => {
      const data = read(file, split, "hamiltonian", indices);
      const cells = file.spec.cells;
      const channels = data.length / indices.length / cells;
      return Float64Array.from(indices, (_, k) => {
        let v = 0;
        let w = 0;
        for (let n = 0; n < cells; n++) {
          const at = (k * cells + n) * channels;
          v += Math.log(Math.abs(data[at]) || 1e-300);
          if (n < cells - 1) w += Math.log(Math.abs(data[at + 1]) || 1e-300);
        }
        return w / (cells - 1) - v / cells;
      });
    },
    fit: threshold,
  },
  {
    name: "ridge-offset-sums",
    badge: "baseline",
    input: "ridge regression on S(d) = (1/L′)·Σ_{i∈centre} Q_AB[i+d, i]²",
    representation: "projector",
    inapplicable: () => null,
    features: (file, split, indices) => {
      const { cells, labels, model } = file.spec;
      const centre = centralCells(cells, labels.trim, model === "plain" ? 1 : 2);
      const reach = centre.first;
      const columns = 2 * reach + 1;
      const data = read(file, split, "projector", indices);
      const out = new Float64Array(indices.length * columns);
      for (let k = 0; k < indices.length; k++) {
        for (let d = -reach; d <= reach; d++) {
          let sum = 0;
          for (let i = centre.first; i < centre.end; i++) {
            const q = data[k * cells * cells + (i + d) * cells + i];
            sum += q * q;
          }
          out[k * columns + d + reach] = sum / centre.count;
        }
      }
      return out;
    },
    fit: (x, labels, columns, windings) => fitRidge(x, labels, columns, windings),
  },
  {
    name: "disorder-threshold",
    badge: "baseline",
    input: "the drawn disorder strength W1, thresholded",
    representation: null,
    inapplicable: (file) =>
      typeof file.spec.disorder?.intracell === "object" ? null : "W1 is not drawn per sample",
    features: (file, split, indices) => {
      const parameters = file.labels(split).parameters;
      const column = PARAMETER_NAMES.indexOf("intracellDisorder");
      return Float64Array.from(
        indices,
        (index) => parameters[index * PARAMETER_NAMES.length + column],
      );
    },
    fit: threshold,
  },
];

/**
 * The accuracy of each trivial proxy ({@linkcode PROXY_BASELINES}) on a dataset: fitted on
 * the train split, scored on the test split, ambiguous samples left out; float64 and
 * deterministic (closed-form ridge, fixed-step gradient descent for the logistic fits, exact
 * threshold scans; more than two classes: one-against-the-rest logistic regressions and 20
 * quantile bins for 1-D proxies). A proxy is `null` with a reason where its input is not stored,
 * the dataset has no train or test samples, or it does not apply. `only` picks some, in card
 * order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildDataset, DatasetFile, datasetSpec, proxyBaselines } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 40, validation: 0, test: 20 }, seed: 1,
 * });
 * const path = await Deno.makeTempFile({ suffix: ".tlds" });
 * await buildDataset(spec, path, { workers: 1 });
 * const file = await DatasetFile.open(path);
 * const scores = proxyBaselines(file);
 * // The clean family is one-parameter: the edge amplitude alone separates it.
 * assert(scores.find((s) => s.name === "edge-threshold")!.accuracy! > 0.9);
 * assert.equal(scores.find((s) => s.name === "disorder-threshold")!.accuracy, null);
 * file.close();
 * await Deno.remove(path);
 * ```
 */
export function proxyBaselines(
  file: DatasetFile,
  only: readonly ProxyBaselineName[] = PROXY_BASELINES,
): ProxyBaselineScore[] {
  for (const name of only) {
    if (!PROXY_BASELINES.includes(name)) {
      throw new RangeError(
        `Unknown proxy baseline "${name}": expected one of ${PROXY_BASELINES.join(", ")}`,
      );
    }
  }
  const windings = classWindingsOf(file.spec.model);
  const train = usableIndices(file, "train");
  const test = usableIndices(file, "test");
  const labelsOf = (split: Split, indices: Int32Array) => {
    const { winding } = file.labels(split);
    return Int32Array.from(indices, (index) => windings.indexOf(winding[index]));
  };
  return PROXIES.filter((proxy) => only.includes(proxy.name)).map((proxy) => {
    const { name, badge, input } = proxy;
    const reason = train.length === 0
      ? "no train split"
      : test.length === 0
      ? "no test split"
      : proxy.representation && !file.spec.representations.includes(proxy.representation)
      ? `${proxy.representation} not stored`
      : proxy.inapplicable(file);
    if (reason) return { name, badge, input, accuracy: null, reason };
    const x = proxy.features(file, "train", train);
    const columns = x.length / train.length;
    const predict = proxy.fit(x, labelsOf("train", train), columns, windings);
    const predicted = predict(proxy.features(file, "test", test), test.length);
    const truth = labelsOf("test", test);
    const correct = predicted.reduce((sum, p, i) => sum + (p === truth[i] ? 1 : 0), 0);
    return { name, badge, input, accuracy: correct / test.length };
  });
}
