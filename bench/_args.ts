// The options of `deno task bench`, parsed once for every bench file. Every bench file imports
// this module first, so `--help` prints the usage and exits before any benchmark is registered,
// and a misspelt option stops the run with its name instead of being ignored.
import { parseArgs } from "node:util";

const USAGE = `deno task bench — the suite's benchmarks: micro-benchmarks and the studies

Usage:
  deno task bench [--profile P] [--study S]... [--arch A]... [--backend B] [--shard k/n]
                  [--root DIR] [--fresh]

Options:
  --profile P    tiny, quick (default: every study in minutes), standard (what the
                 leaderboard publishes, 5 seeds) or full (paper scale, 10 seeds; shard it)
  --study S      run only these studies (repeatable); --study none: micro-benchmarks only
  --arch A       run only these architectures (repeatable)
  --backend B    auto (default), webgpu, wasm or cpu: where networks train
  --shard k/n    run the k-th of n disjoint shards (merge with deno task report merge)
  --root DIR     where records and reports go (default reports)
  --fresh        retrain the models cells share instead of loading them from .cache/models
  --help         this text

Records are written as cells complete; an interrupted run resumes, skipping cells whose
record (same config hash) exists. Progress (cell i of n, elapsed, estimate) goes to stderr.`;

/** The parsed options of `deno task bench`. */
export interface BenchFlags {
  readonly profile: string;
  readonly study?: string[];
  readonly arch?: string[];
  readonly backend: "auto" | "webgpu" | "wasm" | "cpu";
  readonly shard?: string;
  readonly root: string;
  readonly fresh: boolean;
}

function parse(): BenchFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: Deno.args,
      options: {
        profile: { type: "string", default: "quick" },
        study: { type: "string", multiple: true },
        arch: { type: "string", multiple: true },
        backend: { type: "string", default: "auto" },
        shard: { type: "string" },
        root: { type: "string", default: "reports" },
        fresh: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`deno task bench: ${(error as Error).message}\n\n${USAGE}`);
    Deno.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  if (!["auto", "webgpu", "wasm", "cpu"].includes(values.backend)) {
    console.error(
      `deno task bench: unknown backend "${values.backend}": expected auto, webgpu, wasm or cpu`,
    );
    Deno.exit(2);
  }
  return values as BenchFlags;
}

/** The options of this run (the process has exited on `--help` or a bad option). */
export const FLAGS: BenchFlags = parse();
