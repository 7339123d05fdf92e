import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../../lib/site/app.ts";
import { useHref } from "../../../../../lib/site/context.ts";
import type { SiteVersion } from "../../../../../lib/site/load.ts";
import { findVersion } from "../../../../../lib/site/lookup.ts";
import { Document } from "../../../../components/Document.tsx";
import { paths } from "../../../../components/format.ts";

/** The dataset cards of a suite version. */
export const handler: Handlers<SiteVersion> = {
  GET(_request, ctx) {
    const version = findVersion(ctx.state.site, ctx.params.version);
    return version && version.datasets.length ? ctx.render(version) : ctx.renderNotFound();
  },
};

export default function Datasets({ data }: PageProps<SiteVersion>): JSX.Element {
  const href = useHref();
  return (
    <Document title={`Datasets ${data.version}`} section="versions">
      <h1>Datasets of suite {data.version}</h1>
      <ul>
        {data.datasets.map((d) => (
          <li>
            <a href={href(paths.dataset(data.version, d.name))}>{d.name}</a>
          </li>
        ))}
      </ul>
    </Document>
  );
}
