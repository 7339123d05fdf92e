// Private to bench/: where one wasm training step's time goes, kernel by kernel (tf.profile), so
// that the train bench prints the profile behind its throughput figures, not only the figures.
import type { TrainableModel } from "../lib/models/mod.ts";
import { tf } from "../lib/tensor/mod.ts";
import { type TrainingSource, trainModel } from "../lib/train/mod.ts";

/** Milliseconds per training step in each kernel, and in everything outside kernels. */
export interface StepProfile {
  /** Time per step on the run's training clock while profiled (tf.profile's bookkeeping in). */
  readonly stepMs: number;
  /** Kernel name → milliseconds per step, largest first. */
  readonly kernels: readonly { name: string; ms: number; calls: number }[];
  /**
   * The step time less the kernels' time, floored at 0: tfjs's bookkeeping, the tape, batch
   * gathering (an estimate: the kernels' time includes the run's final evaluation).
   */
  readonly outsideMs: number;
  /** Multiply-adds per second of the convolution kernels and their gradients (0: none ran). */
  readonly convolutionMacsPerSecond: number;
}

const CONVOLUTIONS = new Set(["Conv2D", "Conv2DBackpropFilter", "Conv2DBackpropInput"]);

/** Multiply-adds of one NHWC convolution-family kernel call, from its shapes (0 if unknown). */
export function convolutionMacs(name: string, inputs: number[][], outputs: number[][]): number {
  // Conv2D: x [b, h, w, c], filter [kh, kw, c, f] → [b, h', w', f]; the gradients likewise,
  // from dy [b, h', w', f] and the filter (input gradient) or the filter's shape (its output).
  const filter = name === "Conv2DBackpropFilter" ? outputs[0] : inputs[1];
  const out = name === "Conv2D"
    ? outputs[0]
    : name === "Conv2DBackpropFilter"
    ? inputs[1]
    : inputs[0];
  if (filter?.length !== 4 || out?.length !== 4) return 0;
  return out[0] * out[1] * out[2] * filter.reduce((product, extent) => product * extent, 1);
}

/**
 * Profiles `steps` Adam steps of `model` at batch `batchSize` on the active backend (after
 * `warmup` unprofiled steps) and returns the time per step by kernel (the kernels of the run's
 * final evaluation included: on the bench's one-sample splits, a few microseconds).
 */
export async function profileTrainingSteps(
  model: TrainableModel,
  source: TrainingSource,
  batchSize: number,
  steps: number,
  warmup: number,
): Promise<StepProfile> {
  const train = (count: number, seed: number) =>
    trainModel({
      model,
      source,
      optimizer: { kind: "adam", learningRate: 1e-3 },
      steps: count,
      batchSize,
      seed,
      evaluateEvery: 1_000_000,
    });
  await train(warmup, 0);
  let samplesPerSecond = 0;
  const info = await tf.profile(async () => {
    samplesPerSecond = (await train(steps, 1)).samplesPerSecond ?? 0;
  });
  // The run's training clock: steps only, not the evaluation at its end.
  const stepMs = samplesPerSecond > 0 ? 1000 * batchSize / samplesPerSecond : 0;
  const byName = new Map<string, { ms: number; calls: number }>();
  let kernelMs = 0;
  let macs = 0;
  let convolutionMs = 0;
  for (const kernel of info.kernels) {
    const ms = typeof kernel.kernelTimeMs === "number" ? kernel.kernelTimeMs : 0;
    const entry = byName.get(kernel.name) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls++;
    byName.set(kernel.name, entry);
    kernelMs += ms;
    if (CONVOLUTIONS.has(kernel.name)) {
      macs += convolutionMacs(kernel.name, kernel.inputShapes, kernel.outputShapes);
      convolutionMs += ms;
    }
  }
  return {
    stepMs,
    kernels: [...byName]
      .map(([name, { ms, calls }]) => ({ name, ms: ms / steps, calls: calls / steps }))
      .sort((a, b) => b.ms - a.ms),
    outsideMs: Math.max(0, stepMs - kernelMs / steps),
    convolutionMacsPerSecond: convolutionMs > 0 ? macs / (convolutionMs / 1000) : 0,
  };
}

/** One line: the step time, the largest kernels with their shares, and the rest. */
export function formatStepProfile(profile: StepProfile, shown = 6): string {
  const share = (ms: number) => `${ms.toFixed(2)} ms (${(100 * ms / profile.stepMs).toFixed(0)}%)`;
  const top = profile.kernels.slice(0, shown).map(({ name, ms }) => `${name} ${share(ms)}`);
  const rest = profile.kernels.slice(shown).reduce((total, { ms }) => total + ms, 0);
  const gmacs = profile.convolutionMacsPerSecond > 0
    ? `; convolutions at ${(profile.convolutionMacsPerSecond / 1e9).toFixed(1)} GMAC/s`
    : "";
  return `${profile.stepMs.toFixed(2)} ms per step: ${top.join(", ")}, ` +
    `${profile.kernels.length - shown} other kernels ${share(rest)}, ` +
    `outside kernels ${share(profile.outsideMs)}${gmacs}`;
}
