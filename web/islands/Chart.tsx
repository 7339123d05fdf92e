import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import {
  CategoryScale,
  Chart as ChartJs,
  type ChartDataset,
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
import type { ChartSpec } from "../../lib/site/figures.ts";
import { SERIES_PALETTE } from "../../lib/reporting/svg_chart.ts";

ChartJs.register(
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
);

function heatColour(value: number, [low, high]: readonly [number, number]): string {
  const t = Math.max(0, Math.min(1, (value - low) / (high - low || 1)));
  // white → blue for low, white → red for high, through a light centre
  const r = Math.round(
    t < 0.5 ? 33 + (255 - 33) * (t / 0.5) : 255 - (255 - 178) * ((t - 0.5) / 0.5),
  );
  const g = Math.round(
    t < 0.5 ? 102 + (247 - 102) * (t / 0.5) : 247 - (247 - 24) * ((t - 0.5) / 0.5),
  );
  const b = Math.round(
    t < 0.5 ? 172 + (247 - 172) * (t / 0.5) : 247 - (247 - 43) * ((t - 0.5) / 0.5),
  );
  return `rgb(${r},${g},${b})`;
}

function format(value: number | null): string {
  if (value === null) return "n/a";
  return Math.abs(value) >= 100 || Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/**
 * A chart of a study's figure, drawn with chart.js on a canvas: lines, a strip plot (with
 * categories), or a heatmap with an overlaid boundary. The server renders the canvas, the
 * caption and the data as a table, so the figure's numbers read without JavaScript.
 */
export default function Chart(props: ChartSpec): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const datasets: ChartDataset<"scatter", Array<{ x: number; y: number | null }>>[] = [];
    const heat = props.heatmap;
    if (heat) {
      const rows = heat.values.length;
      const columns = heat.values[0]?.length ?? 0;
      const points: Array<{ x: number; y: number }> = [];
      const colours: string[] = [];
      heat.values.forEach((row, y) =>
        row.forEach((value, x) => {
          if (value === null) return;
          points.push({
            x: heat.x[0] + ((x + 0.5) * (heat.x[1] - heat.x[0])) / columns,
            y: heat.y[0] + ((y + 0.5) * (heat.y[1] - heat.y[0])) / rows,
          });
          colours.push(heatColour(value, heat.range));
        })
      );
      datasets.push({
        label: "mean winding",
        data: points,
        pointStyle: "rect",
        pointRadius: Math.max(3, Math.floor(300 / Math.max(rows, columns) / 2)),
        pointBackgroundColor: colours,
        pointBorderWidth: 0,
        showLine: false,
      });
    }
    props.series.forEach((series, index) => {
      const colour = heat ? "#000000" : SERIES_PALETTE[index % SERIES_PALETTE.length];
      datasets.push({
        label: series.name,
        data: series.points.map(([x, y]) => ({ x: props.xLog && x <= 0 ? NaN : x, y })),
        borderColor: colour,
        backgroundColor: colour,
        showLine: series.style !== "points",
        pointRadius: series.style === "points" ? 4 : heat ? 0 : 2.5,
        borderWidth: 2,
        spanGaps: false,
      });
    });
    const categories = props.categories;
    const chart = new ChartJs(canvas.current, {
      type: "scatter",
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { position: "right" },
          title: { display: false },
        },
        scales: {
          x: props.xLog ? { type: "logarithmic", title: { display: true, text: props.xLabel } } : {
            type: "linear",
            title: { display: true, text: props.xLabel },
            min: heat ? heat.x[0] : categories ? -0.5 : undefined,
            max: heat ? heat.x[1] : categories ? categories.length - 0.5 : undefined,
            afterBuildTicks: categories
              ? (scale) => {
                scale.ticks = categories.map((_, index) => ({ value: index }));
              }
              : undefined,
            ticks: categories
              ? { autoSkip: false, callback: (value) => categories[Number(value)] ?? "" }
              : undefined,
          },
          y: {
            title: { display: true, text: props.yLabel },
            min: heat ? heat.y[0] : props.yRange?.[0],
            max: heat ? heat.y[1] : props.yRange?.[1],
          },
        },
      },
    });
    canvas.current.dataset.drawn = "true";
    return () => chart.destroy();
  }, [props]);
  const xs = [...new Set(props.series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) =>
    a - b
  );
  return (
    <figure class="chart" id={props.id}>
      <figcaption>
        <strong>{props.title}.</strong> {props.caption}
      </figcaption>
      <div class="canvas-box">
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
      {!props.heatmap && (
        <details>
          <summary>Data</summary>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{props.xLabel}</th>
                  {props.series.map((s) => <th key={s.name} scope="col" class="num">{s.name}</th>)}
                </tr>
              </thead>
              <tbody>
                {(props.categories ? [] : xs).map((x) => (
                  <tr>
                    <td>{format(x)}</td>
                    {props.series.map((s) => (
                      <td class="num">{format(s.points.find(([px]) => px === x)?.[1] ?? null)}</td>
                    ))}
                  </tr>
                ))}
                {props.categories?.map((name, index) => (
                  <tr>
                    <td>{name}</td>
                    <td colSpan={props.series.length} class="num">
                      {props.series[index]?.points.map(([, y]) => format(y)).join(", ") || "none"}
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
