import type { JSX } from "preact";
import { useState } from "preact/hooks";

/** One table cell: its text, an optional link and the value it sorts by. */
export interface SortableCell {
  readonly text: string;
  readonly href?: string;
  readonly sort?: number | string | null;
}

/** Props of `SortableTable` (serializable). */
export interface SortableTableProps {
  readonly id: string;
  readonly caption: string;
  readonly columns: ReadonlyArray<{ readonly label: string; readonly numeric?: boolean }>;
  readonly rows: ReadonlyArray<ReadonlyArray<SortableCell>>;
}

/**
 * A table whose column headers sort it (click again to reverse). The server renders the
 * table in its given order, so it reads without JavaScript; the buttons work once hydrated.
 */
export default function SortableTable(props: SortableTableProps): JSX.Element {
  const [order, setOrder] = useState<{ column: number; ascending: boolean } | null>(null);
  const rows = order === null ? props.rows : [...props.rows].sort((a, b) => {
    const [x, y] = [
      a[order.column]?.sort ?? a[order.column]?.text,
      b[order.column]?.sort ?? b[order.column]?.text,
    ];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const difference = typeof x === "number" && typeof y === "number"
      ? x - y
      : String(x).localeCompare(String(y), "en", { numeric: true });
    return order.ascending ? difference : -difference;
  });
  return (
    <div class="table-wrap">
      <table class="sortable" id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column, index) => (
              <th
                scope="col"
                class={column.numeric ? "num" : undefined}
                aria-sort={order?.column === index
                  ? (order.ascending ? "ascending" : "descending")
                  : undefined}
              >
                <button
                  type="button"
                  onClick={() =>
                    setOrder({
                      column: index,
                      ascending: order?.column === index ? !order.ascending : true,
                    })}
                >
                  {column.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((cell, index) => (
                <td class={props.columns[index]?.numeric ? "num" : undefined}>
                  {cell.href ? <a href={cell.href}>{cell.text}</a> : cell.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
