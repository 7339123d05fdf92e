// Content hashes are RFC 8785 (JCS) canonical JSON under SHA-256, so a Python user recomputes
// them with nothing from this repository but the rule: tests/python/record_hash.py carries a
// small JCS in the standard library and must agree with lib/io's canonicalJson on every
// published record and on numbers and strings chosen to differ between JSON writers.
import assert from "node:assert/strict";
import { join } from "node:path";
import { canonicalJson } from "../lib/io/mod.ts";

const here = new URL("./python/", import.meta.url).pathname;

async function python(script: string, args: string[], input?: string) {
  const child = new Deno.Command("python3", {
    args: [join(here, script), ...args],
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (input !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(input));
    await writer.close();
  }
  const output = await child.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function publishedRecords(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(".json") && path.includes("/records/")) found.push(path);
    }
  };
  await walk(new URL("../reports/", import.meta.url).pathname);
  return found.sort();
}

Deno.test("Python recomputes the content hash of every published record", async () => {
  const paths = await publishedRecords();
  assert(paths.length >= 592, `only ${paths.length} published records found`);
  const result = await python("record_hash.py", paths);
  assert.equal(
    result.code,
    0,
    result.stdout.split("\n").filter((l) => /MISMATCH/.test(l)).join("\n") + result.stderr,
  );
  assert.equal(
    result.stdout.trim().split("\n").filter((line) => line.endsWith(" ok")).length,
    paths.length,
  );
});

Deno.test("Python's JCS and canonicalJson agree on numbers and strings where JSON writers differ", async () => {
  const value = {
    numbers: [
      0,
      -0,
      1,
      -1,
      100,
      1e21,
      1e20,
      123456789012345680000,
      1e-7,
      1e-6,
      0.000001234,
      1.5e-10,
      5e-324,
      1.7976931348623157e308,
      0.1,
      0.30000000000000004,
      2 ** 53,
      2 ** 53 + 2,
      1 / 3,
      -2.5e-8,
      4.35,
      0.0001,
      12.5e5,
      9.007199254740993e15,
    ],
    strings: ["", "é", "\u2028", "\u0000\u001f", '"\\', "\b\f\n\r\t", "😀", "\u007f"],
    "é": 1,
    "a": 2,
    "\u00e0": 3,
    "Z": 4,
    nested: { b: [true, false, null], a: {} },
  };
  const text = JSON.stringify(value);
  const result = await python("jcs_of.py", [], text);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, canonicalJson(JSON.parse(text)));
});

Deno.test("a record edited after hashing fails the Python check", async () => {
  const [first] = await publishedRecords();
  const record = JSON.parse(await Deno.readTextFile(first));
  record.metrics = { ...record.metrics, tampered: 1 };
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(path, JSON.stringify(record));
    const result = await python("record_hash.py", [path]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /MISMATCH/);
  } finally {
    await Deno.remove(path);
  }
});
