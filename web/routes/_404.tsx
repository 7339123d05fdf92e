import type { JSX } from "preact";
import { useHref } from "../../lib/site/context.ts";
import { Document } from "../components/Document.tsx";
import { paths } from "../components/format.ts";

/** The site's 404 page (unknown versions, studies, architectures, records, anything else). */
export default function NotFound(): JSX.Element {
  const href = useHref();
  return (
    <Document title="Not found">
      <h1>Not found</h1>
      <p>
        No such page: the version, study, architecture or record is not among the published results.
        {" "}
        <a href={href(paths.home)}>Back to the leaderboards</a> or see{" "}
        <a href={href(paths.versions)}>every version</a>.
      </p>
    </Document>
  );
}
