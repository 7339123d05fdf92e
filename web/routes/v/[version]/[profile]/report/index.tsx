import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../../../lib/site/app.ts";
import { useHref } from "../../../../../../lib/site/context.ts";
import { findProfile } from "../../../../../../lib/site/lookup.ts";
import { renderMarkdown } from "../../../../../../lib/site/markdown.ts";
import { Document } from "../../../../../components/Document.tsx";
import { paths } from "../../../../../components/format.ts";
import { VersionNav } from "../../../../../components/VersionNav.tsx";

interface ReportData {
  readonly version: string;
  readonly profile: string;
  readonly html: string;
}

/** A profile's REPORT.md as a page: figures inline, the markdown source one link away. */
export const handler: Handlers<ReportData> = {
  async GET(_request, ctx) {
    const { version, profile } = ctx.params;
    const found = findProfile(ctx.state.site, version, profile);
    if (!found?.reportPath) return ctx.renderNotFound();
    // REPORT.md's links are relative to the profile folder; this page is one level below it.
    const html = renderMarkdown(await Deno.readTextFile(found.reportPath)).replace(
      /(src|href)="(?![a-z]+:|#|\/)([^"]+)"/gi,
      (_whole, attribute, url) => `${attribute}="../${url}"`,
    );
    return ctx.render({ version, profile, html });
  },
};

export default function ReportPage({ data }: PageProps<ReportData>): JSX.Element {
  const href = useHref();
  const { version, profile, html } = data;
  return (
    <Document title={`REPORT.md ${version} ${profile}`} section="boards">
      <VersionNav shown={version} />
      <p class="crumbs">
        <a href={href(paths.profile(version, profile))}>{version} / {profile}</a> / report ·{" "}
        <a href={href(paths.report(version, profile))}>REPORT.md (markdown source)</a>
      </p>
      <article class="markdown report" dangerouslySetInnerHTML={{ __html: html }} />
    </Document>
  );
}
