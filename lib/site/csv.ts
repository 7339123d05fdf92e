/** One CSV cell: text, a number, or empty (`null`). */
export type CsvCell = string | number | boolean | null;

/**
 * RFC 4180 CSV (CRLF line ends) from a header and rows; cells holding a comma, quote or line
 * break are quoted, and cells that a spreadsheet would run as a formula are prefixed with `'`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toCsv } from "./csv.ts";
 *
 * assert.equal(toCsv(["a", "b"], [[1, 'say "hi", twice'], [null, "=1+1"]]), 'a,b\r\n1,"say ""hi"", twice"\r\n,\'=1+1\r\n');
 * ```
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new RangeError(
        `toCsv: row ${index} has ${row.length} cells, the header ${header.length}`,
      );
    }
  }
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function csvCell(value: CsvCell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
