/**
 * Native WebGPU (WGSL) compute for the heavy physics, each kernel with a CPU twin.
 *
 * The real-space winding number of a chiral chain needs `Q_AB`, the orthogonal polar factor of
 * its chiral block `h` (PHYSICS.md §3). On the GPU it comes from a polynomial (Newton–Schulz
 * type) polar iteration — batched matrix products only, float32 — after the singular values that
 * float32 cannot resolve (edge modes, the Dyson singularity near the transition) have been
 * deflated in float64 on the CPU in O(n) each:
 *
 * - {@linkcode requestGpuDevice}, {@linkcode selectComputeDevice}: device acquisition and the
 *   `cpu | gpu | auto` policy, with adapter info for provenance;
 * - {@linkcode smallSingularTriplets}, {@linkcode deflatedBlock}: the float64 deflation;
 * - {@linkcode polarSchedule}: the step polynomials (greedy minimax quintics);
 * - {@linkcode gpuPolarWinding}: the WGSL path, ν and optionally `Q_AB` for a batch of chains;
 * - {@linkcode newtonSchulzPolar}, {@linkcode newtonSchulzWinding}: the float64 CPU twin;
 * - {@linkcode createStorageBuffer}, {@linkcode createUniformBuffer}, {@linkcode readFloat32},
 *   {@linkcode createComputePipeline}: small buffer and pipeline helpers.
 *
 * @example ν on the GPU (a software adapter on machines without one) against the CPU
 * ```ts
 * import assert from "node:assert/strict";
 * import { realSpaceWinding, sshChain } from "../../mod.ts";
 * import { gpuPolarWinding, requestGpuDevice } from "./mod.ts";
 *
 * const chain = sshChain({
 *   cells: 24,
 *   hoppings: { 0: 1.05, 1: 1 },
 *   disorder: { intracell: 2, intercell: 1 },
 *   seed: 1,
 * });
 * const context = await requestGpuDevice({ allowSoftware: true });
 * const gpu = await gpuPolarWinding(context, [chain]);
 * assert(Math.abs(gpu.realSpaceWinding[0] - realSpaceWinding(chain)) < 1e-3);
 * context.device.destroy();
 * ```
 *
 * @module
 */
export {
  adapterInfo,
  type GpuAdapterInfo,
  type GpuContext,
  GpuUnavailableError,
  requestGpuDevice,
  type RequestGpuDeviceOptions,
} from "./gpu_device.ts";
export {
  type ComputeDevice,
  DEVICE_POLICIES,
  type DevicePolicy,
  selectComputeDevice,
} from "./compute_device.ts";
export {
  createComputePipeline,
  createStorageBuffer,
  createUniformBuffer,
  readFloat32,
} from "./gpu_buffers.ts";
export { polarSchedule, type PolarScheduleOptions, type PolarStep } from "./polar_schedule.ts";
export { type SmallSingularTriplets, smallSingularTriplets } from "./small_singular_triplets.ts";
export {
  type DeflatedBlock,
  deflatedBlock,
  deflationLowerBound,
  type DeflationOptions,
} from "./deflated_block.ts";
export { newtonSchulzPolar } from "./newton_schulz_polar.ts";
export {
  newtonSchulzWinding,
  type PolarWinding,
  type PolarWindingOptions,
} from "./newton_schulz_winding.ts";
export {
  type GpuPolarWinding,
  gpuPolarWinding,
  type GpuPolarWindingOptions,
} from "./gpu_polar_winding.ts";
