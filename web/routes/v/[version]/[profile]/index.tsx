import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../../../../lib/site/app.ts";
import { findProfile, findVersion } from "../../../../../lib/site/lookup.ts";
import { type BoardsData, BoardsPage } from "../../../../components/BoardsPage.tsx";

/** A suite version's boards for one profile. */
export const handler: Handlers<BoardsData> = {
  GET(_request, ctx) {
    const version = findVersion(ctx.state.site, ctx.params.version);
    const profile = findProfile(ctx.state.site, ctx.params.version, ctx.params.profile);
    if (!version || !profile) return ctx.renderNotFound();
    return ctx.render({ version, profile });
  },
};

export default function ProfilePage({ data }: PageProps<BoardsData>): JSX.Element {
  return <BoardsPage data={data} />;
}
