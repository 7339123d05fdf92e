import { compareVersions, isVersion } from "./semver.ts";

/** One version's section of `CHANGELOG.md`. */
export interface ChangelogEntry {
  readonly version: string;
  /** The date in the heading (`YYYY-MM-DD`), or `null` (unreleased). */
  readonly date: string | null;
  /** The `**What changed.**` paragraph (markdown), or the section's text. */
  readonly changed: string;
  /** The `**Why.**` paragraph, or `null`. */
  readonly why: string | null;
  /** The versions a `**Supersedes 0.1.0, 0.2.0.**` paragraph names, and its reason. */
  readonly supersedes: { readonly versions: readonly string[]; readonly reason: string } | null;
}

/**
 * Parses `CHANGELOG.md`: one `## <version>` section per suite version (`## 0.3.0 — 2026-12-02`
 * or `## 0.3.0 (unreleased)`), each with paragraphs led by `**What changed.**`, `**Why.**` and
 * optionally `**Supersedes 0.1.0, 0.2.0.**` (the reason follows). A heading whose version is not
 * `x.y.z` is a `SyntaxError` naming the line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseChangelog } from "./changelog.ts";
 *
 * const [entry] = parseChangelog([
 *   "# Changelog", "", "## 0.3.0 — 2026-12-02", "",
 *   "**What changed.** New data.", "", "**Why.** A leak.", "",
 *   "**Supersedes 0.1.0, 0.2.0.** Their datasets leaked the answer.",
 * ].join("\n"));
 * assert.equal(entry.date, "2026-12-02");
 * assert.equal(entry.why, "A leak.");
 * assert.deepEqual(entry.supersedes, { versions: ["0.1.0", "0.2.0"], reason: "Their datasets leaked the answer." });
 * ```
 */
export function parseChangelog(text: string): ChangelogEntry[] {
  if (typeof text !== "string") {
    throw new TypeError(
      `parseChangelog: expected the text of CHANGELOG.md, received ${typeof text}`,
    );
  }
  const entries: ChangelogEntry[] = [];
  const lines = text.split("\n");
  let current: { version: string; date: string | null; body: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const paragraphs = current.body.join("\n").split(/\n\s*\n/).map((p) => p.trim()).filter(
      Boolean,
    );
    const led = (lead: RegExp) => {
      const found = paragraphs.find((p) => lead.test(p));
      return found ? found.replace(lead, "").replace(/\s+/g, " ").trim() : null;
    };
    const supersedesParagraph = paragraphs.find((p) => /^\*\*Supersedes [^*]+\*\*/.test(p));
    let supersedes: ChangelogEntry["supersedes"] = null;
    if (supersedesParagraph) {
      const match = /^\*\*Supersedes ([^*]+?)\.?\*\*/.exec(supersedesParagraph)!;
      supersedes = {
        versions: match[1].split(/[,\s]+(?:and\s+)?/).map((v) => v.trim()).filter(isVersion),
        reason: supersedesParagraph.slice(match[0].length).replace(/\s+/g, " ").trim(),
      };
    }
    entries.push({
      version: current.version,
      date: current.date,
      changed: led(/^\*\*What changed\.?\*\*/) ??
        paragraphs.filter((p) => !/^\*\*/.test(p)).join(" ").replace(/\s+/g, " "),
      why: led(/^\*\*Why\.?\*\*/),
      supersedes,
    });
  };
  lines.forEach((line, index) => {
    const heading = /^## (\S+)(.*)$/.exec(line);
    if (heading) {
      flush();
      if (!isVersion(heading[1])) {
        throw new SyntaxError(
          `CHANGELOG.md line ${index + 1}: expected "## <x.y.z>", found "${line}"`,
        );
      }
      const date = /\d{4}-\d{2}-\d{2}/.exec(heading[2]);
      current = { version: heading[1], date: date ? date[0] : null, body: [] };
    } else if (current) current.body.push(line);
  });
  flush();
  return entries;
}

/** Whether a version is superseded, by which, and why. */
export interface Supersession {
  readonly by: string;
  readonly reason: string;
}

/**
 * Which of the `present` versions are superseded: every version older than the newest one and
 * not compatible with it (a different major, or in 0.x a different minor) is superseded by the
 * newest, for the reason its changelog section gives (its `Supersedes` paragraph where that
 * names the version, else its `Why`, else a generic sentence).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { supersessions } from "./changelog.ts";
 *
 * const marks = supersessions(["0.3.0", "0.2.0", "0.1.0"], [
 *   { version: "0.3.0", date: null, changed: "", why: "w", supersedes: { versions: ["0.2.0"], reason: "r" } },
 * ]);
 * assert.deepEqual(marks.get("0.2.0"), { by: "0.3.0", reason: "r" });
 * assert.deepEqual(marks.get("0.1.0"), { by: "0.3.0", reason: "w" });
 * assert.equal(marks.has("0.3.0"), false);
 * ```
 */
export function supersessions(
  present: readonly string[],
  changelog: readonly ChangelogEntry[],
): Map<string, Supersession> {
  const versions = present.filter(isVersion).sort(compareVersions).reverse();
  const marks = new Map<string, Supersession>();
  const newest = versions[0];
  if (!newest) return marks;
  const line = (version: string) => {
    const [major, minor] = version.split(".").map(Number);
    return major === 0 ? `0.${minor}` : String(major);
  };
  const entry = changelog.find((item) => item.version === newest);
  for (const version of versions.slice(1)) {
    if (line(version) === line(newest)) continue;
    const reason = entry?.supersedes?.versions.includes(version)
      ? entry.supersedes.reason
      : entry?.why ??
        `suite ${newest} changes what the boards measure; results of different versions never share a board`;
    marks.set(version, { by: newest, reason });
  }
  return marks;
}
