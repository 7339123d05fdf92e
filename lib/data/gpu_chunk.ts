import { chainCellsOverXi } from "./chain_cells_over_xi.ts";
import { andersonPhase, chainFactors, chainSpectrum } from "../invariants/mod.ts";
import { type GpuContext, gpuPolarWinding } from "../gpu/mod.ts";
import { type SshChain, sshChain } from "../lattice/mod.ts";
import type { Representation } from "./spec.ts";
import { Rng } from "../rng.ts";
import { type Chunk, chunkFromSamples } from "./chunk.ts";
import { amplitudesOf, bandOf, hamiltonianOf } from "./representations.ts";
import {
  classWindingsOf,
  drawDisorder,
  drawUniform,
  generateSample,
  MAX_ATTEMPTS,
  type Sample,
} from "./sample.ts";
import type { DatasetSpec, Split } from "./spec.ts";

/** ν (and, when asked, `Q_AB` in float32) of a batch of plain chiral chains. */
export interface ChainBatchLabels {
  /** ν per chain. */
  readonly realSpaceWinding: ArrayLike<number>;
  /** `Q_AB` per chain, row-major `cells × cells`, when asked for; else `null`. */
  readonly projectors: readonly Float32Array[] | null;
}

/** Computes {@linkcode ChainBatchLabels} for a batch of plain chiral chains of one size. */
export type ChainBatchLabeler = (
  chains: readonly SshChain[],
  options: { readonly trim: number; readonly projectors: boolean },
) => Promise<ChainBatchLabels>;

/** Mirrors sample.ts: the most draws a balanced sample makes before it keeps what it has. */

interface State {
  readonly index: number;
  readonly rng: Rng;
  readonly target: number | null;
  attempt: number;
}

interface Candidate {
  readonly state: State;
  readonly attempt: number;
  readonly intracell: number;
  readonly intercell: number;
  readonly intracellDisorder: number;
  readonly intercellDisorder: number;
  readonly disorderSeed: number;
  readonly chain: SshChain;
}

/**
 * Samples `[start, end)` of `split` of a plain-model spec, labelled in batches: the parameters of
 * every draw come from the sample's own stream exactly as in `generateSample`, but ν (and the
 * `projector` representation) of the draws come from `label`, a whole chunk at a time. Balanced
 * specs redraw in rounds — the first draws of all samples, then the second draws of those
 * rejected, … — so every sample stays a pure function of `(spec, split, index, label)`. The
 * bulk gap, `amplitudes` and `hamiltonian` come from the float64 CPU path; a sample with on-site
 * terms (no polar factor) is generated wholly by `generateSample`, as is every sample of the
 * extended model. With `label` the exact CPU labels, the chunk is byte-identical to
 * `generateChunk`'s (tests/data_gpu_test.ts).
 *
 * @example With exact CPU labels the batched path reproduces the CPU chunk
 * ```ts
 * import assert from "node:assert/strict";
 * import { centralCells, chainFactors, projectorWinding } from "../invariants/mod.ts";
 * import type { SshChain } from "../lattice/mod.ts";
 * import { datasetSpec, generateBatchedChunk, generateChunk, projectorOf } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 6, validation: 0, test: 0 }, seed: 1, representations: ["projector"],
 * });
 * const exact = (chains: readonly SshChain[], { trim }: { trim: number }) => {
 *   const projectors = chains.map((chain) => projectorOf(chainFactors(chain)));
 *   const centre = centralCells(8, trim, 1);
 *   return Promise.resolve({
 *     realSpaceWinding: projectors.map((q) => projectorWinding(q, 8, centre)),
 *     projectors: projectors.map((q) => Float32Array.from(q)),
 *   });
 * };
 * const batched = await generateBatchedChunk(spec, "train", 0, 6, exact);
 * const reference = generateChunk(spec, "train", 0, 6);
 * for (const [array, bytes] of Object.entries(reference.arrays)) {
 *   assert.deepEqual(new Uint8Array(batched.arrays[array as "winding"]!), new Uint8Array(bytes));
 * }
 * ```
 */
export async function generateBatchedChunk(
  spec: DatasetSpec,
  split: Split,
  start: number,
  end: number,
  label: ChainBatchLabeler,
): Promise<Chunk> {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(
      `Chunk bounds must be integers with 0 ≤ start ≤ end: received ${start}, ${end}`,
    );
  }
  const samples: Sample[] = new Array(end - start);
  if (spec.model !== "plain") {
    for (let index = start; index < end; index++) {
      samples[index - start] = generateSample(spec, split, index);
    }
    return chunkFromSamples(spec, split, start, samples);
  }
  const classes = classWindingsOf(spec.model);
  let active: State[] = [];
  for (let index = start; index < end; index++) {
    active.push({
      index,
      rng: Rng.stream(spec.seed, "sample", split, index),
      target: spec.balance ? classes[index % classes.length] : null,
      attempt: 0,
    });
  }
  const wantsProjector = spec.representations.includes("projector") ||
    spec.representations.includes("band");
  while (active.length > 0) {
    const batch: Candidate[] = [];
    for (const state of active) {
      const candidate = nextCandidate(spec, state);
      if (candidate) batch.push(candidate);
      else samples[state.index - start] = generateSample(spec, split, state.index);
    }
    if (batch.length === 0) break;
    const labels = await label(batch.map((candidate) => candidate.chain), {
      trim: spec.labels.trim,
      projectors: wantsProjector,
    });
    if (labels.realSpaceWinding.length !== batch.length) {
      throw new RangeError(
        `The labeler returned ${labels.realSpaceWinding.length} winding numbers for ${batch.length} chains`,
      );
    }
    const rejected: State[] = [];
    batch.forEach((candidate, k) => {
      const nu = labels.realSpaceWinding[k];
      if (!Number.isFinite(nu)) {
        throw new RangeError(`Sample ${split}/${candidate.state.index}: ν is not finite (${nu})`);
      }
      const winding = Math.round(nu) + 0;
      const { target } = candidate.state;
      if (target === null || winding === target || candidate.attempt >= MAX_ATTEMPTS) {
        samples[candidate.state.index - start] = finish(
          spec,
          candidate,
          nu,
          labels.projectors?.[k] ?? null,
        );
      } else {
        rejected.push(candidate.state);
      }
    });
    active = rejected;
  }
  return chunkFromSamples(spec, split, start, samples);
}

/**
 * {@linkcode generateBatchedChunk} with ν and `Q_AB` from the WebGPU polar iteration
 * (`gpuPolarWinding`, float32, deflated in float64): agrees with the CPU reference to about 1e-5
 * in ν and `Q_AB` (≤ 1e-4 held by tests), so a label can differ only where ν lies within that of
 * a rounding boundary. Run it in the thread that owns the device.
 *
 * @example On whatever adapter there is (the software one on machines without a GPU)
 * ```ts
 * import assert from "node:assert/strict";
 * import { requestGpuDevice } from "../gpu/mod.ts";
 * import { datasetSpec, generateChunk, generateGpuChunk } from "./mod.ts";
 *
 * const spec = datasetSpec({
 *   name: "tiny", model: "plain", cells: 8, intracell: { min: 0, max: 2 }, intercell: 1,
 *   splits: { train: 4, validation: 0, test: 0 }, seed: 1,
 * });
 * const context = await requestGpuDevice({ allowSoftware: true });
 * const gpu = await generateGpuChunk(spec, "train", 0, 4, context);
 * context.device.destroy();
 * const cpu = generateChunk(spec, "train", 0, 4);
 * assert.deepEqual(new Int8Array(gpu.arrays.winding!), new Int8Array(cpu.arrays.winding!));
 * ```
 */
export function generateGpuChunk(
  spec: DatasetSpec,
  split: Split,
  start: number,
  end: number,
  context: GpuContext,
): Promise<Chunk> {
  return generateBatchedChunk(
    spec,
    split,
    start,
    end,
    (chains, { trim, projectors }) => gpuPolarWinding(context, chains, { trim, projectors }),
  );
}

// The next draw of a plain-model sample that needs a label, drawn exactly as generateSample
// draws it (same stream, same order, same analytic-phase shortcut); null when it has on-site
// terms (the sample then goes wholly to the CPU).
function nextCandidate(spec: DatasetSpec, state: State): Candidate | null {
  const disorder = spec.disorder ?? {};
  const { rng, target } = state;
  while (true) {
    const attempt = ++state.attempt;
    const intracell = drawUniform(rng, spec.intracell!);
    const intercell = drawUniform(rng, spec.intercell!);
    const { intracellDisorder, intercellDisorder, onsiteDisorder, disorderSeed } = drawDisorder(
      rng,
      disorder,
    );
    if (onsiteDisorder !== 0) return null;
    if (target !== null && attempt < MAX_ATTEMPTS) {
      const phase = andersonPhase({ intracell, intercell, intracellDisorder, intercellDisorder });
      if (phase.winding !== target && spec.cells * phase.inverseLocalizationLength >= 20) continue;
    }
    const chain = sshChain({
      cells: spec.cells,
      hoppings: { 0: intracell, 1: intercell },
      disorder: { intracell: intracellDisorder, intercell: intercellDisorder, onsite: 0 },
      seed: disorderSeed,
    });
    if (!chain.isChiral) return null;
    return {
      state,
      attempt,
      intracell,
      intercell,
      intracellDisorder,
      intercellDisorder,
      disorderSeed,
      chain,
    };
  }
}

function finish(
  spec: DatasetSpec,
  candidate: Candidate,
  nu: number,
  projector: Float32Array | null,
): Sample {
  const { chain, intracell, intercell, intracellDisorder, intercellDisorder } = candidate;
  const wants = new Set(spec.representations);
  const representations: Partial<Record<Representation, Float32Array>> = {};
  if (wants.has("projector") || wants.has("band")) {
    if (!projector || projector.length !== spec.cells * spec.cells) {
      throw new RangeError(
        `The labeler returned no ${spec.cells}×${spec.cells} projector for sample ${candidate.state.index}`,
      );
    }
    if (wants.has("projector")) representations.projector = projector;
    if (wants.has("band")) representations.band = bandOf(projector, spec.cells);
  }
  // The spectrum (bulk gap, amplitudes) stays on the float64 CPU path.
  const factors = wants.has("amplitudes") ? chainFactors(chain) : null;
  const energies = factors ? factors.energies : chainSpectrum(chain).singularValues;
  if (factors) representations.amplitudes = amplitudesOf(factors);
  if (wants.has("hamiltonian")) {
    representations.hamiltonian = hamiltonianOf(chain, [0, 1], spec.disorder?.onsite !== undefined);
  }
  const winding = Math.round(nu) + 0;
  const phase = andersonPhase({ intracell, intercell, intracellDisorder, intercellDisorder });
  return {
    parameters: Float64Array.from([
      0,
      intracell,
      intercell,
      0,
      intracellDisorder,
      intercellDisorder,
      0,
      candidate.disorderSeed,
      Math.abs(intercell) > Math.abs(intracell) ? 1 : 0,
      candidate.attempt,
    ]),
    realSpaceWinding: nu,
    winding,
    ambiguous: Math.abs(nu - winding) > spec.labels.ambiguityThreshold,
    bulkGap: energies[Math.min(Math.abs(winding), energies.length - 1)],
    analyticPhase: phase.winding,
    inverseLocalizationLength: phase.inverseLocalizationLength,
    cellsOverXi: chainCellsOverXi(hamiltonianOf(chain, [0, 1], false), [0, 1], spec.cells),
    representations,
  };
}
