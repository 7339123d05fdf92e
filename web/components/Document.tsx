import type { JSX } from "preact";
import type { ComponentChildren } from "preact";
import { useHref, usePage } from "../../lib/site/context.ts";
import { paths } from "./format.ts";

/** The HTML document around every page: head, site header with navigation, footer. */
export function Document(
  props: { title: string; children: ComponentChildren; section?: string },
): JSX.Element {
  const href = useHref();
  const { state } = usePage();
  const latest = state.site.versions[0]?.version;
  const nav: Array<[string, string, string]> = [
    ["boards", "Leaderboards", paths.home],
    ["versions", "Versions", paths.versions],
    ["architectures", "Architectures", paths.architectures],
    ["submit", "How to submit", paths.submit],
  ];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · topolearn`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={href("/static/style.css")} />
      </head>
      <body>
        <header class="site">
          <a class="brand" href={href(paths.home)}>topolearn</a>
          <nav aria-label="Site">
            {nav.map(([key, label, to]) => (
              <a href={href(to)} aria-current={props.section === key ? "page" : undefined}>
                {label}
              </a>
            ))}
          </nav>
        </header>
        <main>{props.children}</main>
        <footer class="site">
          Can neural networks learn topological invariants?{" "}
          {latest ? `Current suite version ${latest}. ` : ""}
          Every number links to the record that produced it.
        </footer>
      </body>
    </html>
  );
}
