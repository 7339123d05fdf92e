import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../lib/site/app.ts";
import { defaultProfile } from "../../../../lib/site/load.ts";
import { findVersion } from "../../../../lib/site/lookup.ts";
import { type BoardsData, BoardsPage } from "../../../components/BoardsPage.tsx";

/** A suite version's boards (its preferred profile), at a URL that stays. */
export const handler: Handlers<BoardsData> = {
  GET(_request, ctx) {
    const version = findVersion(ctx.state.site, ctx.params.version);
    if (!version) return ctx.renderNotFound();
    return ctx.render({ version, profile: defaultProfile(version) });
  },
};

export default function VersionPage({ data }: PageProps<BoardsData>): JSX.Element {
  return <BoardsPage data={data} />;
}
