/** What a result record needs to know about the GPU adapter (provenance). */
export interface GpuAdapterInfo {
  /** Vendor name or PCI id as the adapter reports it. */
  readonly vendor: string;
  /** Architecture family, often empty. */
  readonly architecture: string;
  /** Device name or id. */
  readonly device: string;
  /** Driver description, for example `"llvmpipe (LLVM 15.0.6, 256 bits)"`. */
  readonly description: string;
  /** Whether this is a software (CPU) adapter such as llvmpipe. */
  readonly isFallbackAdapter: boolean;
}

/** A WebGPU device with its adapter's description. */
export interface GpuContext {
  /** The device. */
  readonly device: GPUDevice;
  /** The adapter it came from. */
  readonly adapter: GpuAdapterInfo;
}

/** Options of {@linkcode requestGpuDevice}. */
export interface RequestGpuDeviceOptions {
  /**
   * Accept a software (fallback) adapter, correct but slow: what tests and correctness work on
   * machines without a GPU use. Default `false`.
   */
  readonly allowSoftware?: boolean;
}

/** No usable WebGPU adapter: `navigator.gpu` missing, no adapter, or only a software one. */
export class GpuUnavailableError extends Error {
  /** The software adapter that was refused, when that is the reason. */
  readonly adapter: GpuAdapterInfo | null;
  /**
   * @param message What is missing and what to do about it.
   * @param adapter The refused software adapter, if any.
   */
  constructor(message: string, adapter: GpuAdapterInfo | null = null) {
    super(message);
    this.name = "GpuUnavailableError";
    this.adapter = adapter;
  }
}

/**
 * Acquires a WebGPU device through Deno's built-in `navigator.gpu`, with the adapter's info for
 * provenance and the largest storage buffers the adapter allows. Throws
 * {@linkcode GpuUnavailableError} with a message that says why and what to do when there is no
 * `navigator.gpu`, no adapter, or only a software adapter and `allowSoftware` is not set.
 *
 * @example On a machine without a GPU Deno offers llvmpipe, a software adapter
 * ```ts
 * import assert from "node:assert/strict";
 * import { requestGpuDevice } from "./gpu_device.ts";
 *
 * const { device, adapter } = await requestGpuDevice({ allowSoftware: true });
 * assert.equal(typeof adapter.description, "string");
 * assert.equal(typeof adapter.isFallbackAdapter, "boolean");
 * device.destroy();
 * ```
 */
export async function requestGpuDevice(
  options: RequestGpuDeviceOptions = {},
): Promise<GpuContext> {
  const allowSoftware = options.allowSoftware ?? false;
  if (typeof allowSoftware !== "boolean") {
    throw new TypeError(`allowSoftware must be a boolean: received ${typeof allowSoftware}`);
  }
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) {
    throw new GpuUnavailableError(
      "WebGPU is not available: navigator.gpu is missing in this runtime (Deno exposes it by " +
        "default; use the CPU path with --device cpu)",
    );
  }
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) {
    throw new GpuUnavailableError(
      "No WebGPU adapter: navigator.gpu.requestAdapter() returned null (no GPU driver and no " +
        "software adapter); use the CPU path with --device cpu",
    );
  }
  const info = adapterInfo(adapter);
  if (info.isFallbackAdapter && !allowSoftware) {
    throw new GpuUnavailableError(
      `Only a software WebGPU adapter is available (${info.description || "fallback adapter"}): ` +
        "correct but slower than the CPU path; pass allowSoftware (--device gpu) to use it anyway",
      info,
    );
  }
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { device, adapter: info };
}

/**
 * The provenance fields of a WebGPU adapter (`adapter.info`, with `isFallbackAdapter` read from
 * either the info or the adapter, as runtimes differ).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adapterInfo } from "./gpu_device.ts";
 *
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) assert.equal(typeof adapterInfo(adapter).vendor, "string");
 * ```
 */
export function adapterInfo(adapter: GPUAdapter): GpuAdapterInfo {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const fallback = info.isFallbackAdapter ??
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  return {
    vendor: String(info.vendor ?? ""),
    architecture: String(info.architecture ?? ""),
    device: String(info.device ?? ""),
    description: String(info.description ?? ""),
    isFallbackAdapter: fallback === true,
  };
}
