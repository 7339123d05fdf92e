import { bootstrapInterval } from "./confidence_interval.ts";
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
