import assert from "node:assert/strict";
import { join } from "node:path";
import { checkLayers, importSpecifiers } from "./check_layers.ts";

const ROOT = new URL("../", import.meta.url).pathname;

async function plantedTree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "layers-" });
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
  return root;
}

Deno.test("the repository has no import cycle and no import up the flow", async () => {
  assert.deepEqual(await checkLayers(ROOT), []);
});

Deno.test("a planted file cycle, folder cycle and upward import are each named", async () => {
  const root = await plantedTree({
    "lib/data/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
    "lib/data/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
    "lib/models/m.ts": 'import type { X } from "../train/t.ts";\nexport type M = X;\n',
    "lib/train/t.ts": 'import type { M } from "../models/m.ts";\nexport type X = number;\n',
    "lib/lattice/l.ts": 'export { tf } from "../tensor/tf.ts";\n',
    "lib/tensor/tf.ts": "export const tf = 1;\n",
  });
  try {
    const problems = await checkLayers(root);
    assert(
      problems.includes("file-level import cycle: lib/data/a.ts <-> lib/data/b.ts"),
      problems.join("\n"),
    );
    assert(
      problems.some((p) =>
        p.startsWith("folder-level import cycle: lib/models <-> lib/train") &&
        p.includes("lib/models/m.ts -> lib/train/t.ts")
      ),
      problems.join("\n"),
    );
    assert(
      problems.includes(
        "import up the flow: lib/lattice/l.ts (lib/lattice) -> lib/tensor/tf.ts (lib/tensor)",
      ),
      problems.join("\n"),
    );
    const clean = await plantedTree({
      "lib/data/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
      "lib/data/b.ts": "export const b = 1;\n",
      "lib/models/m.ts": 'import { a } from "../data/a.ts";\nexport const m = a;\n',
    });
    assert.deepEqual(await checkLayers(clean), []);
    await Deno.remove(clean, { recursive: true });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("private files, export * and _ names are each reported", async () => {
  const root = await plantedTree({
    "lib/data/_hidden.ts": "export const hidden = 1;\n",
    "lib/data/mod.ts": 'export { hidden } from "./_hidden.ts";\nexport * from "./open.ts";\n',
    "lib/data/open.ts": "const _secret = 2;\nexport const open = _secret;\n",
    "lib/models/m.ts": 'import { hidden } from "../data/_hidden.ts";\nexport const m = hidden;\n',
  });
  try {
    assert.deepEqual((await checkLayers(root)).sort(), [
      "export * in lib/data/mod.ts: list the public names explicitly",
      "name with a _ prefix declared in lib/data/open.ts: _secret",
      "private file imported from another folder: lib/models/m.ts -> lib/data/_hidden.ts",
      "private file re-exported by a barrel: lib/data/mod.ts -> lib/data/_hidden.ts",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a folder outside every layer is reported, not silently allowed", async () => {
  const root = await plantedTree({
    "lib/misc/x.ts": 'import { a } from "../data/a.ts";\nexport const x = a;\n',
    "lib/data/a.ts": "export const a = 1;\n",
  });
  try {
    assert.deepEqual(await checkLayers(root), [
      "lib/misc belongs to no layer: add it to LAYERS in tests/check_layers.ts",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("imports are read from code only: comments, strings and regular expressions aside", () => {
  const text = [
    '/** @example\n * import { x } from "./doc.ts";\n */',
    'import { a } from "./a.ts";',
    'import type {\n  B,\n} from "../b.ts";',
    'export { c } from "./c.ts";',
    'import "./side.ts";',
    'const lazy = await import("./lazy.ts");',
    'const re = /"/g; // import { y } from "./comment.ts";',
    'const s = "import { z } from \\"./string.ts\\"";',
  ].join("\n");
  assert.deepEqual(importSpecifiers(text).sort(), [
    "../b.ts",
    "./a.ts",
    "./c.ts",
    "./lazy.ts",
    "./side.ts",
  ]);
});

Deno.test("the submission template imports the suite through the public contract only", async () => {
  const template = await Deno.readTextFile(join(ROOT, "submissions/_template/architecture.ts"));
  assert.deepEqual(importSpecifiers(template), ["topolearn/contract"]);
  const manifest = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  assert.equal(manifest.exports["./contract"], "./lib/contract.ts");
  assert.equal(manifest.imports["topolearn/contract"], "./lib/contract.ts");
  const submitting = await Deno.readTextFile(join(ROOT, "SUBMITTING.md"));
  for (const match of submitting.matchAll(/topolearn\/[\w/.-]+/g)) {
    assert.equal(match[0], "topolearn/contract", `SUBMITTING.md names ${match[0]}`);
  }
});
