import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../../../lib/site/app.ts";
import { useHref } from "../../../../../../lib/site/context.ts";
import { type ChartSpec, studyFigures } from "../../../../../../lib/site/figures.ts";
import type { SiteBoard } from "../../../../../../lib/site/load.ts";
import { findBoard } from "../../../../../../lib/site/lookup.ts";
import { RankingRule } from "../../../../../components/BoardTable.tsx";
import { Document } from "../../../../../components/Document.tsx";
import { formatValue, paths, shortHash } from "../../../../../components/format.ts";
import { VersionNav } from "../../../../../components/VersionNav.tsx";
import Chart from "../../../../../islands/Chart.tsx";
import SortableTable from "../../../../../islands/SortableTable.tsx";
import { countedOver, entryInterval } from "../../../../../../lib/reporting/key_findings.ts";

interface StudyData {
  readonly version: string;
  readonly profile: string;
  readonly board: SiteBoard;
  readonly figures: ChartSpec[];
}

/** A study: its board as a sortable table, the figures behind it, every record, downloads. */
export const handler: Handlers<StudyData> = {
  GET(_request, ctx) {
    const { version, profile, study } = ctx.params;
    const board = findBoard(ctx.state.site, version, profile, study);
    if (!board) return ctx.renderNotFound();
    return ctx.render({ version, profile, board, figures: studyFigures(study, board.records) });
  },
};

export default function StudyPage({ data }: PageProps<StudyData>): JSX.Element {
  const href = useHref();
  const { version, profile, board, figures } = data;
  const lb = board.leaderboard;
  const metric = lb.rankingRule.metric;
  const over = lb.entries.length ? countedOver(lb.entries[0], board.records) : "seeds";
  const svgs = [...board.files.keys()].filter((name) => name.endsWith(".svg"));
  const downloads: Array<[string, string]> = [
    [
      "leaderboard.json",
      `the board${board.provisional ? " (provisional, ranked from the records)" : ""}`,
    ],
    ["leaderboard.csv", "the board, one row per architecture"],
    ["records.csv", "every record: cell, seed, init, status, metric, hashes"],
    ["records.json", "every record, complete (validated)"],
  ];
  return (
    <Document title={`${lb.title} (${version})`} section="boards">
      <VersionNav shown={version} />
      <p class="crumbs">
        <a href={href(paths.profile(version, profile))}>{version} / {profile}</a> / {lb.study}
      </p>
      <h1>{lb.title}</h1>
      <p class="question">{lb.question}</p>
      {board.provisional && (
        <p class="notice">
          Provisional: no <code>leaderboard.json</code>{" "}
          is published yet; ranked here from the records by the study's rule.
        </p>
      )}
      <RankingRule board={board} />
      <SortableTable
        id="board"
        caption={`Leaderboard: ${metric}, mean over ${over} with its 95% confidence interval; = marks a shared rank`}
        columns={[
          { label: "rank", numeric: true },
          { label: "architecture" },
          { label: "badges" },
          { label: `${metric} mean`, numeric: true },
          { label: "95% CI", numeric: true },
          { label: "std", numeric: true },
          { label: over, numeric: true },
          { label: "min", numeric: true },
          { label: "max", numeric: true },
        ]}
        rows={lb.entries.map((entry) => {
          const values = entry.values.map((value) => value.value);
          const interval = entryInterval(entry);
          const shared = lb.entries.filter((other) => other.rank === entry.rank).length > 1;
          return [
            { text: shared ? `=${entry.rank}` : String(entry.rank), sort: entry.rank },
            { text: entry.architecture, href: href(paths.architecture(entry.architecture)) },
            {
              text: [
                entry.exactInvariant ? "exact-invariant" : "",
                entry.sizeAgnostic ? "size-agnostic" : "",
                entry.community ? "community" : "",
                ...(entry.badges ?? []),
              ].filter(Boolean).join(", "),
            },
            { text: formatValue(entry.mean), sort: entry.mean },
            {
              text: interval ? `${formatValue(interval[0])}–${formatValue(interval[1])}` : "–",
              sort: interval?.[0] ?? null,
            },
            { text: formatValue(entry.std), sort: entry.std },
            { text: String(entry.values.length), sort: entry.values.length },
            {
              text: formatValue(values.length ? Math.min(...values) : null),
              sort: values.length ? Math.min(...values) : null,
            },
            {
              text: formatValue(values.length ? Math.max(...values) : null),
              sort: values.length ? Math.max(...values) : null,
            },
          ];
        })}
      />
      <h2>Figures</h2>
      {figures.length === 0 && svgs.length === 0 && (
        <p class="muted">This study has no figure; its numbers are in the tables.</p>
      )}
      {figures.map((figure) => <Chart key={figure.id} {...figure} />)}
      {svgs.length > 0 && (
        <details class="report-figures" open={figures.length === 0}>
          <summary>Figures as published in REPORT.md (SVG)</summary>
          {svgs.map((name) => (
            <img
              src={href(paths.file(version, profile, lb.study, name))}
              alt={name}
              loading="lazy"
            />
          ))}
        </details>
      )}
      <h2>Records</h2>
      <SortableTable
        id="records"
        caption={`${board.records.length} records of this study (${version}, ${profile})`}
        columns={[
          { label: "cell" },
          { label: "architecture" },
          { label: "seed", numeric: true },
          { label: "init" },
          { label: "status" },
          { label: metric, numeric: true },
          { label: "commit" },
          { label: "backend" },
          { label: "content hash" },
        ]}
        rows={board.records.map((record) => {
          const value = record.metrics[metric];
          const init = record.cell.init.kind === "noise"
            ? `noise σ=${record.cell.init.sigma}`
            : record.cell.init.kind;
          return [
            {
              text: record.cell.id,
              href: href(paths.record(version, profile, lb.study, record.cell.id)),
            },
            { text: record.cell.architecture },
            { text: String(record.cell.seed), sort: record.cell.seed },
            { text: init },
            { text: record.status },
            {
              text: typeof value === "number" ? formatValue(value) : "n/a",
              sort: typeof value === "number" ? value : null,
            },
            {
              text: `${shortHash(record.provenance.git.commit)}${
                record.provenance.git.dirty ? " (dirty)" : ""
              }`,
            },
            { text: record.provenance.backend },
            { text: shortHash(record.contentHash) },
          ];
        })}
      />
      <h2>Downloads</h2>
      <ul class="downloads">
        {downloads.map(([name, what]) => (
          <li>
            <a href={href(paths.file(version, profile, lb.study, name))} download>{name}</a>: {what}
          </li>
        ))}
      </ul>
    </Document>
  );
}
