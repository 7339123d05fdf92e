// Every file under a folder with its SHA-256, sorted: tests compare two of these to show that a
// refused submission wrote or changed nothing.
import { createHash } from "node:crypto";
import { join } from "node:path";

/** `"<path> <sha256>"` for every file under `root` (none where `root` does not exist), sorted. */
export async function treeDigests(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string) => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else {
        const digest = createHash("sha256").update(await Deno.readFile(child)).digest("hex");
        out.push(`${child} ${digest}`);
      }
    }
  };
  await walk(root).catch(() => {});
  return out.sort();
}
