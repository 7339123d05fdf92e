import {
  type GpuAdapterInfo,
  type GpuContext,
  GpuUnavailableError,
  requestGpuDevice,
} from "./gpu_device.ts";

/**
 * Where the heavy physics may run: `cpu`, `gpu` (a software adapter accepted), or `auto`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEVICE_POLICIES } from "./compute_device.ts";
 *
 * assert.deepEqual(DEVICE_POLICIES, ["cpu", "gpu", "auto"]);
 * ```
 */
export const DEVICE_POLICIES = ["cpu", "gpu", "auto"] as const;

/** A policy of {@linkcode DEVICE_POLICIES}. */
export type DevicePolicy = typeof DEVICE_POLICIES[number];

/** The outcome of {@linkcode selectComputeDevice}, with the reason, for provenance. */
export type ComputeDevice =
  | {
    readonly kind: "cpu";
    /** Why the CPU: asked for, no adapter, or a software adapter under `auto`. */
    readonly reason: string;
    /** The adapter that was seen and not used, if any. */
    readonly adapter: GpuAdapterInfo | null;
  }
  | {
    readonly kind: "gpu";
    /** Why the GPU. */
    readonly reason: string;
    /** The device and its adapter. */
    readonly context: GpuContext;
  };

/**
 * Resolves a `--device cpu|gpu|auto` policy. `cpu`: the float64 CPU path. `gpu`: WebGPU, a
 * software adapter accepted (correctness work), {@linkcode GpuUnavailableError} when there is no
 * adapter at all. `auto`: a hardware adapter → GPU; a software adapter or none → CPU, which is
 * faster than llvmpipe for every size (bench/gpu_bench.ts).
 *
 * @example `auto` never fails
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectComputeDevice } from "./compute_device.ts";
 *
 * const chosen = await selectComputeDevice("auto");
 * assert(chosen.kind === "cpu" || chosen.kind === "gpu");
 * if (chosen.kind === "gpu") chosen.context.device.destroy();
 * ```
 */
export async function selectComputeDevice(policy: DevicePolicy): Promise<ComputeDevice> {
  if (policy === "cpu") return { kind: "cpu", reason: "requested (--device cpu)", adapter: null };
  if (policy === "gpu") {
    const context = await requestGpuDevice({ allowSoftware: true });
    const what = context.adapter.isFallbackAdapter ? "software adapter" : "hardware adapter";
    return { kind: "gpu", reason: `requested (--device gpu), ${what}`, context };
  }
  if (policy !== "auto") {
    throw new RangeError(`device policy must be "cpu", "gpu" or "auto": received ${policy}`);
  }
  try {
    const context = await requestGpuDevice({ allowSoftware: false });
    return { kind: "gpu", reason: "auto: hardware adapter", context };
  } catch (error) {
    if (!(error instanceof GpuUnavailableError)) throw error;
    return { kind: "cpu", reason: `auto: ${error.message}`, adapter: error.adapter };
  }
}
