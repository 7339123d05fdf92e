// Test helper: figure specs that use every field of FigureSpec (the sample studies may not).
import type { FigureSpec } from "../lib/studies/figure_spec.ts";

/** Figure specs that use every field of FigureSpec (the sample studies may not use them all). */
export const SYNTHETIC: FigureSpec[] = [
  {
    kind: "line",
    id: "synthetic-line",
    title: "Success vs init noise (synthetic)",
    caption: "Log axis, bands, thin per-seed curves beside their thick median, a marked line.",
    x: { label: "σ", log: true },
    y: { label: "success", range: [0, 1] },
    series: [
      {
        name: "topo median",
        weight: "thick",
        points: [[0.01, 0.9], [0.03, 0.8], [0.1, 0.6], [0.3, 0.3], [1, 0.1]],
        intervals: [[0.85, 0.95], [0.7, 0.88], [0.5, 0.7], [0.2, 0.4], [0.05, 0.2]],
      },
      ...[1, 2, 3].map((seed) => ({
        name: `topo seed ${seed}`,
        weight: "thin" as const,
        colorOf: "topo median",
        points: [[0.01, 0.9 - seed / 40], [0.1, 0.6 + seed / 30], [1, 0.1 + seed / 50]] as Array<
          [number, number]
        >,
      })),
      { name: "mlp", points: [[0.01, 0.5], [0.1, 0.45], [1, 0.4]] },
    ],
    annotations: [{ axis: "x", value: 0.1, label: "σ = 0.1" }, {
      axis: "y",
      value: 0.5,
      label: "chance",
    }],
  },
  {
    kind: "strip",
    id: "synthetic-strip",
    title: "Accuracy per architecture (synthetic)",
    caption: "Points with error bars over categories.",
    x: { label: "architecture", categories: ["mlp", "cnn"] },
    y: { label: "accuracy", range: [0, 1] },
    series: [
      {
        name: "mlp",
        style: "points",
        points: [[0, 0.6], [0, 0.65]],
        intervals: [[0.5, 0.7], null],
      },
      { name: "cnn", style: "points", points: [[1, 0.8]], intervals: [[0.75, 0.85]] },
    ],
  },
  {
    kind: "heatmap",
    id: "synthetic-heatmap",
    title: "Phase diagram (synthetic)",
    caption: "A regular grid, a labelled colour bar, two boundaries.",
    x: { label: "intracell v", range: [0, 2] },
    y: { label: "W1", range: [0, 8] },
    series: [],
    heatmap: {
      values: Array.from(
        { length: 16 },
        (_, j) => Array.from({ length: 20 }, (_, i) => (i / 20 + j / 32) % 1),
      ),
      range: [0, 1],
      colorBar: "fraction labelled topological",
      overlays: [
        { name: "analytic boundary", points: [[1, 0], [1.33, 3], [0, 4]] },
        { name: "finite-size boundary (N = 32)", points: [[0.92, 0], [1.2, 3], [0, 3.8]] },
      ],
    },
    annotations: [{ axis: "y", value: 4, label: "W1 = 4" }],
  },
];
