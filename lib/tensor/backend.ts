import { tf } from "./tf.ts";
import { BACKEND_CHOICES, type BackendChoice, type BackendName } from "./backends.ts";
import { effectiveThreadCount } from "./_gemm.ts";

/** The GPU adapter behind the webgpu backend, as WebGPU reports it. */
export interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for a software adapter (llvmpipe, SwiftShader): correct but slow. */
  readonly isFallbackAdapter: boolean;
}

/** The backend a run used, recorded with every run. */
export interface BackendInfo {
  readonly backend: BackendName;
  /** The GPU adapter (webgpu only; `null` on wasm and cpu). */
  readonly adapter: AdapterInfo | null;
  /** The tfjs version. */
  readonly tfjsVersion: string;
  /** Wasm: whether the SIMD binary is in use. */
  readonly wasmSimd?: boolean;
  /**
   * Wasm: the threads the suite's kernels split their work over now (`setWasmThreads`' count, or
   * fewer while its workers are starting or where they cannot).
   */
  readonly wasmThreads?: number;
}

let cachedAdapter: AdapterInfo | null = null;

/**
 * Describes the GPU adapter that WebGPU offers, or `null` where there is none.
 *
 * @example
 * ```ts
 * import { gpuAdapterInfo } from "./backend.ts";
 *
 * const adapter = await gpuAdapterInfo();
 * if (adapter) console.log(adapter.description, adapter.isFallbackAdapter);
 * ```
 */
export async function gpuAdapterInfo(): Promise<AdapterInfo | null> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (gpu === undefined) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) return null;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  return {
    vendor: String(info.vendor ?? ""),
    architecture: String(info.architecture ?? ""),
    device: String(info.device ?? ""),
    description: String(info.description ?? ""),
    isFallbackAdapter: Boolean(
      info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter,
    ),
  };
}

/**
 * Makes `choice` the active tfjs backend and describes it. `auto` picks webgpu only on a real
 * (non-fallback) GPU adapter, else wasm. Throws `RangeError` for an unknown choice and `Error`
 * when the backend cannot start (webgpu without an adapter, wasm without read permission).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectBackend } from "./backend.ts";
 *
 * const info = await selectBackend("cpu");
 * assert.equal(info.backend, "cpu");
 * assert.equal(info.adapter, null);
 * ```
 */
export async function selectBackend(choice: BackendChoice = "auto"): Promise<BackendInfo> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new RangeError(
      `Backend must be one of ${BACKEND_CHOICES.join(", ")}: received "${choice}"`,
    );
  }
  let name: BackendName;
  let adapter: AdapterInfo | null = null;
  if (choice === "auto" || choice === "webgpu") {
    adapter = await gpuAdapterInfo();
    if (choice === "webgpu" && adapter === null) {
      throw new Error("Backend webgpu needs a WebGPU adapter: navigator.gpu offers none here");
    }
    name = adapter !== null && (choice === "webgpu" || !adapter.isFallbackAdapter)
      ? "webgpu"
      : "wasm";
  } else {
    name = choice;
  }
  if (!(await tf.setBackend(name))) {
    throw new Error(
      `Backend ${name} failed to initialize` +
        (name === "wasm" ? " (it needs --allow-read for its .wasm file)" : ""),
    );
  }
  await tf.ready();
  cachedAdapter = name === "webgpu" ? adapter : null;
  return activeBackend();
}

/**
 * Describes the active backend (the one {@linkcode selectBackend} chose last, or wasm, the
 * starting backend).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { activeBackend, selectBackend } from "./backend.ts";
 *
 * await selectBackend("wasm");
 * assert.equal(activeBackend().backend, "wasm");
 * assert.equal(activeBackend().wasmSimd, true);
 * assert.ok(activeBackend().wasmThreads! >= 1);
 * ```
 */
export function activeBackend(): BackendInfo {
  const backend = tf.getBackend() as BackendName;
  return {
    backend,
    adapter: backend === "webgpu" ? cachedAdapter : null,
    tfjsVersion: tf.version_core,
    ...(backend === "wasm"
      ? {
        wasmSimd: Boolean(tf.env().get("WASM_HAS_SIMD_SUPPORT")),
        wasmThreads: effectiveThreadCount(),
      }
      : {}),
  };
}
