import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../lib/site/app.ts";
import { defaultProfile } from "../../lib/site/load.ts";
import { type BoardsData, BoardsPage } from "../components/BoardsPage.tsx";
import { Document } from "../components/Document.tsx";

/** Home: the current (newest) suite version's boards. */
export const handler: Handlers<BoardsData | null> = {
  GET(_request, ctx) {
    const version = ctx.state.site.versions[0];
    return ctx.render(version ? { version, profile: defaultProfile(version) } : null);
  },
};

export default function Home({ data }: PageProps<BoardsData | null>): JSX.Element {
  if (data === null) {
    return (
      <Document title="Leaderboards" section="boards">
        <h1>Leaderboards</h1>
        <p>No suite version has published results yet.</p>
      </Document>
    );
  }
  return <BoardsPage data={data} />;
}
