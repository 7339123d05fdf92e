/**
 * A metric as REPORT.md writes it: three decimals, or two significant digits in exponent form
 * below 1e-3 (zero stays `0.000`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMetric } from "./format_metric.ts";
 *
 * assert.equal(formatMetric(0.98765), "0.988");
 * assert.equal(formatMetric(2e-5), "2.00e-5");
 * assert.equal(formatMetric(0), "0.000");
 * ```
 */
export function formatMetric(value: number): string {
  return Math.abs(value) < 1e-3 && value !== 0 ? value.toExponential(2) : value.toFixed(3);
}
