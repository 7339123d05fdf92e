import { z } from "zod";
import { meanSeries } from "./_series.ts";
import { symmetricEigen } from "../linalg/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { TrainableModel } from "../models/architecture.ts";
import { tf } from "../tensor/tf.ts";
import { trainCell } from "./_cells.ts";
import { open, transferCells } from "./_transfer.ts";
import { predict, scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";
import type { DatasetFile, Representation } from "../data/mod.ts";

const metrics = z.object({
  accuracy: z.number().nullable(),
  rank2Accuracy: z.number().nullable(),
  /** Test accuracy with the first layer cut to rank k. */
  pruning: z.array(z.object({ rank: z.number(), accuracy: z.number().nullable() })),
  singularValues: z.array(z.number()),
  edgeShare: z.number().nullable(),
});

/**
 * Study 7, interpretability: SVD pruning of each clean-trained network's first layer (test
 * accuracy with the first-layer weights replaced by their best rank-k approximation), and, for
 * dense first layers over positions, the share of first-layer weight norm on the outermost cells
 * (`floor(N/8)` at each end) — the edge-state proxy of PHYSICS.md §5 (uniform weights: 1/4).
 */
export const interpretability: Study<z.infer<typeof metrics>> = {
  name: "interpretability",
  title: "Interpretability: SVD pruning and edge weight",
  question: "Does a compact set of edge-state features carry the classification?",
  ranking: {
    metric: "rank2Accuracy",
    higherIsBetter: true,
    description:
      "test accuracy with the first layer pruned to rank 2 (how compact the learned features are), mean over seeds",
  },
  metrics,
  figures: (records) => [{
    kind: "line",
    id: "pruning",
    file: "pruning.svg",
    title: "SVD pruning of the first layer",
    caption: "Accuracy with the first layer cut to rank k; mean over seeds.",
    x: { label: "kept rank k (log₂)" },
    y: { label: "accuracy", range: [0, 1] },
    series: meanSeries(
      records,
      (record) => record.metrics.pruning.map((point) => [Math.log2(point.rank), point.accuracy]),
    ),
  }],
  cells: (profile, architectures, backend) =>
    transferCells("interpretability", profile, architectures, backend, ["plain-clean-32"]),
  async run(cell, { useCache }) {
    const architecture = resolveArchitecture(cell.architecture);
    const { model, datasetHash, run } = await trainCell(cell, useCache);
    const file = await open("plain-clean-32");
    try {
      if (!model.firstLayerWeights) {
        return {
          status: "not-applicable",
          reason: `${cell.architecture} exposes no first-layer weights`,
          architectureVersion: architecture.version,
          datasets: [],
          metrics: {},
          samplesPerSecond: null,
        };
      }
      const weights = model.firstLayerWeights();
      const [features, units] = weights.shape;
      const values = Float64Array.from(await weights.data());
      weights.dispose();
      const target = model.variables.find((variable) => variable.size === features * units)!;
      const original = tf.clone(target);
      const ranks = [1, 2, 4, 8, 16].filter((k) => k < Math.min(features, units));
      const pruning: Array<{ rank: number; accuracy: number | null }> = [];
      for (const rank of ranks) {
        target.assign(
          tf.reshape(
            tf.tensor2d(lowRank(values, features, units, rank), [features, units]),
            target.shape,
          ),
        );
        pruning.push({ rank, accuracy: await prunedAccuracy(model, file, cell.representation) });
      }
      target.assign(original);
      original.dispose();
      const full = await prunedAccuracy(model, file, cell.representation);
      pruning.push({ rank: Math.min(features, units), accuracy: full });
      return {
        status: "ok",
        architectureVersion: architecture.version,
        datasets: [{ name: cell.trainDataset!, hash: datasetHash }],
        metrics: {
          accuracy: full,
          rank2Accuracy: pruning.find((point) => point.rank >= 2)?.accuracy ?? full,
          pruning,
          singularValues: singularValuesOf(values, features, units).slice(0, 16),
          edgeShare: edgeWeightShare(
            cell.architecture,
            cell.representation,
            values,
            features,
            units,
            file.spec.cells,
          ),
        },
        samplesPerSecond: run.samplesPerSecond,
      };
    } finally {
      model.dispose();
      file.close();
    }
  },
};

async function prunedAccuracy(
  model: TrainableModel,
  file: DatasetFile,
  representation: Representation,
) {
  return scoredAccuracy(file, "test", await predict(model, file, "test", representation, 1000))
    .accuracy;
}

/** Right singular vectors and values of W (features × units) from the eigen of WᵀW. */
function gramMatrix(values: Float64Array, features: number, units: number) {
  const gram = new Float64Array(units * units);
  for (let f = 0; f < features; f++) {
    for (let a = 0; a < units; a++) {
      const wa = values[f * units + a];
      for (let b = 0; b < units; b++) gram[a * units + b] += wa * values[f * units + b];
    }
  }
  return symmetricEigen(gram, units); // ascending
}

function singularValuesOf(values: Float64Array, features: number, units: number): number[] {
  return Array.from(gramMatrix(values, features, units).values).reverse().map((x) =>
    Math.sqrt(Math.max(x, 0))
  );
}

/** W·V_k·V_kᵀ: the best rank-k approximation. */
function lowRank(
  values: Float64Array,
  features: number,
  units: number,
  rank: number,
): Float32Array {
  const { vectors } = gramMatrix(values, features, units);
  const out = new Float32Array(features * units);
  for (let k = units - 1; k >= units - rank; k--) {
    const v = vectors.subarray(k * units, (k + 1) * units);
    for (let f = 0; f < features; f++) {
      let projection = 0;
      for (let a = 0; a < units; a++) projection += values[f * units + a] * v[a];
      for (let a = 0; a < units; a++) out[f * units + a] += projection * v[a];
    }
  }
  return out;
}

/** MLP on amplitudes: share of ‖W‖² on the features of the outermost cells; else null. */
function edgeWeightShare(
  architecture: string,
  representation: string,
  values: Float64Array,
  features: number,
  units: number,
  cells: number,
): number | null {
  if (architecture !== "mlp" || representation !== "amplitudes" || features !== cells * 2 * cells) {
    return null;
  }
  const edge = Math.floor(cells / 8);
  let edgeNorm = 0;
  let total = 0;
  for (let f = 0; f < features; f++) {
    const cell = Math.floor((f % (2 * cells)) / 2); // feature = state·2N + site, site = 2·cell + sublattice
    let norm = 0;
    for (let a = 0; a < units; a++) norm += values[f * units + a] ** 2;
    total += norm;
    if (cell < edge || cell >= cells - edge) edgeNorm += norm;
  }
  return total === 0 ? null : edgeNorm / total;
}
