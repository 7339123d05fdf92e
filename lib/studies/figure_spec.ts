// The figures and tables of a study as plain data: REPORT.md draws them as SVG
// (lib/reporting), the site as chart islands (lib/site). Everything here is serializable.

/** One axis of a figure. */
export interface FigureAxis {
  readonly label: string;
  /** Appended to the label as ` (unit)` where present. */
  readonly unit?: string;
  /** The axis's range; from the data where absent. */
  readonly range?: readonly [number, number];
  /** Tick positions; evenly spaced where absent. */
  readonly ticks?: readonly number[];
  /** A logarithmic axis (the site; REPORT.md draws the values as given). */
  readonly log?: boolean;
  /** Category names for integer positions (a strip plot). */
  readonly categories?: readonly string[];
}

/** A named series of (x, y) points; `null` y values break the line. */
export interface FigureSeries {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
  /** `points`: markers only (distributions); `line` (default): a line with markers. */
  readonly style?: "line" | "points";
}

/** A heatmap on a regular grid: `values[y][x]` over `x.range × y.range`, row 0 at the bottom. */
export interface FigureHeatmap {
  readonly values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** The colour scale's range. */
  readonly range: readonly [number, number];
  /** A curve drawn over the grid, in axis coordinates (e.g. an analytic phase boundary). */
  readonly overlay?: {
    readonly name: string;
    readonly points: ReadonlyArray<readonly [number, number]>;
  };
}

/**
 * One figure of a study: a line chart, a strip plot (points over categories) or a heatmap. With
 * a `file`, REPORT.md draws it as that SVG; the site draws every figure that has data.
 */
export interface FigureSpec {
  readonly kind: "line" | "strip" | "heatmap";
  /** Unique among the study's figures (an HTML id on the site). */
  readonly id: string;
  /** The SVG file beside REPORT.md; absent: the site only. */
  readonly file?: string;
  readonly title: string;
  /** A sentence under the figure on the site. */
  readonly caption: string;
  readonly x: FigureAxis;
  readonly y: FigureAxis;
  readonly series: readonly FigureSeries[];
  /** `kind: "heatmap"`: the grid. */
  readonly heatmap?: FigureHeatmap;
}

/** An extra table of a study (cells already formatted as text). */
export interface TableSpec {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}
