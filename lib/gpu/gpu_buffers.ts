/**
 * A storage buffer (also a copy source and destination), filled from `data` when given.
 *
 * @param sizeOrData Byte size (rounded up to 4), or float32 contents.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createStorageBuffer, readFloat32 } from "./gpu_buffers.ts";
 * import { requestGpuDevice } from "./gpu_device.ts";
 *
 * const { device } = await requestGpuDevice({ allowSoftware: true });
 * const buffer = createStorageBuffer(device, new Float32Array([1, 2, 3]));
 * assert.deepEqual(await readFloat32(device, buffer, 3), new Float32Array([1, 2, 3]));
 * device.destroy();
 * ```
 */
export function createStorageBuffer(
  device: GPUDevice,
  sizeOrData: number | Float32Array<ArrayBuffer>,
): GPUBuffer {
  const size = typeof sizeOrData === "number" ? sizeOrData : sizeOrData.byteLength;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`buffer size must be an integer ≥ 0: received ${size}`);
  }
  if (size > device.limits.maxStorageBufferBindingSize) {
    throw new RangeError(
      `buffer of ${size} bytes exceeds maxStorageBufferBindingSize = ` +
        `${device.limits.maxStorageBufferBindingSize}: split the batch`,
    );
  }
  const buffer = device.createBuffer({
    size: Math.max(4, Math.ceil(size / 4) * 4),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
  if (typeof sizeOrData !== "number") device.queue.writeBuffer(buffer, 0, sizeOrData);
  return buffer;
}

/**
 * A uniform buffer holding `words` (32-bit each; numbers become `u32` when `integers[i]`, else
 * `f32`), padded to 16 bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createUniformBuffer } from "./gpu_buffers.ts";
 * import { requestGpuDevice } from "./gpu_device.ts";
 *
 * const { device } = await requestGpuDevice({ allowSoftware: true });
 * const uniform = createUniformBuffer(device, [4, 0.5], [true, false]);
 * assert.equal(uniform.size, 16);
 * device.destroy();
 * ```
 */
export function createUniformBuffer(
  device: GPUDevice,
  words: readonly number[],
  integers: readonly boolean[],
): GPUBuffer {
  if (words.length !== integers.length) {
    throw new RangeError(
      `words and integers must have the same length: ${words.length} ≠ ${integers.length}`,
    );
  }
  const bytes = new ArrayBuffer(Math.max(16, Math.ceil((words.length * 4) / 16) * 16));
  const view = new DataView(bytes);
  words.forEach((word, i) => {
    if (integers[i]) view.setUint32(4 * i, word, true);
    else view.setFloat32(4 * i, word, true);
  });
  const buffer = device.createBuffer({
    size: bytes.byteLength,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, bytes);
  return buffer;
}

/**
 * Copies the first `count` float32 values of a buffer back to the host (waits for the queue).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createStorageBuffer, readFloat32 } from "./gpu_buffers.ts";
 * import { requestGpuDevice } from "./gpu_device.ts";
 *
 * const { device } = await requestGpuDevice({ allowSoftware: true });
 * const buffer = createStorageBuffer(device, new Float32Array([0.5, 7]));
 * assert.deepEqual(await readFloat32(device, buffer, 1), new Float32Array([0.5]));
 * device.destroy();
 * ```
 */
export async function readFloat32(
  device: GPUDevice,
  buffer: GPUBuffer,
  count: number,
): Promise<Float32Array> {
  if (!Number.isSafeInteger(count) || count < 0 || 4 * count > buffer.size) {
    throw new RangeError(`count must be an integer in [0, ${buffer.size / 4}]: received ${count}`);
  }
  const staging = device.createBuffer({
    size: Math.max(4, 4 * count),
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, 4 * count);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const values = new Float32Array(staging.getMappedRange(0, 4 * count).slice(0));
  staging.unmap();
  staging.destroy();
  return values;
}

/**
 * A compute pipeline from WGSL source (entry point `main`, layout `auto`), with the shader's
 * compilation errors in the thrown message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createComputePipeline } from "./gpu_buffers.ts";
 * import { requestGpuDevice } from "./gpu_device.ts";
 *
 * const { device } = await requestGpuDevice({ allowSoftware: true });
 * const pipeline = await createComputePipeline(device, "@compute @workgroup_size(1) fn main() {}");
 * assert(pipeline.getBindGroupLayout(0));
 * device.destroy();
 * ```
 */
export async function createComputePipeline(
  device: GPUDevice,
  code: string,
): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code });
  const { messages } = await module.getCompilationInfo();
  const errors = messages.filter((message) => message.type === "error");
  if (errors.length > 0) {
    throw new SyntaxError(
      `WGSL compilation failed: ${
        errors.map((e) => `${e.lineNum}:${e.linePos} ${e.message}`).join("; ")
      }`,
    );
  }
  return await device.createComputePipelineAsync({
    layout: "auto",
    compute: { module, entryPoint: "main" },
  });
}
