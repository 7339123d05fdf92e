import { dirname } from "node:path";

/**
 * Writes a file atomically: the content goes into a temporary file in the same folder (made if
 * missing), which is then renamed onto `path`, so a reader never sees half a file and a failed
 * write leaves nothing behind (the temporary file is removed, an existing `path` is untouched).
 *
 * `content` is text (written as UTF-8), bytes, or a function that writes the open temporary file
 * itself (for content streamed in pieces); the function's result is returned once the file is in
 * place.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { writeAtomic } from "./write_atomic.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const path = join(folder, "sub", "note.txt");
 * await writeAtomic(path, "hello\n");
 * assert.equal(await Deno.readTextFile(path), "hello\n");
 *
 * await assert.rejects(writeAtomic(path, () => Promise.reject(new Error("disk full"))));
 * assert.equal(await Deno.readTextFile(path), "hello\n"); // untouched
 * assert.deepEqual([...Deno.readDirSync(join(folder, "sub"))].map((entry) => entry.name), ["note.txt"]);
 *
 * const size = await writeAtomic(path, async (file) => await file.write(new Uint8Array([104, 105])));
 * assert.equal(size, 2);
 * assert.equal(await Deno.readTextFile(path), "hi");
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void>;
export async function writeAtomic<T>(
  path: string,
  content: (file: Deno.FsFile) => Promise<T>,
): Promise<T>;
export async function writeAtomic<T>(
  path: string,
  content: string | Uint8Array | ((file: Deno.FsFile) => Promise<T>),
): Promise<T | void> {
  if (typeof path !== "string" || path === "") {
    throw new TypeError(`writeAtomic needs a file path: received ${JSON.stringify(path)}`);
  }
  await Deno.mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  // The temporary is locked while it is written: a lock that can be taken marks one whose writer
  // is gone (the OS drops a killed process's locks), which the next run removes.
  const file = await Deno.open(temporary, { write: true, create: true, truncate: true });
  try {
    let result: T | undefined;
    await file.lock(true);
    if (typeof content === "function") result = await content(file);
    else {
      const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
      for (let offset = 0; offset < bytes.length;) {
        offset += await file.write(bytes.subarray(offset));
      }
    }
    await Deno.rename(temporary, path);
    return result;
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  } finally {
    file.close();
  }
}
