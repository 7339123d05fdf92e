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
  /**
   * A 95% confidence interval per point, aligned with `points` (`null`: none for that point):
   * drawn as error bars (`style: "points"`) or a band (`line`).
   */
  readonly intervals?: ReadonlyArray<readonly [number, number] | null>;
  /** `thin`: one of many (a seed's curve), drawn light and left out of the legend; `thick`: a summary (their median). */
  readonly weight?: "thin" | "thick";
  /** Draw in the colour of the series of this name (a seed's curve beside its median). */
  readonly colorOf?: string;
}

/** A labelled straight line across a figure: a critical value, a target, a boundary. */
export interface FigureAnnotation {
  /** `x`: a vertical line at `value` on the x axis; `y`: a horizontal one. */
  readonly axis: "x" | "y";
  readonly value: number;
  readonly label: string;
}

/** A heatmap on a regular grid: `values[y][x]` over `x.range × y.range`, row 0 at the bottom. */
export interface FigureHeatmap {
  readonly values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** The colour scale's range. */
  readonly range: readonly [number, number];
  /** The colour bar's label (what a cell's colour means, e.g. "fraction labelled topological"). */
  readonly colorBar?: string;
  /**
   * Curves drawn over the grid, in axis coordinates (the analytic and the finite-size phase
   * boundary).
   */
  readonly overlays?: ReadonlyArray<{
    readonly name: string;
    readonly points: ReadonlyArray<readonly [number, number]>;
  }>;
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
  /** Labelled lines drawn across the figure (none where absent). */
  readonly annotations?: readonly FigureAnnotation[];
}

/** An extra table of a study (cells already formatted as text). */
export interface TableSpec {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}
