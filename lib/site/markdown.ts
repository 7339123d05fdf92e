import { Marked } from "marked";

const markdownParser = new Marked({
  gfm: true,
  renderer: {
    // Raw HTML in a document is shown as text, never passed through.
    html: ({ text }) => escape(text),
  },
});

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/** Options of `renderMarkdown`. */
export interface MarkdownOptions {
  /**
   * What relative links and images mean: `keep` (files beside the page, as in a dataset card),
   * or `drop` (paths in the repository, which the site does not serve: the link becomes its
   * text, the image its alt text).
   */
  readonly relativeLinks?: "keep" | "drop";
}

/**
 * Markdown (GitHub flavour) to HTML, for the project's own documents (SUBMITTING.md, dataset
 * cards). Raw HTML in the source is escaped, and links other than relative, `https:`, `http:`
 * or `mailto:` are dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderMarkdown } from "./markdown.ts";
 *
 * assert.equal(renderMarkdown("# Hi <b>"), "<h1>Hi &lt;b&gt;</h1>\n");
 * assert(!renderMarkdown("[x](javascript:alert(1))").includes("javascript:"));
 * assert.equal(renderMarkdown("[a](lib/a.ts)", { relativeLinks: "drop" }), "<p>a</p>\n");
 * ```
 */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): string {
  let html = markdownParser.parse(text, { async: false });
  html = html.replace(
    /(href|src)="([^"]*)"/g,
    (whole, attribute, url) =>
      /^[^/?#]*(:|&#|&colon)/i.test(url) && !/^(https?|mailto):/i.test(url)
        ? `${attribute}="#"`
        : whole,
  );
  if (options.relativeLinks === "drop") {
    const relative = (url: string) => !/^(https?:|mailto:|#)/i.test(url);
    html = html
      .replace(
        /<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g,
        (whole, url, inner) => relative(url) ? inner : whole,
      )
      .replace(
        /<img src="([^"]*)" alt="([^"]*)"[^>]*>/g,
        (whole, url, alt) => relative(url) ? alt : whole,
      );
  }
  return html;
}
