import { hoppingReach, type SshChain } from "../lattice/mod.ts";
import { centralCells } from "../invariants/mod.ts";
import { deflatedBlock, deflationLowerBound } from "./deflated_block.ts";
import type { GpuContext } from "./gpu_device.ts";
import { createComputePipeline, createStorageBuffer, createUniformBuffer } from "./gpu_buffers.ts";
import type { PolarWindingOptions } from "./newton_schulz_winding.ts";
import { polarSchedule } from "./polar_schedule.ts";
import {
  GEMM_ROWS,
  GEMM_VEC4_COLUMNS,
  GEMM_WGSL,
  GEMM_WORKGROUP,
  WINDING_WGSL,
} from "./_kernels.ts";

/** Options of {@linkcode gpuPolarWinding}. */
export interface GpuPolarWindingOptions extends PolarWindingOptions {
  /** Also read back `Q_AB` of every chain (float32). Default `false`. */
  readonly projectors?: boolean;
  /**
   * The most bytes per storage buffer (four are live), capped by the device's
   * `maxStorageBufferBindingSize`; a batch is processed in sub-batches that fit. Default 64 MiB.
   */
  readonly maxBufferBytes?: number;
}

/** The winding numbers (and optionally the projectors) of a batch of chains. */
export interface GpuPolarWinding {
  /** ν per chain, float32 on the device, widened to float64. */
  readonly realSpaceWinding: Float64Array;
  /** `Q_AB` per chain, row-major `cells × cells`, when asked for; else `null`. */
  readonly projectors: Float32Array[] | null;
  /** Triplets deflated in float64 before the iteration, per chain. */
  readonly deflated: Uint8Array;
  /** Polar iteration steps (three batched products each). */
  readonly steps: number;
  /** Chains per sub-batch. */
  readonly chainsPerDispatch: number;
}

const MIB = 1024 * 1024;
const pipelineCache = new WeakMap<GPUDevice, Promise<[GPUComputePipeline, GPUComputePipeline]>>();

function pipelinesFor(device: GPUDevice): Promise<[GPUComputePipeline, GPUComputePipeline]> {
  let pipelines = pipelineCache.get(device);
  if (!pipelines) {
    pipelines = Promise.all([
      createComputePipeline(device, GEMM_WGSL),
      createComputePipeline(device, WINDING_WGSL),
    ]);
    pipelineCache.set(device, pipelines);
  }
  return pipelines;
}

/**
 * The real-space winding numbers (PHYSICS.md §3) of a batch of chiral chains of one size on a
 * WebGPU device, in float32: each block is deflated in float64 on the CPU
 * ({@linkcode deflatedBlock}), the polar iteration ({@linkcode polarSchedule}) runs as batched
 * products in WGSL, and a reduction kernel traces the central columns. The CPU twin is
 * {@linkcode newtonSchulzWinding}. Tolerances held by tests/gpu_webgpu_test.ts on the software
 * adapter: `|ν_gpu − ν_exact| ≤ 1e-4` and `|Q_gpu − Q_exact| ≤ 1e-4` entrywise for plain chains
 * in every phase, at the transition included (measured ≤ 3e-5); extended chains are not deflated
 * and hold `1e-3` when gapped. Cost: `3·steps` batched products of order `cells` per chain (7
 * steps at the default threshold), plus O(cells²) float64 preparation on the CPU.
 *
 * @param chains Chiral chains with the same number of cells and hopping range.
 *
 * @example Three clean chains on whatever adapter there is
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "../lattice/mod.ts";
 * import { gpuPolarWinding, requestGpuDevice } from "./mod.ts";
 *
 * const context = await requestGpuDevice({ allowSoftware: true });
 * const chains = [0.5, 1.5, 0.8].map((v) => sshChain({ cells: 16, hoppings: { 0: v, 1: 1 } }));
 * const { realSpaceWinding } = await gpuPolarWinding(context, chains);
 * assert(Math.abs(realSpaceWinding[0] - 1) < 1e-2 && Math.abs(realSpaceWinding[1]) < 1e-2);
 * context.device.destroy();
 * ```
 */
export async function gpuPolarWinding(
  context: GpuContext,
  chains: readonly SshChain[],
  options: GpuPolarWindingOptions = {},
): Promise<GpuPolarWinding> {
  const { device } = context;
  const count = chains.length;
  const wantProjectors = options.projectors ?? false;
  if (count === 0) {
    return {
      realSpaceWinding: new Float64Array(0),
      projectors: wantProjectors ? [] : null,
      deflated: new Uint8Array(0),
      steps: 0,
      chainsPerDispatch: 0,
    };
  }
  const cells = chains[0].cells;
  const range = hoppingReach(chains[0]);
  for (const [index, chain] of chains.entries()) {
    if (chain.cells !== cells || hoppingReach(chain) !== range) {
      throw new RangeError(
        `All chains of a batch need ${cells} cells and hopping range ${range}: chain ${index} ` +
          `has ${chain.cells} cells and range ${hoppingReach(chain)}`,
      );
    }
  }
  const centre = centralCells(cells, options.trim ?? 0.25, range);
  const steps = polarSchedule(deflationLowerBound(options.threshold));
  const padded = Math.ceil(cells / 4) * 4;
  const matrixBytes = padded * padded * 4;
  const maxBufferBytes = options.maxBufferBytes ?? 64 * MIB;
  if (!Number.isSafeInteger(maxBufferBytes) || maxBufferBytes < matrixBytes) {
    throw new RangeError(
      `maxBufferBytes must be an integer ≥ ${matrixBytes} (one ${padded}² float32 matrix): ` +
        `received ${maxBufferBytes}`,
    );
  }
  const perDispatch = Math.max(
    1,
    Math.min(
      count,
      Math.floor(Math.min(maxBufferBytes, device.limits.maxStorageBufferBindingSize) / matrixBytes),
      device.limits.maxComputeWorkgroupsPerDimension,
    ),
  );
  const [gemm, winding] = await pipelinesFor(device);
  const size = perDispatch * matrixBytes;
  const x = [createStorageBuffer(device, size), createStorageBuffer(device, size)];
  const gram = createStorageBuffer(device, size);
  const polynomial = createStorageBuffer(device, size);
  const nu = createStorageBuffer(device, 4 * perDispatch);
  const nuRead = device.createBuffer({
    size: 4 * perDispatch,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const projectorRead = wantProjectors
    ? device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST })
    : null;
  const integers = [true, true, true, false, false];
  const uniforms: GPUBuffer[] = [];
  const gemmParams = (transpose: boolean, alpha: number, beta: number) => {
    const buffer = createUniformBuffer(
      device,
      [padded, padded / 4, transpose ? 1 : 0, alpha, beta],
      integers,
    );
    uniforms.push(buffer);
    return buffer;
  };
  const stepParams = steps.map(({ a, b, c }) => ({
    gram: gemmParams(true, 1, 0),
    polynomial: gemmParams(false, c, b),
    update: gemmParams(false, 1, a),
  }));
  const windingParams = createUniformBuffer(
    device,
    [padded, cells, centre.first, centre.end],
    [true, true, true, true],
  );
  uniforms.push(windingParams);
  const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) =>
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  const realSpaceWinding = new Float64Array(count);
  const deflated = new Uint8Array(count);
  const projectors: Float32Array[] | null = wantProjectors ? [] : null;
  const staging = new Float32Array(perDispatch * padded * padded);
  try {
    for (let start = 0; start < count; start += perDispatch) {
      const batch = Math.min(perDispatch, count - start);
      staging.fill(0);
      for (let c = 0; c < batch; c++) {
        const prepared = deflatedBlock(chains[start + c], { threshold: options.threshold });
        deflated[start + c] = prepared.deflated;
        const offset = c * padded * padded;
        for (let j = 0; j < cells; j++) {
          staging.set(
            prepared.block.subarray(j * cells, (j + 1) * cells),
            offset + j * padded,
          );
        }
      }
      device.queue.writeBuffer(x[0], 0, staging, 0, batch * padded * padded);
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(gemm);
      const groups = [
        Math.ceil(padded / 4 / GEMM_VEC4_COLUMNS / GEMM_WORKGROUP),
        Math.ceil(padded / GEMM_ROWS / GEMM_WORKGROUP),
        batch,
      ] as const;
      let current = 0;
      for (const params of stepParams) {
        const [from, to] = [x[current], x[1 - current]];
        pass.setBindGroup(0, bind(gemm, [params.gram, from, from, from, gram]));
        pass.dispatchWorkgroups(...groups);
        pass.setBindGroup(0, bind(gemm, [params.polynomial, gram, gram, gram, polynomial]));
        pass.dispatchWorkgroups(...groups);
        pass.setBindGroup(0, bind(gemm, [params.update, from, polynomial, from, to]));
        pass.dispatchWorkgroups(...groups);
        current = 1 - current;
      }
      pass.setPipeline(winding);
      pass.setBindGroup(0, bind(winding, [windingParams, x[current], nu]));
      pass.dispatchWorkgroups(batch);
      pass.end();
      encoder.copyBufferToBuffer(nu, 0, nuRead, 0, 4 * batch);
      if (projectorRead) {
        encoder.copyBufferToBuffer(x[current], 0, projectorRead, 0, batch * matrixBytes);
      }
      device.queue.submit([encoder.finish()]);
      await nuRead.mapAsync(GPUMapMode.READ, 0, 4 * batch);
      const values = new Float32Array(nuRead.getMappedRange(0, 4 * batch));
      for (let c = 0; c < batch; c++) realSpaceWinding[start + c] = values[c];
      nuRead.unmap();
      if (projectorRead && projectors) {
        await projectorRead.mapAsync(GPUMapMode.READ, 0, batch * matrixBytes);
        const all = new Float32Array(projectorRead.getMappedRange(0, batch * matrixBytes));
        for (let c = 0; c < batch; c++) {
          const q = new Float32Array(cells * cells);
          for (let j = 0; j < cells; j++) {
            const from = c * padded * padded + j * padded;
            q.set(all.subarray(from, from + cells), j * cells);
          }
          projectors.push(q);
        }
        projectorRead.unmap();
      }
    }
  } finally {
    for (const buffer of [...x, gram, polynomial, nu, nuRead, ...uniforms]) buffer.destroy();
    projectorRead?.destroy();
  }
  for (let c = 0; c < count; c++) {
    if (!Number.isFinite(realSpaceWinding[c])) {
      throw new Error(`GPU winding number of chain ${c} is not finite (${realSpaceWinding[c]})`);
    }
  }
  return {
    realSpaceWinding,
    projectors,
    deflated,
    steps: steps.length,
    chainsPerDispatch: perDispatch,
  };
}
