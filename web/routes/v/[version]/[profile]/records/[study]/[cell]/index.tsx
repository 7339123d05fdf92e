import { Fragment } from "preact";
import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../../../../../lib/site/app.ts";
import { useHref } from "../../../../../../../../lib/site/context.ts";
import type { StudyRecord } from "../../../../../../../../lib/records/schema.ts";
import type { SiteBoard } from "../../../../../../../../lib/site/load.ts";
import { findBoard, findDataset } from "../../../../../../../../lib/site/lookup.ts";
import { Document } from "../../../../../../../components/Document.tsx";
import { formatValue, paths } from "../../../../../../../components/format.ts";

interface RecordData {
  readonly version: string;
  readonly profile: string;
  readonly board: SiteBoard;
  readonly record: StudyRecord;
  readonly datasetCards: readonly string[];
}

/** One record: the cell, its numbers, its provenance and hashes, and where it is cited. */
export const handler: Handlers<RecordData> = {
  GET(_request, ctx) {
    const { version, profile, study, cell } = ctx.params;
    const board = findBoard(ctx.state.site, version, profile, study);
    const record = board?.records.find((entry) => entry.cell.id === cell);
    if (!board || !record) return ctx.renderNotFound();
    const datasetCards = record.datasets.map((d) => d.name).filter((name) =>
      findDataset(ctx.state.site, version, name) !== null
    );
    return ctx.render({ version, profile, board, record, datasetCards });
  },
};

function Rows(props: { rows: Array<[string, preact.ComponentChildren]> }) {
  return (
    <table class="kv">
      <tbody>
        {props.rows.map(([key, value]) => (
          <tr>
            <th scope="row">{key}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function RecordPage({ data }: PageProps<RecordData>): JSX.Element {
  const href = useHref();
  const { version, profile, board, record, datasetCards } = data;
  const { cell, provenance } = record;
  const study = board.study;
  const scalars = Object.entries(record.metrics).filter(([, v]) =>
    v === null || typeof v !== "object"
  );
  const series = Object.entries(record.metrics).filter(([, v]) =>
    v !== null && typeof v === "object"
  );
  const entry = board.leaderboard.entries.find((e) => e.values.some((v) => v.cell === cell.id));
  const init = cell.init.kind === "noise" ? `noise, σ = ${cell.init.sigma}` : cell.init.kind;
  const trainedElsewhere = record.submission?.track === "onnx";
  return (
    <Document title={`Record ${cell.id} (${study})`} section="boards">
      <p class="crumbs">
        <a href={href(paths.profile(version, profile))}>{version} / {profile}</a> /{" "}
        <a href={href(paths.study(version, profile, study))}>{study}</a> / records
      </p>
      <h1>
        Record <code>{cell.id}</code>
      </h1>
      <p>
        {entry
          ? (
            <>
              Cited by the{" "}
              <a href={href(paths.study(version, profile, study))}>{board.leaderboard.title}</a>
              {" "}
              board: {entry.architecture} ranks {entry.rank} of {board.leaderboard.entries.length}.
            </>
          )
          : <>Not ranked on the {board.leaderboard.title} board (a reference or unranked cell).</>}
        {" "}
        <a href={href(paths.recordJson(version, profile, study, cell.id))}>Raw JSON</a>{" "}
        (validated: schema, config hash, content hash).
      </p>
      <h2>Cell</h2>
      <Rows
        rows={[
          ["study", study],
          ["profile", cell.profile],
          [
            "architecture",
            <Fragment key="90">
              <a href={href(paths.architecture(cell.architecture))}>{cell.architecture}</a>{" "}
              {record.architectureVersion}
            </Fragment>,
          ],
          [
            "architecture config",
            <code key="config">{JSON.stringify(cell.architectureConfig)}</code>,
          ],
          ["seed", String(cell.seed)],
          ["init", trainedElsewhere ? "its own (trained elsewhere)" : init],
          ["representation", cell.representation],
          ["train dataset", cell.trainDataset ?? "none"],
          ["test datasets", cell.testDatasets.join(", ") || "none"],
          // A model trained elsewhere (ONNX track) was only evaluated: no training numbers.
          ...(trainedElsewhere
            ? [["training", "trained elsewhere (ONNX track): evaluated only"] as [string, string]]
            : [
              [
                "steps, batch, learning rate",
                `${cell.steps}, ${cell.batchSize}, ${cell.learningRate}`,
              ] as [string, string],
              ["target accuracy", String(cell.targetAccuracy)] as [string, string],
            ]),
          ["status", record.status + (record.reason ? `: ${record.reason}` : "")],
        ]}
      />
      <h2>Metrics</h2>
      {scalars.length > 0 && (
        <Rows
          rows={scalars.map((
            [key, value],
          ) => [key, typeof value === "number" ? formatValue(value) : String(value)])}
        />
      )}
      {series.map(([key, value]) => (
        <details>
          <summary>{key}</summary>
          <pre>{JSON.stringify(value, null, 1)}</pre>
        </details>
      ))}
      <h2>Provenance</h2>
      <Rows
        rows={[
          ["suite version", record.suiteVersion],
          [
            "git commit",
            `${provenance.git.commit ?? "unknown"}${provenance.git.dirty ? " (dirty tree)" : ""}`,
          ],
          [
            "Deno / V8 / TypeScript",
            `${provenance.deno} / ${provenance.v8} / ${provenance.typescript}`,
          ],
          ["tfjs, backend", `${provenance.tfjs}, ${provenance.backend}`],
          [
            "GPU adapter",
            provenance.adapter
              ? `${
                provenance.adapter.description || provenance.adapter.device
              } (${provenance.adapter.vendor}${
                provenance.adapter.isFallbackAdapter ? ", fallback" : ""
              })`
              : "none",
          ],
          ["CPU", `${provenance.cpu.model} × ${provenance.cpu.cores}`],
          ["OS", provenance.os],
          ["config hash", <code key="config-hash">{record.configHash}</code>],
          ["content hash", <code key="content-hash">{record.contentHash}</code>],
          ...record.datasets.map((d): [string, preact.ComponentChildren] => [
            `dataset ${d.name}`,
            <Fragment key="149">
              <code>{d.hash}</code>
              {datasetCards.includes(d.name) && (
                <>
                  (<a href={href(paths.dataset(version, d.name))}>card</a>)
                </>
              )}
            </Fragment>,
          ]),
          ...(record.submission
            ? [
              [
                "submission",
                `${record.submission.name} ${record.submission.version}${
                  trainedElsewhere ? " (ONNX track, trained elsewhere)" : ""
                }, source ${record.submission.sourceHash}`,
              ] as [string, string],
            ]
            : []),
          ["started", record.timing.startedAt],
          ["wall time", `${record.timing.wallSeconds.toFixed(2)} s`],
          ...(trainedElsewhere ? [] : [
            [
              "throughput",
              record.timing.samplesPerSecond === null
                ? "n/a"
                : `${Math.round(record.timing.samplesPerSecond)} samples/s`,
            ] as [string, string],
          ]),
          [
            "peak memory",
            record.timing.peakMemoryBytes === null
              ? "n/a"
              : `${(record.timing.peakMemoryBytes / 2 ** 20).toFixed(0)} MiB`,
          ],
        ]}
      />
    </Document>
  );
}
