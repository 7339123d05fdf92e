import { createHash } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Options of `bundleIslands`. */
export interface BundleOptions {
  /** Island name → absolute path of its module (default export: the component). */
  readonly islands: Readonly<Record<string, string>>;
  /** Where the bundles go (`<Name>.js` plus shared chunks); reused while the inputs match. */
  readonly outDir: string;
  /** Files whose content decides whether a cached bundle is still good. */
  readonly inputs: readonly string[];
  /** The deno.json with the import map (default: the project's). */
  readonly config?: string;
}

/**
 * Bundles each island for the browser with `deno bundle` (minified ES modules, code splitting
 * so that preact and chart.js are shared): `<outDir>/<Name>.js` hydrates every
 * `[data-island="<Name>"]` element from its `data-props`. The output is cached: a key over the
 * inputs, the island list and the Deno version is kept in `<outDir>/.key`. Returns the files
 * (name → bytes).
 *
 * @example
 * ```ts ignore
 * const files = await bundleIslands({ islands: { Chart: "/abs/web/islands/Chart.tsx" }, outDir, inputs });
 * ```
 */
export async function bundleIslands(
  options: BundleOptions,
): Promise<Map<string, Uint8Array<ArrayBuffer>>> {
  const config = options.config ?? new URL("../../deno.json", import.meta.url).pathname;
  const hash = createHash("sha256").update(Deno.version.deno).update(
    JSON.stringify(options.islands),
  );
  for (const input of [...options.inputs, config].sort()) {
    hash.update(input).update(await Deno.readFile(input));
  }
  const key = hash.digest("hex");
  const cached = await Deno.readTextFile(join(options.outDir, ".key")).catch(() => null);
  if (cached !== key) await bundleOnce(options, config, key);
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for await (const entry of Deno.readDir(options.outDir)) {
    if (entry.isFile && entry.name.endsWith(".js")) {
      files.set(entry.name, await Deno.readFile(join(options.outDir, entry.name)));
    }
  }
  for (const name of Object.keys(options.islands)) {
    if (!files.has(`${name}.js`)) {
      throw new Error(`bundleIslands: no ${name}.js in ${options.outDir}`);
    }
  }
  return files;
}

async function bundleOnce(options: BundleOptions, config: string, key: string): Promise<void> {
  const entries = await Deno.makeTempDir({ prefix: "topolearn-islands-" });
  const staging = `${options.outDir}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    const paths: string[] = [];
    for (const [name, module] of Object.entries(options.islands)) {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        throw new RangeError(`bundleIslands: island names are PascalCase, received "${name}"`);
      }
      const path = join(entries, `${name}.js`);
      await Deno.writeTextFile(
        path,
        [
          `import Island from ${JSON.stringify(pathToFileURL(module).href)};`,
          `import { h, hydrate } from "preact";`,
          `for (const element of document.querySelectorAll('[data-island="${name}"]')) {`,
          `  hydrate(h(Island, JSON.parse(element.dataset.props ?? "{}")), element);`,
          `}`,
          "",
        ].join("\n"),
      );
      paths.push(path);
    }
    const command = new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--quiet",
        "--config",
        config,
        "--platform",
        "browser",
        "--format",
        "esm",
        "--minify",
        "--code-splitting",
        "--outdir",
        staging,
        ...paths,
      ],
      stdout: "piped",
      stderr: "piped",
    });
    const { code, stderr } = await command.output();
    if (code !== 0) {
      throw new Error(`deno bundle failed (exit ${code}):\n${new TextDecoder().decode(stderr)}`);
    }
    await Deno.writeTextFile(join(staging, ".key"), key);
    await Deno.remove(options.outDir, { recursive: true }).catch(() => {});
    await Deno.rename(staging, options.outDir);
  } finally {
    await Deno.remove(entries, { recursive: true }).catch(() => {});
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}
