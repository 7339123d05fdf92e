import type { JSX } from "preact";
import type { Handlers, PageProps } from "../../lib/site/app.ts";
import { renderMarkdown } from "../../lib/site/markdown.ts";
import { Document } from "../components/Document.tsx";

interface SubmitData {
  readonly source: string;
  readonly html: string;
}

const SUBMITTING = new URL("../../SUBMITTING.md", import.meta.url);
const CONTRACT = new URL("../../lib/models/architecture.ts", import.meta.url);
const MANIFEST = new URL("../../deno.json", import.meta.url);

/** The project's submission tasks from deno.json, as Markdown (empty when there is none). */
async function commands(): Promise<string> {
  const manifest = JSON.parse(await Deno.readTextFile(MANIFEST)) as {
    tasks?: Record<string, string | { description?: string; command?: string }>;
  };
  const tasks = Object.entries(manifest.tasks ?? {}).filter(([name]) => /submi/.test(name));
  if (tasks.length === 0) return "";
  return "\n\n## Commands\n\n" +
    tasks.map(([name, task]) =>
      `- \`deno task ${name}\`${
        typeof task === "object" && task.description ? `: ${task.description}` : ""
      }`
    ).join("\n");
}

/**
 * The module doc of a TypeScript file as Markdown: its first `/** … *\/` block with the
 * leading `*` removed; `@example Title` becomes a heading, other tags are dropped.
 */
function moduleDoc(source: string): string {
  const match = /\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match) return "";
  return match[1].split("\n").map((line) => line.replace(/^\s*\* ?/, "")).map((line) =>
    line.startsWith("@example")
      ? `### Example${line.slice(8) ? `: ${line.slice(8).trim()}` : ""}`
      : line
  ).filter((line) => !/^@(module|see)\b/.test(line)).join("\n").trim();
}

/** How to submit: SUBMITTING.md when the repository has one, else the contract's module doc. */
export const handler: Handlers<SubmitData> = {
  async GET(_request, ctx) {
    const submitting = await Deno.readTextFile(SUBMITTING).catch(() => null);
    if (submitting !== null && submitting.trim() !== "") {
      return ctx.render({
        source: "SUBMITTING.md",
        html: renderMarkdown(submitting, { relativeLinks: "drop" }),
      });
    }
    const contract = moduleDoc(await Deno.readTextFile(CONTRACT));
    return ctx.render({
      source: "lib/models/architecture.ts",
      html: renderMarkdown(`# How to submit an architecture\n\n${contract}${await commands()}\n`, {
        relativeLinks: "drop",
      }),
    });
  },
};

export default function Submit({ data }: PageProps<SubmitData>): JSX.Element {
  return (
    <Document title="How to submit" section="submit">
      <p class="muted">
        From the project's own documentation: <code>{data.source}</code>.
      </p>
      <article class="markdown" dangerouslySetInnerHTML={{ __html: data.html }} />
    </Document>
  );
}
