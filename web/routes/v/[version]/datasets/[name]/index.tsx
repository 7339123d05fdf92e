import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../../../lib/site/app.ts";
import { useHref } from "../../../../../../lib/site/context.ts";
import { renderMarkdown } from "../../../../../../lib/site/markdown.ts";
import { findDataset } from "../../../../../../lib/site/lookup.ts";
import { Document } from "../../../../../components/Document.tsx";
import { paths } from "../../../../../components/format.ts";

interface CardData {
  readonly version: string;
  readonly name: string;
  readonly html: string;
}

/** A dataset card (its Markdown, rendered; its figure beside it). */
export const handler: Handlers<CardData> = {
  async GET(_request, ctx) {
    const dataset = findDataset(ctx.state.site, ctx.params.version, ctx.params.name);
    if (!dataset) return ctx.renderNotFound();
    const html = renderMarkdown(await Deno.readTextFile(dataset.markdownPath));
    return ctx.render({ version: ctx.params.version, name: dataset.name, html });
  },
};

export default function Card({ data }: PageProps<CardData>): JSX.Element {
  const href = useHref();
  return (
    <Document title={`Dataset ${data.name}`} section="versions">
      <p class="crumbs">
        <a href={href(paths.datasets(data.version))}>datasets of {data.version}</a>
      </p>
      <article class="markdown" dangerouslySetInnerHTML={{ __html: data.html }} />
    </Document>
  );
}
