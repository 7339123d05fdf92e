import { z } from "zod";
import { countedSeries } from "./_series.ts";
import { symmetricEigen } from "../linalg/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import type { TrainableModel } from "../models/architecture.ts";
import { tf } from "../tensor/tf.ts";
import { notApplicable, trainCell } from "./_cells.ts";
import { open, transferCells } from "./_transfer.ts";
import { predict, scoredAccuracy } from "./predict.ts";
import type { Study, TypedRecord } from "./study.ts";
import type { FigureSpec } from "./figure_spec.ts";
import { formatMetric } from "./format_metric.ts";
import type { Point } from "./_series.ts";
import type { DatasetFile, Representation } from "../data/mod.ts";

// Fields new in suite 0.3.0 have defaults, so older published records still parse.
const metrics = z.object({
  accuracy: z.number().nullable(),
  /**
   * Test accuracy with the first layer cut to rank 2; `null` where the first layer's rank is at
   * most 2 (nothing to prune: no fallback to the full accuracy).
   */
  rank2Accuracy: z.number().nullable(),
  /** The first layer's full rank, `min(features, units)`. */
  firstLayerRank: z.number().nullable().default(null),
  /** Test accuracy with the first layer cut to rank k < its full rank (empty at rank ≤ 1). */
  pruning: z.array(
    z.object({ rank: z.number(), accuracy: z.number().nullable(), samples: z.number().default(0) }),
  ),
  singularValues: z.array(z.number()),
  /** Share of first-layer weight norm on the outermost `floor(N/8)` cells at each end (1/4 uniform). */
  edgeShare: z.number().nullable(),
  /**
   * Dense first layers over amplitudes: the share of each of the three leading left singular
   * vectors' norm on each unit cell (rows: singular vectors, columns: cells 1 … N); else null.
   */
  siteProfiles: z.array(z.array(z.number())).nullable().default(null),
});
type Metrics = z.infer<typeof metrics>;

/** The share of the edge cells in a uniform spread of weight over `cells` cells. */
function uniformEdgeShare(cells: number): number {
  return (2 * Math.floor(cells / 8)) / cells;
}

function figures(records: ReadonlyArray<TypedRecord<Metrics>>): FigureSpec[] {
  const pruned = records.filter((record) => record.metrics.pruning.length > 0);
  const specs: FigureSpec[] = [];
  if (pruned.length) {
    specs.push({
      kind: "line",
      id: "pruning",
      file: "pruning.svg",
      title: "SVD pruning of the first layer (first layers of rank > 1)",
      caption:
        "Accuracy with the first layer cut to rank k; mean over seeds with the bootstrap 95% interval. First layers of rank 1 (topo's state weights) have nothing to prune and are left out.",
      x: { label: "kept rank k", log: true },
      y: { label: "accuracy", range: [0, 1] },
      series: countedSeries(
        pruned,
        (record) => record.metrics.pruning.map((point) => [point.rank, point.accuracy]),
        (record) => record.metrics.pruning.map((point) => point.samples),
      ),
    });
  }
  const shared = records.filter((record) => record.metrics.edgeShare !== null);
  if (shared.length) {
    const names = [...new Set(shared.map((record) => record.cell.architecture))].sort();
    specs.push({
      kind: "strip",
      id: "edge-share",
      file: "edge-share.svg",
      title: "Share of first-layer weight on the edge cells",
      caption:
        "One point per seed: the share of the first layer's squared weight norm on the outermost N/8 cells at each end; a layer spread uniformly over the sites scores 1/4 (marked).",
      x: { label: "architecture", categories: names },
      y: { label: "edge share", range: [0, 1] },
      series: names.map((name, index) => {
        const own = shared.filter((record) => record.cell.architecture === name);
        return {
          name,
          style: "points" as const,
          points: own.map((record, k) =>
            [
              index + (own.length > 1 ? (k / (own.length - 1) - 0.5) * 0.3 : 0),
              record.metrics.edgeShare,
            ] as Point
          ),
        };
      }),
      annotations: [{ axis: "y", value: uniformEdgeShare(32), label: "uniform weight" }],
    });
  }
  const profiled = records.find((record) => record.metrics.siteProfiles !== null);
  if (profiled) {
    const rows = profiled.metrics.siteProfiles!;
    const cells = rows[0]?.length ?? 0;
    const edge = Math.floor(cells / 8);
    specs.push({
      kind: "line",
      id: "singular-vectors-vs-site",
      file: "singular-vectors-vs-site.svg",
      title: `${profiled.cell.architecture}: leading first-layer singular vectors against site`,
      caption:
        `Share of each leading left singular vector of the first layer on each unit cell (summed over states and sublattices), ${profiled.cell.id}; weight piled up at the ends reads the edge states, a flat profile reads the bulk. The edge cells end at the marks.`,
      x: { label: "unit cell", range: [1, cells] },
      y: {
        label: "share of the singular vector's norm",
        range: [0, Math.min(1, Math.ceil(Math.max(...rows.flat(), 1 / cells) * 1.2 * 100) / 100)],
      },
      series: rows.map((profile, k) => ({
        name: `singular vector ${k + 1}`,
        points: profile.map((share, cell) => [cell + 1, share] as Point),
      })),
      annotations: [
        { axis: "x", value: edge + 0.5, label: "edge" },
        { axis: "x", value: cells - edge + 0.5, label: "edge" },
        { axis: "y", value: 1 / Math.max(cells, 1), label: "uniform" },
      ],
    });
  }
  return specs;
}

/**
 * Study 7, interpretability: SVD pruning of each clean-trained network's first layer (test
 * accuracy with the first-layer weights replaced by their best rank-k approximation), and, for
 * dense first layers over amplitudes, the share of first-layer weight norm on the outermost cells
 * (`floor(N/8)` at each end) — the edge-state proxy of PHYSICS.md §5 (uniform weights: 1/4) —
 * and the leading singular vectors of the first layer against site. Pruning only where the
 * first layer has rank > 1: `rank2Accuracy` is `null` where it has rank ≤ 2 (never a fallback).
 */
export const interpretability: Study<Metrics> = {
  name: "interpretability",
  title: "Interpretability: SVD pruning and edge weight",
  question: "Does a compact set of edge-state features carry the classification?",
  ranking: {
    metric: "rank2Accuracy",
    higherIsBetter: true,
    description:
      "test accuracy with the first layer pruned to rank 2 (how compact the learned features are), mean over seeds; first layers of rank ≤ 2 have nothing to prune and are not ranked",
  },
  metrics,
  figures,
  tables: (records) => [{
    columns: ["architecture", "cell", "first-layer rank", "rank-2 accuracy", "edge share"],
    rows: records.map((record) => [
      record.cell.architecture,
      record.cell.id,
      record.metrics.firstLayerRank === null ? "n/a" : String(record.metrics.firstLayerRank),
      record.metrics.rank2Accuracy === null
        ? "not pruned (rank ≤ 2)"
        : formatMetric(record.metrics.rank2Accuracy),
      record.metrics.edgeShare === null ? "n/a" : formatMetric(record.metrics.edgeShare),
    ]),
  }],
  cells: (profile, architectures, backend) =>
    transferCells("interpretability", profile, architectures, backend, ["plain-clean-32"]),
  async run(cell, { useCache }) {
    const architecture = resolveArchitecture(cell.architecture);
    const { model, datasetHash, run } = await trainCell(cell, useCache);
    const file = await open("plain-clean-32");
    try {
      if (!model.firstLayerWeights) {
        return notApplicable(
          `${cell.architecture} exposes no first-layer weights`,
          architecture.version,
        );
      }
      const weights = model.firstLayerWeights();
      const [features, units] = weights.shape;
      const values = Float64Array.from(await weights.data());
      weights.dispose();
      const target = model.variables.find((variable) => variable.size === features * units)!;
      const original = tf.clone(target);
      const fullRank = Math.min(features, units);
      // Pruning needs a first layer of rank > 1 (topo's state weights are one column).
      const ranks = fullRank > 1 ? [1, 2, 4, 8, 16].filter((k) => k < fullRank) : [];
      const pruning: Array<{ rank: number; accuracy: number | null; samples: number }> = [];
      for (const rank of ranks) {
        target.assign(
          tf.reshape(
            tf.tensor2d(lowRank(values, features, units, rank), [features, units]),
            target.shape,
          ),
        );
        pruning.push({ rank, ...await prunedAccuracy(model, file, cell.representation) });
      }
      target.assign(original);
      original.dispose();
      const unpruned = await prunedAccuracy(model, file, cell.representation);
      const full = unpruned.accuracy;
      if (ranks.length) pruning.push({ rank: fullRank, ...unpruned });
      return {
        status: "ok",
        architectureVersion: architecture.version,
        datasets: [{ name: cell.trainDataset!, hash: datasetHash }],
        metrics: {
          accuracy: full,
          rank2Accuracy: pruning.find((point) => point.rank === 2 && point.rank < fullRank)
            ?.accuracy ?? null,
          firstLayerRank: fullRank,
          pruning,
          singularValues: singularValuesOf(values, features, units).slice(0, 16),
          edgeShare: edgeWeightShare(
            cell.representation,
            values,
            features,
            units,
            file.spec.cells,
          ),
          siteProfiles: cell.representation === "amplitudes" &&
              features === file.spec.cells * 2 * file.spec.cells
            ? siteProfiles(values, features, units, file.spec.cells, 3)
            : null,
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
  return scoredAccuracy(file, "test", await predict(model, file, "test", representation, 1000));
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

/**
 * The share of each of the `count` leading left singular vectors of a first layer over
 * amplitudes (feature = state·2N + site, site = 2·cell + sublattice) on each unit cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { siteProfiles } from "./interpretability.ts";
 *
 * // Two cells (features = 2 states × 4 sites), one unit reading only cell 1's sites.
 * const weights = new Float64Array(8);
 * weights[0] = 1; weights[1] = 1; weights[4] = 1;
 * const [profile] = siteProfiles(weights, 8, 1, 2, 1);
 * assert.deepEqual(profile.map((x) => Math.round(x * 1e9) / 1e9), [1, 0]);
 * ```
 */
export function siteProfiles(
  values: Float64Array,
  features: number,
  units: number,
  cells: number,
  count: number,
): number[][] {
  if (features !== cells * 2 * cells || values.length !== features * units) {
    throw new RangeError(
      `siteProfiles needs amplitudes weights [${
        cells * 2 * cells
      }, units]: received [${features}, ${units}] with ${values.length} values`,
    );
  }
  const { vectors } = gramMatrix(values, features, units); // ascending eigenvalues
  const profiles: number[][] = [];
  for (let k = units - 1; k >= Math.max(0, units - count); k--) {
    const v = vectors.subarray(k * units, (k + 1) * units);
    const perCell = new Array<number>(cells).fill(0);
    let total = 0;
    for (let f = 0; f < features; f++) {
      let u = 0;
      for (let a = 0; a < units; a++) u += values[f * units + a] * v[a];
      const cell = Math.floor((f % (2 * cells)) / 2);
      perCell[cell] += u * u;
      total += u * u;
    }
    profiles.push(perCell.map((x) => (total === 0 ? 0 : x / total)));
  }
  return profiles;
}

/**
 * A dense first layer on amplitudes (`[cells·2·cells, units]`, feature = state·2N + site): the
 * share of ‖W‖² on the features of the outermost `floor(N/8)` cells at each end (a uniform
 * layer: 1/4 when 8 divides N); `null` for any other first layer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { edgeWeightShare } from "./interpretability.ts";
 *
 * const cells = 8; // edge: cell 0 and cell 7
 * const uniform = new Float64Array(cells * 2 * cells).fill(1);
 * assert.equal(edgeWeightShare("amplitudes", uniform, cells * 2 * cells, 1, cells), 0.25);
 * assert.equal(edgeWeightShare("projector", uniform, 64, 2, cells), null);
 * ```
 */
export function edgeWeightShare(
  representation: string,
  values: Float64Array,
  features: number,
  units: number,
  cells: number,
): number | null {
  // Any dense first layer over amplitudes (the architecture's name aside).
  if (representation !== "amplitudes" || features !== cells * 2 * cells) {
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
