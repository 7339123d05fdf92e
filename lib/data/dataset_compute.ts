import type { ComputeDevice, GpuAdapterInfo, GpuContext } from "../gpu/mod.ts";
import type { DatasetSpec } from "./spec.ts";

/**
 * What computed a dataset's labels and `projector` representation, for its header and hash:
 * the float64 CPU reference (exact spectrum, lib/invariants) or the float32 WebGPU polar
 * iteration (lib/gpu). CPU builds omit it from the header (absent means the CPU reference), so
 * their bytes and hashes are those pinned in catalog_hashes.json.
 */
export interface DatasetCompute {
  /** `cpu`: the reference; `gpu`: a different dataset (its bytes differ at ~1e-5). */
  readonly kind: "cpu" | "gpu";
  /** The WebGPU adapter (GPU builds), else `null`. */
  readonly adapter: GpuAdapterInfo | null;
  /** The precision of ν and `Q_AB`. */
  readonly precision: "float64" | "float32";
  /** The winding algorithm. */
  readonly algorithm: string;
}

/** The CPU reference: exact float64 spectra of lib/invariants. */
export const CPU_COMPUTE: DatasetCompute = Object.freeze({
  kind: "cpu",
  adapter: null,
  precision: "float64",
  algorithm: "exact-spectrum",
});

/** The GPU algorithm: float64 deflation, then a float32 Newton–Schulz polar iteration in WGSL. */
export const GPU_ALGORITHM = "deflated-newton-schulz-polar";

/** How a dataset build computes: the resolved descriptor, the device, and why. */
export interface DatasetComputePlan {
  /** What goes into the header, the cache key and the content hash. */
  readonly compute: DatasetCompute;
  /** The device to build on (GPU builds only). */
  readonly context: GpuContext | null;
  /** Why this compute: the device policy's reason, or why the GPU does not apply to the spec. */
  readonly reason: string;
}

/**
 * Why a spec cannot use the GPU path, or `null` when it can. The GPU path covers plain chiral
 * chains only: the extended model's blocks are banded and not deflated (ν to 1e-3 only), and
 * on-site disorder breaks chiral symmetry (`Q_AB` is no polar factor then).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec, gpuIneligibility } from "./mod.ts";
 *
 * assert.equal(gpuIneligibility(catalogSpec("plain-disorder-32")), null);
 * assert.match(gpuIneligibility(catalogSpec("plain-onsite-32"))!, /on-site/);
 * assert.match(gpuIneligibility(catalogSpec("extended-clean-32"))!, /extended/);
 * ```
 */
export function gpuIneligibility(spec: DatasetSpec): string | null {
  if (spec.model !== "plain") {
    return "the extended model is not deflated on the GPU: built on the CPU";
  }
  if (spec.edges !== undefined) {
    return "redrawn edge bonds are generated on the CPU only: built on the CPU";
  }
  if (spec.stratify !== undefined) {
    return "disorder-stratified balancing is generated on the CPU only: built on the CPU";
  }
  const onsite = spec.disorder?.onsite;
  const none = onsite === undefined || onsite === 0 ||
    (typeof onsite === "object" && onsite.min === 0 && onsite.max === 0);
  return none ? null : "on-site disorder breaks chiral symmetry: built on the CPU";
}

/**
 * Resolves the compute of a dataset build from a device (see `selectComputeDevice` in lib/gpu):
 * the GPU when the device is one and the spec is eligible ({@linkcode gpuIneligibility}), else
 * the CPU reference. Without a device: the CPU.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogSpec, CPU_COMPUTE, datasetComputePlan } from "./mod.ts";
 *
 * const plan = datasetComputePlan(catalogSpec("plain-clean-16"), {
 *   kind: "cpu",
 *   reason: "requested (--device cpu)",
 *   adapter: null,
 * });
 * assert.deepEqual(plan.compute, CPU_COMPUTE);
 * assert.equal(plan.context, null);
 * ```
 */
export function datasetComputePlan(
  spec: DatasetSpec,
  device?: ComputeDevice | null,
): DatasetComputePlan {
  if (!device) return { compute: CPU_COMPUTE, context: null, reason: "default (CPU reference)" };
  if (device.kind === "cpu") return { compute: CPU_COMPUTE, context: null, reason: device.reason };
  const ineligible = gpuIneligibility(spec);
  if (ineligible) return { compute: CPU_COMPUTE, context: null, reason: ineligible };
  return {
    compute: {
      kind: "gpu",
      adapter: device.context.adapter,
      precision: "float32",
      algorithm: GPU_ALGORITHM,
    },
    context: device.context,
    reason: device.reason,
  };
}

/**
 * Checks a header's `compute` field (absent: the CPU reference); a `TypeError` names what is
 * wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CPU_COMPUTE, parseDatasetCompute } from "./mod.ts";
 *
 * assert.deepEqual(parseDatasetCompute(undefined), CPU_COMPUTE);
 * assert.throws(() => parseDatasetCompute({ kind: "tpu" }), TypeError);
 * ```
 */
export function parseDatasetCompute(value: unknown): DatasetCompute {
  if (value === undefined) return CPU_COMPUTE;
  const compute = value as Partial<DatasetCompute> | null;
  if (
    compute === null || typeof compute !== "object" || compute.kind !== "gpu" ||
    compute.precision !== "float32" || typeof compute.algorithm !== "string" ||
    compute.adapter === null || typeof compute.adapter !== "object" ||
    typeof compute.adapter.description !== "string"
  ) {
    throw new TypeError(
      `compute must be absent (CPU reference) or a GPU descriptor { kind: "gpu", adapter, ` +
        `precision: "float32", algorithm }: received ${JSON.stringify(value)}`,
    );
  }
  return compute as DatasetCompute;
}
