// The options of `deno task bench`, parsed once for every bench file with the strict parser
// every command uses (`parseCommand`). Every bench file imports this module first, so `--help`
// prints the usage and exits before any benchmark is registered, and a misspelt option, an
// unknown profile, backend, study or architecture, or a malformed shard stops the run, named,
// before any work (no benchmark registered, no dataset built, no adapter requested). Below this edge the options are typed values: a `Profile`, a
// `BackendChoice`, the planned cells.
import { choiceFlag, parseCommand, reportError } from "../lib/cli/parse_command.ts";
import { exitWhenOrphaned } from "../lib/cli/exit_when_orphaned.ts";
import { planCells, type PlannedCell, type Profile, profile } from "../lib/studies/mod.ts";
import { BACKEND_CHOICES, type BackendChoice } from "../lib/tensor/backends.ts";

const USAGE = `deno task bench — the suite's benchmarks: micro-benchmarks and the studies

Usage:
  deno task bench [--profile P] [--study S]... [--arch A]... [--backend B] [--shard k/n]
                  [--root DIR] [--fresh] [--software-adapter]

Options:
  --profile P    tiny, quick (default: every study in minutes), standard (what the
                 leaderboard publishes: 10 seeds, 3 dataset draws in the headline studies;
                 one to two hours as two shards side by side) or full (paper scale, 20 seeds,
                 5 draws; shard it)
  --study S      run only these studies (repeatable); --study none: micro-benchmarks only
  --arch A       run only these architectures (repeatable)
  --backend B    ${BACKEND_CHOICES.join(", ")} (default auto): where networks train
  --shard k/n    run the k-th of n disjoint shards (merge with deno task report merge)
  --root DIR     where records and reports go (default reports)
  --fresh        retrain the models cells share instead of loading them from .cache/models
  --software-adapter
                 also run the WebGPU micro-benchmarks on a software adapter (llvmpipe: a CPU
                 rasterizer, minutes of work that say nothing about GPU speed); without it
                 they run on a hardware adapter only
  --help         this text

Records are written as cells complete; an interrupted run resumes, skipping cells whose
record (same config hash) exists. Progress (cell i of n, elapsed, estimate) goes to stderr.`;

/** The parsed options of `deno task bench`. */
export interface BenchFlags {
  readonly profile: Profile;
  readonly study?: string[];
  readonly arch?: string[];
  readonly backend: BackendChoice;
  readonly shard?: string;
  readonly root: string;
  readonly fresh: boolean;
  /** Run the WebGPU micro-benchmarks on a software (fallback) adapter too (`--software-adapter`). */
  readonly softwareAdapter: boolean;
  /** The study cells these options select (none for `--study none`). */
  readonly planned: readonly PlannedCell[];
}

// Killing the `deno task bench` wrapper (any signal, even -9) stops the benchmarks too.
exitWhenOrphaned();

function parse(): BenchFlags {
  const parsed = parseCommand(
    Deno.args,
    {
      profile: { type: "string" },
      study: { type: "string", multiple: true },
      arch: { type: "string", multiple: true },
      backend: { type: "string" },
      shard: { type: "string" },
      root: { type: "string" },
      fresh: { type: "boolean" },
      "software-adapter": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    } as const,
    USAGE,
  );
  if (typeof parsed === "number") Deno.exit(parsed);
  const values = parsed.values;
  try {
    const flags = {
      profile: profile(values.profile ?? "quick"),
      study: values.study,
      arch: values.arch,
      backend: choiceFlag(values, "backend", BACKEND_CHOICES, "auto"),
      shard: values.shard,
      root: values.root ?? "reports",
      fresh: values.fresh ?? false,
      softwareAdapter: values["software-adapter"] ?? false,
    };
    // `--study none`: micro-benchmarks only. Planning checks studies, architectures and shard.
    const planned = flags.study?.includes("none") ? [] : planCells({
      profile: flags.profile,
      studies: flags.study,
      architectures: flags.arch,
      backend: flags.backend,
      shard: flags.shard,
    });
    return { ...flags, planned };
  } catch (error) {
    Deno.exit(reportError(error));
  }
}

/** The options of this run (the process has exited on `--help` or a bad option). */
export const FLAGS: BenchFlags = parse();
