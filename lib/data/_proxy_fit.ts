import { solveLinear } from "../linalg/mod.ts";
// Small deterministic float64 fits for the proxy baselines: a best 1-D threshold (two classes)
// or quantile bins (more), standardized L2 logistic regression by gradient descent (one
// against the rest), and closed-form ridge regression. No randomness: identical inputs give
// identical predictions.

/** A fitted classifier: predicted class index per row of a feature matrix. */
export type Predictor = (features: Float64Array, rows: number) => Int32Array;

/** A 1-D classifier: the best threshold and side for two classes, majority bins for more. */
export function fitThreshold(values: Float64Array, labels: Int32Array, classes: number): Predictor {
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
  if (classes === 2) {
    const n = values.length;
    const ones = labels.reduce((sum, label) => sum + label, 0);
    // Predict 1 above the cut (or below, flipped); scan every cut between sorted values.
    let belowOnes = 0;
    let best = { correct: Math.max(ones, n - ones), cut: -Infinity, above: ones >= n - ones };
    for (let k = 0; k < n; k++) {
      belowOnes += labels[order[k]];
      const below = k + 1;
      const aboveIsOne = (below - belowOnes) + (ones - belowOnes);
      const aboveIsZero = belowOnes + (n - below - (ones - belowOnes));
      const next = k + 1 < n ? values[order[k + 1]] : Infinity;
      if (next === values[order[k]]) continue;
      const cut = next === Infinity ? Infinity : (values[order[k]] + next) / 2;
      if (aboveIsOne > best.correct) best = { correct: aboveIsOne, cut, above: true };
      if (aboveIsZero > best.correct) best = { correct: aboveIsZero, cut, above: false };
    }
    return (features, rows) =>
      Int32Array.from({ length: rows }, (_, i) => (features[i] > best.cut) === best.above ? 1 : 0);
  }
  const bins = 20;
  const edges = Array.from(
    { length: bins - 1 },
    (_, k) => values[order[Math.floor(((k + 1) * order.length) / bins)]],
  );
  const counts = Array.from({ length: bins }, () => new Array<number>(classes).fill(0));
  const binOf = (x: number) => {
    let bin = 0;
    while (bin < edges.length && x >= edges[bin]) bin++;
    return bin;
  };
  values.forEach((x, i) => counts[binOf(x)][labels[i]]++);
  const overall = new Array<number>(classes).fill(0);
  labels.forEach((label) => overall[label]++);
  const argmax = (row: number[]) => row.indexOf(Math.max(...row));
  const majority = counts.map((row) => row.some((c) => c > 0) ? argmax(row) : argmax(overall));
  return (features, rows) =>
    Int32Array.from({ length: rows }, (_, i) => majority[binOf(features[i])]);
}

function standardizer(x: Float64Array, rows: number, columns: number) {
  const mean = new Float64Array(columns);
  const scale = new Float64Array(columns);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) mean[j] += x[i * columns + j];
  for (let j = 0; j < columns; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) scale[j] += (x[i * columns + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < columns; j++) {
    const sd = Math.sqrt(scale[j] / rows);
    scale[j] = sd > 1e-12 ? 1 / sd : 0;
  }
  return (features: Float64Array, n: number) => {
    const out = new Float64Array(n * columns);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < columns; j++) {
        out[i * columns + j] = (features[i * columns + j] - mean[j]) * scale[j];
      }
    }
    return out;
  };
}

/**
 * L2-regularized logistic regression on standardized features, one class against the rest,
 * by Nesterov-accelerated gradient descent (a fixed number of steps from zero weights).
 */
export function fitLogistic(
  x: Float64Array,
  labels: Int32Array,
  columns: number,
  classes: number,
  { steps = 300, l2 = 1e-3 }: { steps?: number; l2?: number } = {},
): Predictor {
  const rows = labels.length;
  const standardize = standardizer(x, rows, columns);
  const z = standardize(x, rows);
  const models = (classes === 2 ? [1] : Array.from({ length: classes }, (_, c) => c)).map(
    (target) => {
      const y = Float64Array.from(labels, (label) => (label === target ? 1 : 0));
      const w = new Float64Array(columns + 1);
      const previous = new Float64Array(columns + 1);
      const look = new Float64Array(columns + 1);
      const gradient = new Float64Array(columns + 1);
      // Step size 1/L with L ≤ (features + 1)/4 + l2 for standardized features.
      const rate = 1 / ((columns + 1) / 4 + l2);
      for (let step = 1; step <= steps; step++) {
        const momentum = (step - 1) / (step + 2);
        for (let j = 0; j <= columns; j++) look[j] = w[j] + momentum * (w[j] - previous[j]);
        gradient.fill(0);
        for (let i = 0; i < rows; i++) {
          let s = look[columns];
          const offset = i * columns;
          for (let j = 0; j < columns; j++) s += look[j] * z[offset + j];
          const residual = 1 / (1 + Math.exp(-s)) - y[i];
          for (let j = 0; j < columns; j++) gradient[j] += residual * z[offset + j];
          gradient[columns] += residual;
        }
        previous.set(w);
        for (let j = 0; j <= columns; j++) {
          const decay = j < columns ? l2 * look[j] : 0;
          w[j] = look[j] - rate * (gradient[j] / rows + decay);
        }
      }
      return w;
    },
  );
  return (features, n) => {
    const f = standardize(features, n);
    return Int32Array.from({ length: n }, (_, i) => {
      const scores = models.map((w) => {
        let s = w[columns];
        for (let j = 0; j < columns; j++) s += w[j] * f[i * columns + j];
        return s;
      });
      if (classes === 2) return scores[0] > 0 ? 1 : 0;
      return scores.indexOf(Math.max(...scores));
    });
  };
}

/** Ridge regression of the class windings, predicting the nearest class winding. */
export function fitRidge(
  x: Float64Array,
  labels: Int32Array,
  columns: number,
  windings: readonly number[],
  l2 = 1e-6,
): Predictor {
  const rows = labels.length;
  const standardize = standardizer(x, rows, columns);
  const z = standardize(x, rows);
  const size = columns + 1;
  const a = new Float64Array(size * size);
  const b = new Float64Array(size);
  const row = new Float64Array(size);
  for (let i = 0; i < rows; i++) {
    row.set(z.subarray(i * columns, (i + 1) * columns));
    row[columns] = 1;
    const y = windings[labels[i]];
    for (let p = 0; p < size; p++) {
      b[p] += row[p] * y;
      for (let q = 0; q < size; q++) a[p * size + q] += row[p] * row[q];
    }
  }
  for (let p = 0; p < columns; p++) a[p * size + p] += l2 * rows;
  const w = solveLinear(a, b, size);
  return (features, n) => {
    const f = standardize(features, n);
    return Int32Array.from({ length: n }, (_, i) => {
      let s = w[columns];
      for (let j = 0; j < columns; j++) s += w[j] * f[i * columns + j];
      let best = 0;
      windings.forEach((winding, c) => {
        if (Math.abs(winding - s) < Math.abs(windings[best] - s)) best = c;
      });
      return best;
    });
  };
}
