import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { buildReport } from "../lib/reporting/mod.ts";
import { profile } from "../lib/studies/mod.ts";
import { SUITE_VERSION } from "../lib/version.ts";

const REPORTS = new URL("../reports/", import.meta.url).pathname;

async function files(root: string): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const walk = async (folder: string) => {
    for await (const entry of Deno.readDir(folder)) {
      const path = join(folder, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) found.set(relative(root, path), await Deno.readFile(path));
    }
  };
  await walk(root);
  return found;
}

async function copyTree(from: string, to: string): Promise<void> {
  for (const [path, bytes] of await files(from)) {
    await Deno.mkdir(join(to, path, ".."), { recursive: true });
    await Deno.writeFile(join(to, path), bytes);
  }
}

// The published boards are a function of the published records: rebuilding every profile of the
// current version from a copy of reports/ gives the same leaderboard.json bytes, so no refactor or
// hand edit can move a published number unnoticed, and every published file is produced again.
// The presentation (SVG figures, REPORT.md's prose and layout) follows the renderer, which may
// change within a version (issue 16 redrew every figure); when a version is published, its SVGs
// and REPORT.md are those bytes. Older versions' boards are archives built by older code; they are
// only read, never rebuilt.
Deno.test("every published profile of this version rebuilds byte for byte from its records", async () => {
  const published = join(REPORTS, SUITE_VERSION);
  const profiles: string[] = [];
  for await (const entry of Deno.readDir(published)) {
    if (entry.isDirectory && entry.name !== "datasets" && entry.name !== "submissions") {
      profiles.push(entry.name);
    }
  }
  assert(profiles.length > 0, `no published profile under reports/${SUITE_VERSION}`);
  const root = await Deno.makeTempDir({ prefix: "report-rebuild-" });
  try {
    await copyTree(REPORTS, root);
    const before = await files(REPORTS);
    for (const name of profiles.sort()) await buildReport(profile(name).name, root);
    const after = await files(root);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [path, bytes] of before) {
      if (!path.endsWith("leaderboard.json")) continue;
      assert.deepEqual(after.get(path), bytes, `reports/${path} changed on rebuild`);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
