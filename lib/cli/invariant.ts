/**
 * `deno task invariant`: the real-space winding number of one SSH-family chain, with its
 * diagnostics and, for the plain chiral chain, the analytic phase.
 *
 * @example
 * ```ts ignore
 * deno task invariant --cells 100 --intracell 1.05 --intercell 1 \
 *   --intracell-disorder 2 --intercell-disorder 1 --seed 7 --json
 * deno task invariant --cells 200 --intracell 0.5 --device gpu
 * ```
 *
 * @module
 */
import {
  andersonPhase,
  centralCells,
  chainSpectrum,
  type WindingDiagnostics,
  windingDiagnostics,
} from "../invariants/mod.ts";
import {
  DEVICE_POLICIES,
  type DevicePolicy,
  type GpuAdapterInfo,
  gpuPolarWinding,
  GpuUnavailableError,
  selectComputeDevice,
} from "../gpu/mod.ts";
import { hoppingReach, type Hoppings, type SshChain, sshChain } from "../lattice/mod.ts";
import {
  choiceFlag,
  type FlagRange,
  formatRange,
  integerFlag,
  numberFlag,
  parseCommand,
  reportError,
  UsageError,
} from "./parse_command.ts";

/** The accepted range of each numeric option (inclusive), shown in `--help` and in errors. */
const RANGES = {
  /** 4096 cells: the dense float64 spectrum stays under about 1 GiB (20000 cells took > 3 GiB). */
  cells: [2, 4096],
  hopping: [-1e6, 1e6],
  range: [-64, 64],
  disorder: [0, 1e6],
  seed: [0, Number.MAX_SAFE_INTEGER],
} as const satisfies Record<string, FlagRange>;

const HELP = `deno task invariant — the real-space winding number of one SSH-family chain

Usage:
  deno task invariant [options]

Chain:
  --cells N                 unit cells, an integer in ${formatRange(RANGES.cells)} (default 100)
  --intracell V             intracell hopping t_0 in ${formatRange(RANGES.hopping)} (default 1)
  --intercell W             intercell hopping t_1 in ${formatRange(RANGES.hopping)} (default 0.5)
  --hopping M=T             hopping t_M of an integer range M in ${
  formatRange(RANGES.range)
}, T in ${formatRange(RANGES.hopping)},
                            e.g. --hopping 2=0.3
                            --hopping=-1=0.4 (repeatable; overrides --intracell/--intercell;
                            write negative values with '=', as in --intracell=-0.5)
  --intracell-disorder W1   uniform disorder on t_0, W1·ω, ω ∈ [−1/2, 1/2] (default 0)
  --intercell-disorder W2   uniform disorder on every t_m, m ≠ 0 (default 0)
  --onsite-disorder W       on-site disorder (breaks chiral symmetry; default 0)
                            (each disorder width in ${formatRange(RANGES.disorder)})
  --seed S                  seed of the disorder draws, an integer in [0, 2^53 − 1] (default 0)

Invariant:
  --trim F                  fraction of cells dropped at each end of the trace, in (0, 0.5)
                            (default 0.25)
  --device ${
  DEVICE_POLICIES.join("|")
}     where ν is computed (default auto). cpu: the exact float64 spectrum.
                            gpu: WebGPU, float32 polar iteration (deflated in float64 for plain
                            chains), a software adapter accepted. auto: the GPU on a hardware
                            adapter only, else the CPU. Chains with on-site terms always use the
                            CPU (no polar factor). The bulk gap and smallest |E| always come from
                            the CPU spectrum, whatever the device.

Output:
  --json                    one JSON object: realSpaceWinding, winding, quantizationError,
                            bulkGap, smallestEnergy, centralCells, method (of the spectrum),
                            device { kind, reason, adapter, precision, algorithm },
                            andersonPhase (plain chiral chains only), and the chain's parameters
  --help                    this text

The winding number is ν = (1/L')·Tr'(Q_BA [X, Q_AB]) over the central L' cells
(PHYSICS.md §3). The analytic phase is that of Mondragon-Shem et al. (PRL 113, 046802):
topological where ⟨ln|w_n|⟩ > ⟨ln|v_n|⟩.`;

/** Where ν was computed, for the output. */
interface Device {
  readonly kind: "cpu" | "gpu";
  readonly reason: string;
  readonly adapter: GpuAdapterInfo | null;
  readonly precision: "float64" | "float32";
  readonly algorithm: string;
}

/** Runs the command with `args`; returns the exit code. */
export async function main(
  args: string[],
  print: (line: string) => void = console.log,
): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      cells: { type: "string" },
      intracell: { type: "string" },
      intercell: { type: "string" },
      hopping: { type: "string", multiple: true },
      "intracell-disorder": { type: "string" },
      "intercell-disorder": { type: "string" },
      "onsite-disorder": { type: "string" },
      seed: { type: "string" },
      trim: { type: "string" },
      device: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    } as const,
    HELP,
    { print },
  );
  if (typeof parsed === "number") return parsed;
  const flags = parsed.values;
  try {
    const cells = integerFlag(flags, "cells", 100, RANGES.cells);
    const hoppings: Record<number, number> = flags.hopping?.length
      ? parseHoppings(flags.hopping)
      : {
        0: numberFlag(flags, "intracell", 1, RANGES.hopping),
        1: numberFlag(flags, "intercell", 0.5, RANGES.hopping),
      };
    const disorder = {
      intracell: numberFlag(flags, "intracell-disorder", 0, RANGES.disorder),
      intercell: numberFlag(flags, "intercell-disorder", 0, RANGES.disorder),
      onsite: numberFlag(flags, "onsite-disorder", 0, RANGES.disorder),
    };
    const seed = integerFlag(flags, "seed", 0, RANGES.seed);
    const trim = numberFlag(flags, "trim", 0.25); // (0, 0.5), open: checked by the invariants
    const policy = choiceFlag(flags, "device", DEVICE_POLICIES, "auto");
    const chain = sshChain({ cells, hoppings: hoppings as Hoppings, disorder, seed });
    const { diagnostics, device } = await compute(chain, trim, policy);
    const phase = chain.isPlain && chain.isChiral
      ? andersonPhase({
        intracell: hoppings[0] ?? 0,
        intercell: hoppings[1] ?? 0,
        intracellDisorder: disorder.intracell,
        intercellDisorder: disorder.intercell,
      })
      : undefined;
    const result = {
      realSpaceWinding: diagnostics.realSpaceWinding,
      winding: diagnostics.winding,
      quantizationError: diagnostics.quantizationError,
      bulkGap: diagnostics.bulkGap,
      smallestEnergy: diagnostics.smallestEnergy,
      centralCells: diagnostics.centre,
      method: diagnostics.method,
      device,
      ...(phase ? { andersonPhase: phase } : {}),
      chain: { cells, hoppings, disorder, seed, trim },
    };
    print(flags.json ? JSON.stringify(result) : describe(result, phase));
    return 0;
  } catch (error) {
    if (error instanceof GpuUnavailableError || error instanceof UsageError) {
      return reportError(error);
    }
    if (error instanceof RangeError || error instanceof TypeError) return reportError(error);
    throw error;
  }
}

/** ν on the device the policy selects; the spectral diagnostics on the CPU. */
async function compute(
  chain: SshChain,
  trim: number,
  policy: DevicePolicy,
): Promise<{ diagnostics: WindingDiagnostics; device: Device }> {
  const cpu = (reason: string) => ({
    diagnostics: windingDiagnostics(chain, { trim }),
    device: {
      kind: "cpu",
      reason,
      adapter: null,
      precision: "float64",
      algorithm: "exact-spectrum",
    } as const,
  });
  if (policy === "cpu") return cpu("requested (--device cpu)");
  if (!chain.isChiral) {
    return cpu(
      "on-site terms break chiral symmetry: Q_AB is no polar factor, so the GPU path does not " +
        `apply (--device ${policy})`,
    );
  }
  const selected = await selectComputeDevice(policy);
  if (selected.kind === "cpu") return cpu(selected.reason);
  const { context } = selected;
  try {
    const gpu = await gpuPolarWinding(context, [chain], { trim });
    const nu = gpu.realSpaceWinding[0];
    const winding = Math.round(nu) + 0;
    const energies = chainSpectrum(chain).singularValues;
    const range = hoppingReach(chain);
    return {
      diagnostics: {
        centre: centralCells(chain.cells, trim, range),
        method: chain.isPlain ? "bidiagonal" : "dense-chiral",
        realSpaceWinding: nu,
        winding,
        quantizationError: Math.abs(nu - winding),
        bulkGap: energies[Math.min(Math.abs(winding), energies.length - 1)],
        smallestEnergy: energies[0],
      },
      device: {
        kind: "gpu",
        reason: selected.reason,
        adapter: context.adapter,
        precision: "float32",
        algorithm: chain.isPlain ? "deflated-newton-schulz-polar" : "newton-schulz-polar",
      },
    };
  } finally {
    context.device.destroy();
  }
}

function parseHoppings(entries: string[]): Record<number, number> {
  const hoppings: Record<number, number> = {};
  for (const entry of entries) {
    const match = /^(-?\d+)=(.+)$/.exec(entry);
    if (!match) {
      throw new UsageError(`--hopping must be RANGE=VALUE, e.g. 2=0.3: received "${entry}"`);
    }
    const range = Number(match[1]);
    if (range < RANGES.range[0] || range > RANGES.range[1]) {
      throw new RangeError(
        `--hopping range must be in ${formatRange(RANGES.range)}: received ${match[1]}`,
      );
    }
    hoppings[range] = numberFlag({ hopping: match[2] }, "hopping", undefined, RANGES.hopping);
  }
  return hoppings;
}

function describe(
  result: {
    realSpaceWinding: number;
    winding: number;
    quantizationError: number;
    bulkGap: number;
    smallestEnergy: number;
    centralCells: { first: number; end: number; count: number };
    method: string;
    device: Device;
    chain: { cells: number };
  },
  phase?: { winding: number; inverseLocalizationLength: number },
): string {
  const lines = [
    `real-space winding ν    ${result.realSpaceWinding.toFixed(6)}`,
    `winding round(ν)        ${result.winding}`,
    `|ν − round(ν)|          ${result.quantizationError.toExponential(2)}`,
    `bulk gap                ${result.bulkGap.toExponential(3)}`,
    `smallest |E|            ${result.smallestEnergy.toExponential(3)}`,
    `central cells           ${result.centralCells.first} … ${
      result.centralCells.end - 1
    } (L' = ${result.centralCells.count})`,
    `method                  ${result.method} (spectrum)`,
    `device                  ${describeDevice(result.device)}`,
  ];
  if (phase) {
    const ratio = result.chain.cells * phase.inverseLocalizationLength;
    lines.push(
      `analytic phase          winding ${phase.winding}, inverse localization length ${
        phase.inverseLocalizationLength.toFixed(4)
      } (cells/ξ = ${ratio.toFixed(1)}${ratio < 20 ? ", near the boundary: samples scatter" : ""})`,
    );
  }
  return lines.join("\n");
}

function describeDevice(device: Device): string {
  const adapter = device.adapter ? `, ${device.adapter.description || "unnamed adapter"}` : "";
  return `${device.kind}${adapter}, ${device.precision}, ${device.algorithm} — ${device.reason}`;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
