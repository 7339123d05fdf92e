import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import {
  CategoryScale,
  Chart as ChartJs,
  type ChartDataset,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";
import { PointWithErrorBar, ScatterWithErrorBarsController } from "chartjs-chart-error-bars";
import annotationPlugin from "chartjs-plugin-annotation";
import type { ChartSpec } from "../../lib/site/figures.ts";
import { heatColour } from "../../lib/reporting/palette.ts";

ChartJs.register(
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  MatrixController,
  MatrixElement,
  ScatterWithErrorBarsController,
  PointWithErrorBar,
  annotationPlugin,
);

function format(value: number | null): string {
  if (value === null) return "n/a";
  return Math.abs(value) >= 100 || Number.isInteger(value) ? String(value) : value.toFixed(3);
}

function alpha(colour: string, opacity: number): string {
  const hex = colour.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((k) => parseInt(hex.slice(k, k + 2), 16));
  return `rgba(${r},${g},${b},${opacity})`;
}

/** Log-axis labels at 1, 2 and 5 per decade only (the others unlabelled). */
function logTick(value: number | string): string {
  const v = Number(value);
  if (!(v > 0)) return "";
  const mantissa = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((k) => Math.abs(mantissa - k) < 1e-6) ? String(+v.toPrecision(3)) : "";
}

// deno-lint-ignore no-explicit-any
type AnyDataset = ChartDataset<any, any> & { helper?: boolean };

/** The chart.js datasets of a spec: the heat grid, bands, series, error bars, boundaries. */
function datasets(props: ChartSpec): AnyDataset[] {
  const out: AnyDataset[] = [];
  const heat = props.heatmap;
  const placeable = (x: number) => !props.xLog || x > 0;
  if (heat) {
    const rows = heat.values.length;
    const columns = Math.max(0, ...heat.values.map((row) => row.length));
    const dx = (heat.x[1] - heat.x[0]) / Math.max(columns, 1);
    const dy = (heat.y[1] - heat.y[0]) / Math.max(rows, 1);
    const cells: Array<{ x: number; y: number; v: number | null }> = [];
    heat.values.forEach((row, j) =>
      row.forEach((v, i) =>
        cells.push({ x: heat.x[0] + (i + 0.5) * dx, y: heat.y[0] + (j + 0.5) * dy, v })
      )
    );
    out.push({
      type: "matrix",
      label: heat.colorBar,
      helper: true,
      data: cells,
      backgroundColor: (context: { raw?: { v: number | null } }) => {
        const v = context.raw?.v;
        return v === null || v === undefined ? "#d9d9d9" : heatColour(v, heat.range);
      },
      borderWidth: 0,
      width: ({ chart }: { chart: ChartJs }) =>
        chart.chartArea ? chart.chartArea.width / Math.max(columns, 1) + 0.5 : 0,
      height: ({ chart }: { chart: ChartJs }) =>
        chart.chartArea ? chart.chartArea.height / Math.max(rows, 1) + 0.5 : 0,
      order: 10,
    });
  }
  props.series.forEach((series, index) => {
    const overlay = index >= props.series.length - props.overlays;
    const thin = series.weight === "thin";
    const points = series.points.map(([x, y], k) => ({
      x,
      y,
      interval: series.intervals?.[k] ?? null,
    })).filter(({ x }) => placeable(x));
    const width = overlay ? 2.5 : thin ? 1 : series.weight === "thick" ? 3 : 2;
    const colour = thin ? alpha(series.colour, 0.35) : series.colour;
    if (series.intervals && series.style !== "points") {
      const lower = points.map(({ x, interval }) => ({ x, y: interval ? interval[0] : null }));
      const upper = points.map(({ x, interval }) => ({ x, y: interval ? interval[1] : null }));
      out.push(
        {
          type: "scatter",
          label: `${series.name} 95% CI low`,
          helper: true,
          data: lower,
          showLine: true,
          borderWidth: 0,
          pointRadius: 0,
          spanGaps: false,
          order: 5,
        },
        {
          type: "scatter",
          label: `${series.name} 95% CI`,
          helper: true,
          data: upper,
          showLine: true,
          borderWidth: 0,
          pointRadius: 0,
          fill: "-1",
          backgroundColor: alpha(series.colour, thin ? 0.08 : 0.18),
          spanGaps: false,
          order: 5,
        },
      );
    }
    if (series.style === "points" && series.intervals) {
      out.push({
        type: "scatterWithErrorBars",
        label: series.name,
        helper: thin,
        data: points.map(({ x, y, interval }) => ({
          x,
          y,
          ...(interval ? { yMin: interval[0], yMax: interval[1] } : {}),
        })),
        borderColor: colour,
        backgroundColor: colour,
        errorBarColor: colour,
        errorBarWhiskerColor: colour,
        errorBarLineWidth: 1.5,
        errorBarWhiskerSize: 8,
        pointRadius: 4,
        order: 1,
      });
      return;
    }
    out.push({
      type: "scatter",
      label: series.name,
      helper: thin,
      data: points.map(({ x, y }) => ({ x, y })),
      borderColor: colour,
      backgroundColor: colour,
      borderDash: series.dash ? [...series.dash] : undefined,
      showLine: series.style !== "points",
      pointRadius: series.style === "points" ? 4 : overlay || thin ? 0 : 2.5,
      borderWidth: width,
      spanGaps: false,
      order: overlay ? 0 : thin ? 3 : 1,
    });
  });
  return out;
}

/**
 * A chart of a study's figure, drawn with chart.js on a canvas: lines with 95% bands, thin
 * per-seed curves beside their thick summary, strip plots with error bars, heatmaps on a
 * regular grid (`chartjs-chart-matrix`) with a labelled colour bar and the boundaries drawn
 * over them, labelled annotation lines (`chartjs-plugin-annotation`), log axes. The server
 * renders the canvas, the caption, the colour bar and the data as a table, so the figure's
 * numbers read without JavaScript.
 */
export default function Chart(props: ChartSpec): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const sets = datasets(props);
    const helpers = new Set(sets.flatMap((set, index) => set.helper ? [index] : []));
    const heat = props.heatmap;
    const categories = props.categories;
    const annotations = Object.fromEntries((props.annotations ?? []).map((annotation, k) => [
      `a${k}`,
      {
        type: "line",
        ...(annotation.axis === "x"
          ? { xMin: annotation.value, xMax: annotation.value }
          : { yMin: annotation.value, yMax: annotation.value }),
        borderColor: "#333333",
        borderWidth: 1.5,
        borderDash: [5, 3],
        label: {
          display: true,
          content: annotation.label,
          position: annotation.axis === "x" ? "start" : "end",
          backgroundColor: "rgba(255,255,255,0.85)",
          color: "#1d2329",
          font: { size: 11 },
        },
      },
    ]));
    const chart = new ChartJs(canvas.current, {
      type: "scatter",
      data: { datasets: sets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: {
            position: "bottom",
            labels: {
              boxWidth: 18,
              filter: (item) => !helpers.has(item.datasetIndex ?? -1),
            },
          },
          title: { display: false },
          // deno-lint-ignore no-explicit-any
          annotation: { annotations } as any,
        },
        scales: {
          x: props.xLog
            ? {
              type: "logarithmic",
              title: { display: true, text: props.xLabel },
              min: props.xRange?.[0],
              max: props.xRange?.[1],
              ticks: { callback: logTick },
            }
            : {
              type: "linear",
              title: { display: true, text: props.xLabel },
              min: heat ? heat.x[0] : categories ? -0.5 : props.xRange?.[0],
              max: heat ? heat.x[1] : categories ? categories.length - 0.5 : props.xRange?.[1],
              grid: { display: !heat },
              offset: false,
              afterBuildTicks: categories
                ? (scale) => {
                  scale.ticks = categories.map((_, index) => ({ value: index }));
                }
                : props.xTicks
                ? (scale) => {
                  scale.ticks = props.xTicks!.map((value) => ({ value }));
                }
                : undefined,
              ticks: categories
                ? { autoSkip: false, callback: (value) => categories[Number(value)] ?? "" }
                : undefined,
            },
          y: {
            type: props.yLog ? "logarithmic" : "linear",
            title: { display: true, text: props.yLabel },
            min: heat ? heat.y[0] : props.yRange?.[0],
            max: heat ? heat.y[1] : props.yRange?.[1],
            grid: { display: !heat },
            reverse: false,
            offset: false,
          },
        },
      },
    });
    canvas.current.dataset.drawn = "true";
    canvas.current.dataset.datasets = String(chart.data.datasets.length);
    canvas.current.dataset.overlays = String(props.overlays);
    canvas.current.dataset.annotations = String(Object.keys(annotations).length);
    return () => chart.destroy();
  }, [props]);
  const plain = props.series.slice(0, props.series.length - props.overlays);
  const xs = [...new Set(plain.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const heat = props.heatmap;
  const hidden = props.xLog ? plain.flatMap((s) => s.points).filter(([x]) => x <= 0).length : 0;
  return (
    <figure class="chart" id={props.id} data-kind={props.kind}>
      <figcaption>
        <strong>{props.title}.</strong> {props.caption}
      </figcaption>
      <div class={heat ? "chart-row" : undefined}>
        <div class="canvas-box">
          <canvas ref={canvas} role="img" aria-label={props.title} />
        </div>
        {heat && (
          <div class="colour-bar" aria-label={`colour bar: ${heat.colorBar}`}>
            <span class="colour-bar-ticks">
              <span>{format(heat.range[1])}</span>
              <span>{+((heat.range[0] + heat.range[1]) / 2).toPrecision(3)}</span>
              <span>{format(heat.range[0])}</span>
            </span>
            <span
              class="colour-bar-scale"
              style={`background: linear-gradient(to top, ${heat.scale.join(", ")})`}
            />
            <span class="colour-bar-label">{heat.colorBar}</span>
          </div>
        )}
      </div>
      {hidden > 0 && (
        <p class="muted">
          {hidden} point{hidden > 1 ? "s" : ""} at {props.xLabel}{" "}
          ≤ 0 cannot sit on the log axis (see the data).
        </p>
      )}
      {!heat && (
        <details>
          <summary>Data</summary>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{props.xLabel}</th>
                  {plain.map((s) => <th key={s.name} scope="col" class="num">{s.name}</th>)}
                </tr>
              </thead>
              <tbody>
                {(props.categories ? [] : xs).map((x) => (
                  <tr>
                    <td>{format(x)}</td>
                    {plain.map((s) => {
                      const k = s.points.findIndex(([px]) => px === x);
                      const interval = k >= 0 ? s.intervals?.[k] : null;
                      return (
                        <td class="num">
                          {format(k >= 0 ? s.points[k][1] : null)}
                          {interval && (
                            <span class="muted">
                              {` [${format(interval[0])}, ${format(interval[1])}]`}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                {props.categories?.map((name, index) => (
                  <tr>
                    <td>{name}</td>
                    <td colSpan={plain.length} class="num">
                      {plain[index]?.points.map(([, y]) => format(y)).join(", ") || "none"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
