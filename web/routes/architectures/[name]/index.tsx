import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../lib/site/app.ts";
import { useHref } from "../../../../lib/site/context.ts";
import type { StudyRecord } from "../../../../lib/records/schema.ts";
import { type ArchitectureInfo, siteArchitectures } from "../../../../lib/site/lookup.ts";
import { Badges } from "../../../components/Badges.tsx";
import { Document } from "../../../components/Document.tsx";
import { formatValue, paths, shortHash } from "../../../components/format.ts";
import SortableTable from "../../../islands/SortableTable.tsx";

interface Result {
  readonly version: string;
  readonly profile: string;
  readonly study: string;
  readonly title: string;
  readonly metric: string;
  readonly rank: number | null;
  readonly of: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly seeds: number;
  readonly provisional: boolean;
}

interface ArchitectureData {
  readonly info: ArchitectureInfo;
  readonly results: readonly Result[];
  readonly records: ReadonlyArray<{ version: string; profile: string; record: StudyRecord }>;
}

/** An architecture: what it is, its inputs and parameters, results everywhere, provenance. */
export const handler: Handlers<ArchitectureData> = {
  GET(_request, ctx) {
    const info = siteArchitectures(ctx.state.site).find((a) => a.name === ctx.params.name);
    if (!info) return ctx.renderNotFound();
    const results: Result[] = [];
    const records: ArchitectureData["records"][number][] = [];
    for (const version of ctx.state.site.versions) {
      for (const profile of version.profiles) {
        for (const board of profile.boards) {
          const lb = board.leaderboard;
          const entry = lb.entries.find((e) => e.architecture === info.name);
          const own = board.records.filter((r) => r.cell.architecture === info.name);
          if (!entry && own.length === 0) continue;
          results.push({
            version: version.version,
            profile: profile.name,
            study: board.study,
            title: lb.title,
            metric: lb.rankingRule.metric,
            rank: entry?.rank ?? null,
            of: lb.entries.length,
            mean: entry?.mean ?? null,
            std: entry?.std ?? null,
            seeds: entry?.seeds ?? 0,
            provisional: board.provisional,
          });
          for (const record of own) {
            records.push({ version: version.version, profile: profile.name, record });
          }
        }
      }
    }
    return ctx.render({ info, results, records });
  },
};

export default function ArchitecturePage({ data }: PageProps<ArchitectureData>): JSX.Element {
  const href = useHref();
  const { info, results, records } = data;
  const parameters = new Map<string, Set<number>>();
  const configs = new Set<string>();
  const inputs = new Map<string, Set<string>>();
  for (const { record } of records) {
    const count = record.metrics.parameters;
    const key = `${record.cell.representation}, ${record.cell.trainDataset ?? "no training"}`;
    if (typeof count === "number") {
      parameters.set(key, (parameters.get(key) ?? new Set()).add(count));
    }
    configs.add(JSON.stringify(record.cell.architectureConfig));
    const datasets = [record.cell.trainDataset, ...record.cell.testDatasets].filter((
      d,
    ): d is string => !!d);
    const set = inputs.get(record.cell.representation) ?? new Set();
    datasets.forEach((d) => set.add(d));
    inputs.set(record.cell.representation, set);
  }
  return (
    <Document title={`Architecture ${info.name}`} section="architectures">
      <p class="crumbs">
        <a href={href(paths.architectures)}>architectures</a> / {info.name}
      </p>
      <h1>
        {info.name} <span class="muted">{info.version ?? ""}</span>{" "}
        <Badges
          exactInvariant={info.exactInvariant}
          sizeAgnostic={info.sizeAgnostic}
          community={!info.registered}
          badges={info.trainedElsewhere ? ["trained-elsewhere"] : undefined}
        />
      </h1>
      <p class="lead">{info.description ?? "An outside submission, known from its records."}</p>
      <h2>Inputs and parameters</h2>
      <table class="kv">
        <tbody>
          <tr>
            <th scope="row">accepts</th>
            <td>{info.representations.join(", ") || "n/a"}</td>
          </tr>
          <tr>
            <th scope="row">size-agnostic</th>
            <td>
              {info.sizeAgnostic === null
                ? "n/a"
                : info.sizeAgnostic
                ? "yes: one set of weights for any chain size"
                : "no"}
            </td>
          </tr>
          <tr>
            <th scope="row">exact invariant</th>
            <td>
              {info.exactInvariant === null
                ? "n/a"
                : info.exactInvariant
                ? "yes: has exact weights (an exact init)"
                : "no"}
            </td>
          </tr>
          {[...inputs.entries()].map(([representation, datasets]) => (
            <tr>
              <th scope="row">ran on {representation}</th>
              <td>{[...datasets].sort().join(", ")}</td>
            </tr>
          ))}
          {[...parameters.entries()].map(([key, counts]) => (
            <tr>
              <th scope="row">trainable parameters ({key})</th>
              <td>{[...counts].sort((a, b) => a - b).join(", ")}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">hyperparameters in records</th>
            <td>
              {[...configs].map((c) => <code key={c}>{c === "{}" ? "{} (defaults)" : c}</code>)}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>Results across studies and versions</h2>
      {results.length === 0 ? <p class="muted">No published results yet.</p> : (
        <SortableTable
          id="results"
          caption="Rank and score on each board (mean ± std over seeds)"
          columns={[
            { label: "version" },
            { label: "profile" },
            { label: "study" },
            { label: "rank", numeric: true },
            { label: "metric" },
            { label: "mean", numeric: true },
            { label: "std", numeric: true },
            { label: "seeds", numeric: true },
          ]}
          rows={results.map((r) => [
            { text: r.version, href: href(paths.version(r.version)) },
            { text: r.profile, href: href(paths.profile(r.version, r.profile)) },
            {
              text: r.title + (r.provisional ? " (provisional)" : ""),
              href: href(paths.study(r.version, r.profile, r.study)),
            },
            { text: r.rank === null ? "unranked" : `${r.rank} of ${r.of}`, sort: r.rank },
            { text: r.metric },
            { text: formatValue(r.mean), sort: r.mean },
            { text: formatValue(r.std), sort: r.std },
            { text: String(r.seeds), sort: r.seeds },
          ])}
        />
      )}
      <h2>Provenance of each record</h2>
      <div class="table-wrap">
        <table class="provenance">
          <thead>
            <tr>
              <th scope="col">record</th>
              <th scope="col">versions (suite / arch)</th>
              <th scope="col">commit</th>
              <th scope="col">backend</th>
              <th scope="col">Deno / tfjs</th>
              <th scope="col">dataset hashes</th>
              <th scope="col">content hash</th>
            </tr>
          </thead>
          <tbody>
            {records.map(({ version, profile, record }) => (
              <tr>
                <td>
                  <a href={href(paths.record(version, profile, record.cell.study, record.cell.id))}>
                    {record.cell.study}/{record.cell.id}
                  </a>{" "}
                  <span class="muted">{profile}</span>
                </td>
                <td>{record.suiteVersion} / {record.architectureVersion}</td>
                <td>
                  <code title={record.provenance.git.commit ?? ""}>
                    {shortHash(record.provenance.git.commit)}
                  </code>
                  {record.provenance.git.dirty ? " dirty" : ""}
                </td>
                <td>{record.provenance.backend}</td>
                <td>{record.provenance.deno} / {record.provenance.tfjs}</td>
                <td>
                  {record.datasets.map((d) => (
                    <code title={`${d.name} ${d.hash}`}>{d.name}:{shortHash(d.hash)}</code>
                  ))}
                </td>
                <td>
                  <code title={record.contentHash}>{shortHash(record.contentHash)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Document>
  );
}
