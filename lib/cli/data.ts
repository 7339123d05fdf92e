/**
 * `deno task data`: list, build, inspect and describe the standard datasets.
 *
 * @example
 * ```ts ignore
 * deno task data list --json
 * deno task data build plain-clean-32
 * deno task data build plain-disorder-32 --device gpu
 * deno task data inspect plain-disorder-32 --json
 * deno task data card --all
 * ```
 *
 * @module
 */
import { join } from "node:path";
import {
  buildDataset,
  cachePath,
  CATALOG,
  catalogSpec,
  datasetCard,
  datasetComputePlan,
  type DatasetFile,
  datasetNpz,
  type DatasetSpec,
  defaultCacheDir,
  loadDataset,
  phaseDiagramSvg,
  readSpecFile,
  summarize,
} from "../data/mod.ts";
import { type ComputeDevice, DEVICE_POLICIES, selectComputeDevice } from "../gpu/mod.ts";
import { writeAtomic } from "../io/mod.ts";
import { SUITE_VERSION } from "../version.ts";
import {
  choiceFlag,
  folderFlag,
  integerFlag,
  parseCommand,
  reportError,
  UsageError,
} from "./parse_command.ts";
import { progress } from "./_progress.ts";
import pins from "../data/catalog_hashes.json" with { type: "json" };

const HELP = `deno task data — the standard datasets of suite v${SUITE_VERSION}

Usage:
  deno task data list [--json]            the catalog: name, model, cells, samples, pinned hash
  deno task data build NAME|--all         generate (or verify the cache of) datasets
  deno task data build --spec FILE.json   a dataset from a spec file (the same generator,
                                          hashing and cache; format: schemas/dataset-spec.
                                          schema.json, example: examples/dataset-spec.json)
  deno task data inspect NAME [--json]    class counts, ambiguity rate, hash, path; with --json
                                          its "spec" is in the spec-file format
  (inspect, card and export take --spec FILE.json in place of NAME too)
  deno task data card NAME|--all [--out DIR]
                                          write the dataset card (Markdown + SVG)
  deno task data export NAME|--all [--format npz] [--out DIR]
                                          the dataset for Python: NAME.npz (every stored array
                                          of every split, np.load reads it) and
                                          NAME.manifest.json (spec, content hash, versions,
                                          arrays); DATASETS.md documents both
  deno task data pin                      rebuild every catalog dataset and rewrite the pinned
                                          hashes (lib/data/catalog_hashes.json) — only with a
                                          suite version bump

Options:
  --device ${DEVICE_POLICIES.join("|")}
                 where labels are computed (build, inspect, card; default auto). cpu: the
                 float64 reference. gpu: WebGPU (a software adapter accepted) labels the plain
                 chiral chains and computes their projector in float32, per chunk in the main
                 thread; amplitudes, hamiltonian, the bulk gap, the extended model and on-site
                 disorder stay on the CPU. auto: the GPU on a hardware adapter only, else the CPU.
  --workers K    worker threads for generation, in [1, 64] (default: all cores, at most 8; CPU
                 builds only)
  --cache DIR    dataset cache (default $TOPOLEARN_CACHE or ./.cache/datasets); --cache and --out
                 are made if missing, inside an existing parent folder only
  --out DIR      where cards go (default reports/${SUITE_VERSION}/datasets), or exports
                 (default ./exports)
  --format npz   the export format (only npz: NumPy's zip of .npy files)
  --json         machine-readable output on stdout
  --help         this text

A dataset's content hash is SHA-256 over its canonical spec, the generator version and its
bytes; builds are checked against the hash pinned for this suite version, and a cached file
that fails its hash is refused and rebuilt. A GPU build differs from the CPU reference at
~1e-5 (and in a label only where ν is that close to a rounding boundary): it is a different
dataset, with the compute device in its header, its own cache file and content hash, and it is
not checked against the pin (pinned hashes are CPU builds; pin always builds on the CPU).`;

const PINS = pins as Record<string, string>;
/** The accepted range of --workers (inclusive). */
const WORKER_RANGE = [1, 64] as const;
const EXPORT_FORMATS = ["npz"] as const;

/** Runs the command with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      all: { type: "boolean" },
      json: { type: "boolean" },
      workers: { type: "string" },
      device: { type: "string" },
      cache: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      spec: { type: "string" },
      help: { type: "boolean", short: "h" },
    } as const,
    HELP,
    { positionals: [1, Infinity] },
  );
  if (typeof parsed === "number") return parsed;
  const { values: flags, positionals } = parsed;
  let device: ComputeDevice | null = null;
  try {
    const [command, ...names] = positionals;
    if ((command === "list" || command === "pin") && names.length > 0) {
      throw new UsageError(`${command} takes no NAME: received "${names.join(" ")}"`);
    }
    const workers = integerFlag(
      flags,
      "workers",
      Math.min(navigator.hardwareConcurrency || 1, 8),
      WORKER_RANGE,
    );
    const policy = choiceFlag(flags, "device", DEVICE_POLICIES, "auto");
    if (command === "pin" && policy === "gpu") {
      throw new UsageError(
        "pin builds the CPU reference only (pinned hashes are CPU builds): drop --device gpu",
      );
    }
    const cacheDir = await folderFlag(flags, "cache", { create: true }) ?? defaultCacheDir();
    const outDir = await folderFlag(flags, "out", {
      create: command === "card" || command === "export",
    });
    const computeDevice = async (): Promise<ComputeDevice> => {
      if (!device) {
        device = await selectComputeDevice(policy);
        const where = device.kind === "gpu"
          ? `gpu (${device.context.adapter.description || "unnamed adapter"})`
          : "cpu";
        console.error(`device: ${where}: ${device.reason}`);
      }
      return device;
    };
    const fromFile = flags.spec === undefined ? null : await readSpecFile(flags.spec);
    if (fromFile && (flags.all || names.length > 0)) {
      throw new UsageError("Give a dataset NAME, --all or --spec FILE, not more than one");
    }
    const selected = (): DatasetSpec[] => {
      if (fromFile) return [fromFile];
      if (flags.all) return [...CATALOG];
      if (names.length === 0) throw new UsageError(`${command} needs a dataset NAME or --all`);
      return names.map(catalogSpec);
    };
    const open = async (spec: DatasetSpec): Promise<DatasetFile> => {
      const chosen = await computeDevice();
      const plan = datasetComputePlan(spec, chosen);
      if (chosen.kind === "gpu" && plan.compute.kind === "cpu") {
        console.error(`${spec.name}: ${plan.reason}`);
      }
      const total = spec.splits.train + spec.splits.validation + spec.splits.test;
      const bar = progress(`building ${spec.name} (${plan.compute.kind})`, total);
      const file = await loadDataset(spec, {
        cacheDir,
        workers,
        device: chosen,
        onProgress: ({ done }) => bar.update(done),
      });
      bar.finish();
      const pinned = PINS[spec.name];
      if (file.compute.kind === "gpu") {
        console.error(
          `${spec.name}: built on the GPU (${
            file.compute.adapter?.description || "unnamed adapter"
          }, ${file.compute.precision}): a different dataset from the pinned CPU reference; ` +
            "its hash is not checked against the pin",
        );
      } else if (pinned && pinned !== file.hash) {
        file.close();
        throw new Error(
          `${spec.name}: built hash ${file.hash} differs from the hash pinned for suite ${SUITE_VERSION} (${pinned}): ` +
            "the generator changed without a version bump, or this platform computes differently",
        );
      }
      return file;
    };
    switch (command) {
      case "list": {
        const rows = CATALOG.map((spec) => ({
          name: spec.name,
          model: spec.model,
          cells: spec.cells,
          samples: spec.splits.train + spec.splits.validation + spec.splits.test,
          splits: spec.splits,
          hash: PINS[spec.name] ?? null,
        }));
        if (flags.json) console.log(JSON.stringify(rows));
        else {
          for (const row of rows) {
            console.log(
              `${row.name.padEnd(20)} ${row.model.padEnd(9)} ${
                String(row.cells).padStart(4)
              } cells ${String(row.samples).padStart(6)} samples  ${row.hash ?? "(not pinned)"}`,
            );
          }
        }
        return 0;
      }
      case "build": {
        for (const spec of selected()) {
          const began = performance.now();
          const file = await open(spec);
          const seconds = (performance.now() - began) / 1000;
          console.log(
            `${spec.name}  ${file.hash}  ${file.path}  (${file.compute.kind}, ${
              seconds.toFixed(1)
            } s)`,
          );
          file.close();
        }
        return 0;
      }
      case "inspect": {
        if (!fromFile && names.length !== 1) {
          throw new UsageError("inspect takes exactly one dataset NAME (or --spec FILE)");
        }
        const file = await open(fromFile ?? catalogSpec(names[0]));
        const summary = {
          ...summarize(file),
          path: file.path,
          spec: file.spec,
          compute: file.compute,
        };
        file.close();
        if (flags.json) console.log(JSON.stringify(summary));
        else {
          console.log(
            `${summary.name}: ${summary.model}, ${summary.cells} cells, ${summary.samples} samples`,
          );
          console.log(`hash ${summary.hash}\npath ${summary.path}`);
          console.log(
            `compute ${summary.compute.kind}, ${summary.compute.precision}, ${summary.compute.algorithm}${
              summary.compute.adapter ? `, ${summary.compute.adapter.description}` : ""
            }`,
          );
          for (const [split, counts] of Object.entries(summary.classCounts)) {
            console.log(
              `  ${split.padEnd(10)} ${JSON.stringify(counts)}  ambiguous ${
                summary.ambiguous[split as "train"]
              }`,
            );
          }
          console.log(`ambiguity rate ${(100 * summary.ambiguityRate).toFixed(2)}%`);
        }
        return 0;
      }
      case "card": {
        const out = outDir ?? join("reports", SUITE_VERSION, "datasets");
        await Deno.mkdir(out, { recursive: true });
        for (const spec of selected()) {
          const file = await open(spec);
          await writeAtomic(join(out, `${spec.name}.md`), datasetCard(file) + computeNote(file));
          await writeAtomic(join(out, `${spec.name}.svg`), phaseDiagramSvg(file));
          console.log(`${join(out, spec.name)}.md, .svg`);
          file.close();
        }
        return 0;
      }
      case "export": {
        const format = choiceFlag(flags, "format", EXPORT_FORMATS, "npz");
        const out = outDir ?? "exports";
        const specs = selected();
        await Deno.mkdir(out, { recursive: true });
        for (const spec of specs) {
          const file = await open(spec);
          try {
            const { npz, manifest } = datasetNpz(file);
            await writeAtomic(join(out, `${spec.name}.${format}`), npz);
            await writeAtomic(
              join(out, `${spec.name}.manifest.json`),
              JSON.stringify(manifest, null, 2) + "\n",
            );
            console.log(
              `${
                join(out, spec.name)
              }.${format}, .manifest.json  (${manifest.arrays.length} arrays, ${
                (npz.length / 2 ** 20).toFixed(1)
              } MiB)`,
            );
          } finally {
            file.close();
          }
        }
        return 0;
      }
      case "pin": {
        const hashes: Record<string, string> = {};
        for (const spec of CATALOG) {
          const path = cachePath(spec, cacheDir);
          const bar = progress(
            `building ${spec.name}`,
            spec.splits.train + spec.splits.validation + spec.splits.test,
          );
          hashes[spec.name] = (await buildDataset(spec, path, {
            workers,
            onProgress: ({ done }) => bar.update(done),
          })).hash;
          bar.finish();
        }
        const target = new URL("../data/catalog_hashes.json", import.meta.url);
        await writeAtomic(target.pathname, JSON.stringify(hashes, null, 2) + "\n");
        console.log(`pinned ${Object.keys(hashes).length} hashes in ${target.pathname}`);
        return 0;
      }
      default:
        throw new UsageError(
          `Unknown command "${command}": expected list, build, inspect, card, export or pin`,
        );
    }
  } catch (error) {
    return reportError(error);
  } finally {
    const chosen = device as ComputeDevice | null; // assigned in a closure
    if (chosen?.kind === "gpu") chosen.context.device.destroy();
  }
}

// Cards of GPU builds say so; CPU cards are unchanged.
function computeNote(file: DatasetFile): string {
  const { compute } = file;
  if (compute.kind !== "gpu") return "";
  return `\n## Compute\n\nLabels and the \`projector\` representation were computed on the GPU (${
    compute.adapter?.description || "unnamed adapter"
  }, ${compute.precision}, ${compute.algorithm}): this is not the pinned CPU reference build.\n`;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
