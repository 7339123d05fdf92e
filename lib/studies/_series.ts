import { bootstrapInterval, wilsonInterval } from "./confidence_interval.ts";
import type { FigureSeries } from "./figure_spec.ts";
import type { TypedRecord } from "./study.ts";

/** A point of a series; `null` y values break the line. */
export type Point = [number, number | null];

/**
 * Mean over an architecture's records of a per-record series (x → y), one series per
 * architecture (`(exact)` appended for the exact init), point by point in the first record's
 * order; y values that are not numbers are left out of a mean. With two or more runs, each point
 * carries the bootstrap 95% interval of its mean over the runs (`intervals`).
 */
export function meanSeries<M>(
  records: ReadonlyArray<TypedRecord<M>>,
  points: (record: TypedRecord<M>) => Point[],
): FigureSeries[] {
  const groups = new Map<string, Point[][]>();
  for (const record of records) {
    const name = `${record.cell.architecture}${
      record.cell.init.kind === "exact" ? " (exact)" : ""
    }`;
    groups.set(name, [...(groups.get(name) ?? []), points(record)]);
  }
  return [...groups.entries()].map(([name, runs]) => {
    const ys = runs[0].map((_, k) =>
      runs.map((run) => run[k]?.[1]).filter((y): y is number => typeof y === "number")
    );
    return {
      name,
      points: runs[0].map(([x], k) => [x, mean(ys[k])] as Point),
      ...(runs.length > 1 ? { intervals: ys.map((values) => bootstrapInterval(values)) } : {}),
    };
  });
}

/** The mean of the numbers (`null` for none). */
export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** The median of the numbers (`null` for none). */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Per-seed curves and their summary, one group per architecture (`(exact)` appended for the
 * exact init): every run's own curve as a `thin` series in its architecture's colour, then the
 * `thick` median over runs at each x (x values pooled over the runs, so runs of other lengths
 * still count where they have a point), with the bootstrap 95% interval of the mean over runs.
 */
export function seedCurves<M>(
  records: ReadonlyArray<TypedRecord<M>>,
  points: (record: TypedRecord<M>) => Point[],
): FigureSeries[] {
  const groups = new Map<string, Array<{ seed: number; points: Point[] }>>();
  for (const record of records) {
    const name = `${record.cell.architecture}${
      record.cell.init.kind === "exact" ? " (exact)" : ""
    }`;
    groups.set(name, [...(groups.get(name) ?? []), {
      seed: record.cell.seed,
      points: points(record),
    }]);
  }
  return [...groups.entries()].flatMap(([name, runs]) => {
    const xs = [...new Set(runs.flatMap((run) => run.points.map(([x]) => x)))].sort((a, b) =>
      a - b
    );
    const ys = xs.map((x) =>
      runs.map((run) => run.points.find(([at]) => at === x)?.[1])
        .filter((y): y is number => typeof y === "number")
    );
    const thin: FigureSeries[] = runs.length > 1
      ? runs.map((run) => ({
        name: `${name} seed ${run.seed}`,
        points: run.points,
        weight: "thin" as const,
        colorOf: name,
      }))
      : [];
    return [...thin, {
      name,
      points: xs.map((x, k) => [x, median(ys[k])] as Point),
      ...(runs.length > 1 ? { weight: "thick" as const } : {}),
      ...(runs.length > 1 ? { intervals: ys.map((values) => bootstrapInterval(values)) } : {}),
    }];
  });
}

/**
 * {@linkcode meanSeries} with a 95% interval on every point: the bootstrap over runs where a
 * series has two or more, else the Wilson interval of the one run's accuracy over its `trials`
 * samples (aligned with its points; 0 or absent: no interval for that point).
 */
export function countedSeries<M>(
  records: ReadonlyArray<TypedRecord<M>>,
  points: (record: TypedRecord<M>) => Point[],
  trials: (record: TypedRecord<M>) => ReadonlyArray<number | undefined>,
): FigureSeries[] {
  return meanSeries(records, points).map((entry) => {
    if (entry.intervals) return entry;
    const own = records.find((record) =>
      `${record.cell.architecture}${record.cell.init.kind === "exact" ? " (exact)" : ""}` ===
        entry.name
    );
    if (!own) return entry;
    const counts = trials(own);
    return {
      ...entry,
      intervals: entry.points.map(([, y], k) => {
        const n = counts[k] ?? 0;
        return y === null || n === 0 ? null : wilsonInterval(Math.round(y * n), n);
      }),
    };
  });
}
