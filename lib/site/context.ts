import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { relativeHref } from "./href.ts";
import type { SiteData } from "./load.ts";
import type { ChangelogEntry } from "./changelog.ts";

/** What every route handler and page sees: the validated reports tree. */
export interface SiteState {
  readonly site: SiteData;
  /** `CHANGELOG.md`, parsed (empty where the site has none). */
  readonly changelog?: readonly ChangelogEntry[];
}

/** The page being rendered: its site path and the state. */
export interface PageInfo {
  readonly path: string;
  readonly state: SiteState;
}

/** Context of the page being rendered (set by the app for every page). */
export const PageContext: import("preact").Context<PageInfo | null> = createContext<
  PageInfo | null
>(null);

/**
 * A function that turns an absolute site path into a link relative to the page being rendered
 * (so that exported pages work from any sub-path). Only inside a page render.
 *
 * @example
 * ```ts ignore
 * const href = useHref();
 * return <a href={href("/architectures/mlp/")}>mlp</a>;
 * ```
 */
export function useHref(): (to: string) => string {
  const page = useContext(PageContext);
  if (page === null) throw new Error("useHref: called outside a page render");
  return (to: string) => relativeHref(page.path, to);
}

/** The page being rendered (path and state). Only inside a page render. */
export function usePage(): PageInfo {
  const page = useContext(PageContext);
  if (page === null) throw new Error("usePage: called outside a page render");
  return page;
}
