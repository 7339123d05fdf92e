import type { JSX } from "preact";
import type { PageProps } from "../../../lib/site/app.ts";
import { useHref } from "../../../lib/site/context.ts";
import { siteArchitectures } from "../../../lib/site/lookup.ts";
import { Badges } from "../../components/Badges.tsx";
import { Document } from "../../components/Document.tsx";
import { paths } from "../../components/format.ts";

/** Every architecture: the registry's and any seen in the reports. */
export default function Architectures({ state }: PageProps): JSX.Element {
  const href = useHref();
  return (
    <Document title="Architectures" section="architectures">
      <h1>Architectures</h1>
      <table class="architectures">
        <thead>
          <tr>
            <th scope="col">name</th>
            <th scope="col">version</th>
            <th scope="col">inputs</th>
            <th scope="col">description</th>
          </tr>
        </thead>
        <tbody>
          {siteArchitectures(state.site).map((a) => (
            <tr>
              <td>
                <a href={href(paths.architecture(a.name))}>{a.name}</a>{" "}
                <Badges
                  exactInvariant={a.exactInvariant}
                  sizeAgnostic={a.sizeAgnostic}
                  community={!a.registered}
                  badges={a.trainedElsewhere ? ["trained-elsewhere"] : undefined}
                />
              </td>
              <td>{a.version ?? "n/a"}</td>
              <td>{a.representations.join(", ") || "n/a"}</td>
              <td>{a.description ?? "An outside submission, known from its records."}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Document>
  );
}
