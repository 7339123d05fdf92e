// The WGSL path on whatever adapter there is (llvmpipe, the software adapter, on machines without
// a GPU), against its float64 CPU twin and the exact float64 RSWN and Q_AB of lib/invariants.
// Tolerances (float32 on the device): |ν_gpu − ν_exact| ≤ 1e-4 for plain chains in every phase,
// the transition included (measured ≤ 3e-5), and |Q_gpu − Q_exact| ≤ 1e-4 entrywise.
import assert from "node:assert/strict";
import { chainSpectrum, realSpaceWinding } from "../lib/invariants/mod.ts";
import { criticalIntracell, disordered } from "./_chains.ts";
import { type SshChain, sshChain } from "../lib/lattice/mod.ts";
import {
  adapterInfo,
  createStorageBuffer,
  type GpuContext,
  gpuPolarWinding,
  GpuUnavailableError,
  newtonSchulzWinding,
  readFloat32,
  requestGpuDevice,
  selectComputeDevice,
} from "../lib/gpu/mod.ts";

const NU_TOLERANCE = 1e-4;
const Q_TOLERANCE = 1e-4;

/** The exact Q_AB = Σ_k u_k v_kᵀ (float64, lib/invariants). */
function exactProjector(chain: SshChain): Float64Array {
  const n = chain.cells;
  const { left, right } = chainSpectrum(chain);
  const q = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const u = left[k * n + j];
      for (let i = 0; i < n; i++) q[j * n + i] += u * right[k * n + i];
    }
  }
  return q;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

async function withDevice(test: (context: GpuContext) => Promise<void>): Promise<void> {
  const context = await requestGpuDevice({ allowSoftware: true });
  try {
    await test(context);
  } finally {
    context.device.destroy();
  }
}

Deno.test("requestGpuDevice: adapter info for provenance; a software adapter only when allowed", async () => {
  const adapter = await navigator.gpu.requestAdapter();
  assert(adapter, "Deno offers at least a software adapter");
  const info = adapterInfo(adapter);
  for (const key of ["vendor", "architecture", "device", "description"] as const) {
    assert.equal(typeof info[key], "string");
  }
  await withDevice(async ({ adapter: seen }) => {
    await Promise.resolve();
    assert.deepEqual(seen, info);
  });
  if (info.isFallbackAdapter) {
    await assert.rejects(() => requestGpuDevice(), (error: unknown) => {
      assert(error instanceof GpuUnavailableError);
      assert.match(error.message, /software/);
      assert.deepEqual(error.adapter, info);
      return true;
    });
    const auto = await selectComputeDevice("auto");
    assert.equal(auto.kind, "cpu");
    assert.match(auto.reason, /software/);
  }
  const forced = await selectComputeDevice("gpu");
  assert.equal(forced.kind, "gpu");
  if (forced.kind === "gpu") forced.context.device.destroy();
  assert.equal((await selectComputeDevice("cpu")).kind, "cpu");
  // @ts-expect-error: a bad policy is a RangeError
  await assert.rejects(() => selectComputeDevice("tpu"), RangeError);
});

Deno.test("requestGpuDevice: a clear message when navigator.gpu is missing", async () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, "navigator")!;
  Object.defineProperty(globalThis, "navigator", { value: {}, configurable: true });
  try {
    await assert.rejects(() => requestGpuDevice({ allowSoftware: true }), (error: unknown) => {
      assert(error instanceof GpuUnavailableError);
      assert.match(error.message, /navigator\.gpu is missing/);
      return true;
    });
    assert.equal((await selectComputeDevice("auto")).kind, "cpu");
    await assert.rejects(() => selectComputeDevice("gpu"), GpuUnavailableError);
  } finally {
    Object.defineProperty(globalThis, "navigator", descriptor);
  }
});

Deno.test("buffer helpers: round trip, and the binding-size limit is a RangeError", async () => {
  await withDevice(async ({ device }) => {
    const data = new Float32Array([1.5, -2, 3.25, 0]);
    assert.deepEqual(await readFloat32(device, createStorageBuffer(device, data), 4), data);
    assert.throws(
      () => createStorageBuffer(device, device.limits.maxStorageBufferBindingSize + 4),
      RangeError,
    );
  });
});

Deno.test("gpuPolarWinding = twin = exact, 32 cells: trivial, topological, near the transition, Anderson", async () => {
  const vc = criticalIntracell(1);
  const chains: SshChain[] = [
    sshChain({ cells: 32, hoppings: { 0: 1, 1: 0.5 } }),
    sshChain({ cells: 32, hoppings: { 0: 0.5, 1: 1 } }),
    sshChain({ cells: 32, hoppings: { 0: 0.1, 1: 1 } }), // edge mode below float64
    sshChain({ cells: 32, hoppings: { 0: 0.97, 1: 1 } }), // clean, near v = w
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((seed) => disordered(32, vc, 1, seed)), // at the transition
    ...[0, 1, 2, 3].map((seed) => disordered(32, 1.05, 1, seed)),
    ...[0, 1, 2, 3].map((seed) => disordered(32, 0.3, 3, seed)),
  ];
  await withDevice(async (context) => {
    const gpu = await gpuPolarWinding(context, chains, { projectors: true });
    assert.equal(gpu.steps, 7);
    assert(gpu.deflated.some((count) => count > 0));
    for (const [c, chain] of chains.entries()) {
      const exact = realSpaceWinding(chain);
      const twin = newtonSchulzWinding(chain);
      const nu = gpu.realSpaceWinding[c];
      assert(Math.abs(nu - exact) <= NU_TOLERANCE, `chain ${c}: ν_gpu ${nu}, exact ${exact}`);
      assert(Math.abs(nu - twin.realSpaceWinding) <= NU_TOLERANCE, `chain ${c} against the twin`);
      const q = gpu.projectors![c];
      assert(maxDifference(q, twin.projector) <= Q_TOLERANCE, `chain ${c}: Q against the twin`);
      assert(maxDifference(q, exactProjector(chain)) <= Q_TOLERANCE, `chain ${c}: Q against exact`);
    }
    // Not vacuous: the batch spans both phases and the unquantized region between them.
    const nus = Array.from(gpu.realSpaceWinding);
    assert(nus.some((nu) => Math.abs(nu - 1) < 1e-3) && nus.some((nu) => Math.abs(nu) < 1e-3));
    assert(nus.some((nu) => Math.abs(nu - Math.round(nu)) > 0.05));
  });
});

Deno.test("gpuPolarWinding at 100 and 400 cells near the transition, and extended chains", async () => {
  const vc = criticalIntracell(1);
  await withDevice(async (context) => {
    for (const [cells, seeds] of [[100, 6], [400, 2]] as const) {
      const chains = Array.from({ length: seeds }, (_, seed) => disordered(cells, vc, 1, seed));
      chains.push(disordered(cells, 1.05, 1, 0));
      const gpu = await gpuPolarWinding(context, chains);
      for (const [c, chain] of chains.entries()) {
        const exact = realSpaceWinding(chain);
        const nu = gpu.realSpaceWinding[c];
        assert(
          Math.abs(nu - exact) <= NU_TOLERANCE,
          `${cells} cells, chain ${c}: ${nu} vs ${exact}`,
        );
      }
    }
    // Extended chains (not deflated): gapped ones to 1e-3 at 40 cells, the twin to float32.
    const extended: Record<number, number>[] = [{ 0: 0.3, 1: 0.5, 2: 1 }, { 0: 0.2, 1: 1, 2: 0.3 }];
    const chains = extended.map((hoppings) => sshChain({ cells: 40, hoppings }));
    const gpu = await gpuPolarWinding(context, chains);
    for (const [c, chain] of chains.entries()) {
      const nu = gpu.realSpaceWinding[c];
      assert(Math.abs(nu - realSpaceWinding(chain)) <= 1e-3, `extended ${c}: ${nu}`);
      assert(Math.abs(nu - newtonSchulzWinding(chain).realSpaceWinding) <= NU_TOLERANCE);
    }
    assert(
      Math.abs(gpu.realSpaceWinding[0] - 2) < 1e-3 && Math.abs(gpu.realSpaceWinding[1] - 1) < 1e-3,
    );
  });
});

Deno.test("gpuPolarWinding: sub-batches give the same numbers; bad batches are RangeErrors", async () => {
  const chains = [0, 1, 2, 3, 4, 5, 6].map((seed) => disordered(20, 1.05, 1, seed));
  await withDevice(async (context) => {
    const whole = await gpuPolarWinding(context, chains);
    const split = await gpuPolarWinding(context, chains, { maxBufferBytes: 3 * 20 * 20 * 4 });
    assert.equal(split.chainsPerDispatch, 3);
    assert.deepEqual(split.realSpaceWinding, whole.realSpaceWinding);
    assert.equal((await gpuPolarWinding(context, [])).realSpaceWinding.length, 0);
    await assert.rejects(
      () => gpuPolarWinding(context, [chains[0], disordered(24, 1.05, 1, 0)]),
      RangeError,
    );
    await assert.rejects(
      () => gpuPolarWinding(context, chains, { maxBufferBytes: 100 }),
      RangeError,
    );
    await assert.rejects(() => gpuPolarWinding(context, chains, { threshold: 0.5 }), RangeError);
    const onsite = sshChain({
      cells: 20,
      hoppings: { 0: 1, 1: 1 },
      disorder: { onsite: 1 },
      seed: 1,
    });
    await assert.rejects(() => gpuPolarWinding(context, [onsite]), RangeError);
  });
});
