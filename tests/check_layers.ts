/**
 * The layer check: reads every import of `lib/`, `bench/`, `web/` and `mod.ts` as text and fails
 * on any file-level import cycle, any cycle between `lib/` folders, any import that runs up the
 * flow (a layer importing a layer above it), and any break of the privacy rules (a private
 * `_file.ts` imported from another folder or re-exported by a barrel, `export *`, a `_name`
 * declared inside a file). The flow is {@linkcode LAYERS}, the same list
 * that ARCHITECTURE.md explains. `deno task layers` runs it; `deno task ok` and CI run that task.
 *
 * Run: `deno run --allow-read tests/check_layers.ts [ROOT]` (exit 1 and one line per problem).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkLayers } from "./check_layers.ts";
 *
 * const problems = await checkLayers(".");
 * assert.deepEqual(problems, []);
 * ```
 *
 * @module
 */
import { dirname, join, normalize, relative } from "node:path";

/**
 * The layers from the bottom of the flow to the top. A unit is a `lib/` folder (`lib/data`), a
 * file directly in `lib/` (`lib/rng.ts`), or a top-level folder (`bench`, `web`). A unit may
 * import its own layer's units and any lower layer's, never a higher one. Units on one line are
 * one layer; two of them must still not form a cycle.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["lib/version.ts"],
  ["lib/io"],
  ["lib/rng.ts", "lib/linalg"],
  ["lib/lattice"],
  ["lib/invariants"],
  ["lib/gpu"],
  ["lib/data"],
  ["lib/tensor"],
  ["lib/models"],
  ["lib/contract.ts"],
  ["lib/train"],
  ["lib/fit"],
  ["lib/records"],
  ["lib/studies"],
  ["lib/reporting"],
  ["lib/submissions"],
  ["lib/sweeps"],
  ["lib/site"],
  ["lib/cli"],
  ["mod.ts"],
  ["bench", "web"],
];

/** One import between two files of the tree, paths relative to the root. */
export interface ImportEdge {
  /** The importing file. */
  readonly from: string;
  /** The imported file. */
  readonly to: string;
}

const SOURCE = /\.(ts|tsx)$/;

function stripComments(text: string): string {
  // Removes block and line comments while keeping string literals intact.
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      out += " ";
    } else if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (c === "/" && /[(,=:[!&|?{};]$|^$/.test(out.trimEnd().slice(-1))) {
      // A regular-expression literal: skip to its closing slash (outside any character class).
      let j = i + 1;
      let inClass = false;
      while (j < text.length && (inClass || text[j] !== "/") && text[j] !== "\n") {
        if (text[j] === "\\") j++;
        else if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^;"'`]*?\sfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** The module specifiers a source text imports (static, side-effect and literal dynamic ones). */
export function importSpecifiers(text: string): string[] {
  const code = stripComments(text);
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const match of code.matchAll(pattern)) found.add(match[1]);
  }
  return [...found];
}

async function sourceFiles(root: string, folder: string): Promise<string[]> {
  const files: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(join(root, folder))];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return files;
    throw error;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      if (path === join("web", "static")) continue;
      files.push(...await sourceFiles(root, path));
    } else if (entry.isFile && SOURCE.test(entry.name)) files.push(path);
  }
  return files;
}

/** Every source file of `lib/`, `bench/`, `web/` and the top-level `mod.ts`, sorted. */
export async function treeFiles(root: string): Promise<string[]> {
  const files = [
    ...await sourceFiles(root, "lib"),
    ...await sourceFiles(root, "bench"),
    ...await sourceFiles(root, "web"),
    ...["mod.ts"].filter((file) => {
      try {
        return Deno.statSync(join(root, file)).isFile;
      } catch {
        return false;
      }
    }),
  ];
  return files.sort();
}

/** Every import between source files of `lib/`, `bench/`, `web/` and the top-level modules. */
export async function importEdges(root: string): Promise<ImportEdge[]> {
  const files = await treeFiles(root);
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = await Deno.readTextFile(join(root, from));
    for (const specifier of importSpecifiers(text)) {
      let target: string;
      if (specifier.startsWith("topolearn/")) target = specifier.slice("topolearn/".length);
      else if (specifier.startsWith(".")) {
        target = relative(".", normalize(join(dirname(from), specifier)));
      } else continue;
      if (!SOURCE.test(target)) continue;
      edges.push({ from, to: target });
    }
  }
  return edges;
}

/** The unit (layer member) a file belongs to, or `undefined` for files outside every layer. */
export function unitOf(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] === "lib") return parts.length === 2 ? file : `lib/${parts[1]}`;
  if (parts.length === 1) return file;
  return parts[0];
}

function layerIndex(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Strongly connected components of size > 1 (or self-loops) of a directed graph. */
export function cycles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || next.get(node)!.has(node)) found.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * Every layering problem of the tree at `root`, one sentence each, naming the files: file cycles,
 * folder cycles, imports up the flow, and units that belong to no layer. Empty when clean.
 */
export async function checkLayers(root: string): Promise<string[]> {
  const edges = await importEdges(root);
  const problems: string[] = [];
  for (const cycle of cycles(edges)) {
    problems.push(`file-level import cycle: ${cycle.join(" <-> ")}`);
  }
  const unitEdges = new Map<string, ImportEdge>();
  for (const edge of edges) {
    const from = unitOf(edge.from)!;
    const to = unitOf(edge.to);
    if (to === undefined || from === to) continue;
    if (!unitEdges.has(`${from}\0${to}`)) unitEdges.set(`${from}\0${to}`, edge);
  }
  const folderEdges = [...unitEdges.keys()].map((key) => {
    const [from, to] = key.split("\0");
    return { from, to };
  });
  for (const cycle of cycles(folderEdges)) {
    const witnesses = folderEdges
      .filter(({ from, to }) => cycle.includes(from) && cycle.includes(to))
      .map(({ from, to }) => {
        const edge = unitEdges.get(`${from}\0${to}`)!;
        return `${edge.from} -> ${edge.to}`;
      });
    problems.push(`folder-level import cycle: ${cycle.join(" <-> ")} (${witnesses.join("; ")})`);
  }
  const unknown = new Set<string>();
  for (const [key, edge] of unitEdges) {
    const [from, to] = key.split("\0");
    const fromLayer = layerIndex(from);
    const toLayer = layerIndex(to);
    for (const [unit, layer] of [[from, fromLayer], [to, toLayer]] as const) {
      if (layer < 0 && !unknown.has(unit)) {
        unknown.add(unit);
        problems.push(`${unit} belongs to no layer: add it to LAYERS in tests/check_layers.ts`);
      }
    }
    if (fromLayer >= 0 && toLayer > fromLayer) {
      problems.push(`import up the flow: ${edge.from} (${from}) -> ${edge.to} (${to})`);
    }
  }
  problems.push(...await checkPrivacy(root, edges));
  return problems;
}

const UNDERSCORE_DECLARATION =
  /^\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+(_[A-Za-z0-9_$]+)/gm;

/**
 * The privacy rules: a private file (`_name.ts`) is imported only from its own folder (tests
 * aside) and never re-exported by a barrel; barrels list their names (no `export *`); names
 * declared inside files carry no `_` prefix.
 */
async function checkPrivacy(root: string, edges: readonly ImportEdge[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const name = to.split("/").at(-1)!;
    // Fresh's special route files (`_404.tsx`, `_app.tsx`, …) are routes, not private files.
    if (!name.startsWith("_") || to.startsWith("web/routes/")) continue;
    if (dirname(from) !== dirname(to)) {
      problems.push(`private file imported from another folder: ${from} -> ${to}`);
    } else if (from.endsWith("/mod.ts") || from === "mod.ts") {
      problems.push(`private file re-exported by a barrel: ${from} -> ${to}`);
    }
  }
  for (const file of await treeFiles(root)) {
    const code = stripComments(await Deno.readTextFile(join(root, file)));
    if (/^export\s+\*/m.test(code)) {
      problems.push(`export * in ${file}: list the public names explicitly`);
    }
    for (const match of code.matchAll(UNDERSCORE_DECLARATION)) {
      problems.push(`name with a _ prefix declared in ${file}: ${match[1]}`);
    }
  }
  return problems;
}

if (import.meta.main) {
  const root = Deno.args[0] ?? ".";
  if (Deno.args.includes("--help") || Deno.args.length > 1) {
    console.log(
      "deno task layers — fail on import cycles and on imports that run up the flow\n\n" +
        "Usage:\n  deno task layers [ROOT]\n\nReads every import of lib/, bench/, web/ and mod.ts under ROOT " +
        "(default .) and\nprints one line per file cycle, lib/ folder cycle or import up the flow; exit 1 " +
        "if any.\nThe layers are LAYERS in tests/check_layers.ts, explained in ARCHITECTURE.md.",
    );
    Deno.exit(Deno.args.includes("--help") ? 0 : 2);
  }
  const problems = await checkLayers(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} layering problem(s)`);
    Deno.exit(1);
  }
  const edges = await importEdges(root);
  console.log(`layers ok: ${edges.length} imports, no cycles, none up the flow`);
}
