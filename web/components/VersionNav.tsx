import type { JSX } from "preact";
import { useHref, usePage } from "../../lib/site/context.ts";
import { paths } from "./format.ts";

/**
 * The version selector: one link per published suite version (newest first); the version shown
 * is marked with `aria-current`, the newest is labelled "current". Plain links: it works
 * without JavaScript and from a static host.
 */
export function VersionNav(props: { shown: string | null }): JSX.Element | null {
  const href = useHref();
  const { state } = usePage();
  const versions = state.site.versions;
  if (versions.length === 0) return null;
  return (
    <nav class="versions" aria-label="Suite version">
      <span class="label">Suite version</span>
      {versions.map((entry, index) => (
        <a
          href={href(index === 0 ? paths.home : paths.version(entry.version))}
          aria-current={entry.version === props.shown ? "page" : undefined}
          data-version={entry.version}
        >
          {entry.version}
          {index === 0 && <span class="current">(current)</span>}
        </a>
      ))}
      <a class="all" href={href(paths.versions)}>archive</a>
    </nav>
  );
}
