// Datasets built with the WebGPU path (the software adapter, llvmpipe, on machines without a GPU)
// against the float64 CPU reference. Tolerances: ν and Q_AB within 1e-4 (the float32 tolerance
// of tests/gpu_webgpu_test.ts; measured ≤ 1e-5 here), so a label (winding = round ν, ambiguous =
// |ν − round ν| > 0.2) may differ only where the CPU's ν lies within 1e-4 of a boundary of
// that rule (k + 1/2, or k ± 0.2); everything else — parameters, bulk gap, analytic phase,
// amplitudes, hamiltonian — is the CPU's, bit for bit, wherever the label agrees.
import assert from "node:assert/strict";
import {
  centralCells,
  centralWinding,
  chainFactors,
  projectorWinding,
} from "../lib/invariants/mod.ts";
import type { SshChain } from "../lib/lattice/mod.ts";
import { type ComputeDevice, type GpuContext, selectComputeDevice } from "../lib/gpu/mod.ts";
import {
  buildDataset,
  cachePath,
  type ChainBatchLabeler,
  CPU_COMPUTE,
  DatasetFile,
  datasetSpec,
  generateBatchedChunk,
  generateChunk,
  generateGpuChunk,
  loadDataset,
  projectorOf,
  SPLITS,
} from "../lib/data/mod.ts";
import type { DatasetSpec } from "../lib/data/mod.ts";

const TOLERANCE = 1e-4;

const DISORDERED = datasetSpec({
  name: "gpu-disorder-16",
  model: "plain",
  cells: 16,
  intracell: { min: 0, max: 2 },
  intercell: 1,
  disorder: { intracell: { min: 0, max: 8 }, intercellRatio: 0.5 },
  splits: { train: 96, validation: 16, test: 32 },
  seed: 77,
});

/** The exact CPU labels, computed as generateSample computes them. */
const exactLabels: ChainBatchLabeler = (chains: readonly SshChain[], { trim, projectors }) => {
  const nu: number[] = [];
  const qs: Float32Array[] = [];
  for (const chain of chains) {
    const centre = centralCells(chain.cells, trim, 1);
    const factors = chainFactors(chain);
    if (projectors) {
      const q = projectorOf(factors);
      nu.push(projectorWinding(q, chain.cells, centre));
      qs.push(Float32Array.from(q));
    } else {
      nu.push(centralWinding(factors.left, factors.right, factors.count, chain.cells, centre));
    }
  }
  return Promise.resolve({ realSpaceWinding: nu, projectors: projectors ? qs : null });
};

function assertSameChunk(actual: { arrays: object }, expected: { arrays: object }, what: string) {
  const a = actual.arrays as Record<string, ArrayBuffer>;
  const e = expected.arrays as Record<string, ArrayBuffer>;
  assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort());
  for (const name of Object.keys(e)) {
    assert.deepEqual(new Uint8Array(a[name]), new Uint8Array(e[name]), `${what}: ${name}`);
  }
}

async function withDevice<T>(
  policy: "gpu" | "auto",
  body: (device: ComputeDevice) => Promise<T>,
): Promise<T> {
  const device = await selectComputeDevice(policy);
  try {
    return await body(device);
  } finally {
    if (device.kind === "gpu") device.context.device.destroy();
  }
}

function context(device: ComputeDevice): GpuContext {
  assert.equal(device.kind, "gpu");
  return (device as { context: GpuContext }).context;
}

Deno.test("the batched path draws exactly as generateSample: with exact labels it is the CPU chunk", async () => {
  const withoutProjector = datasetSpec({
    ...DISORDERED,
    name: "no-projector",
    representations: ["amplitudes", "hamiltonian"],
  });
  const unbalanced = datasetSpec({ ...DISORDERED, name: "unbalanced", balance: false });
  for (const spec of [DISORDERED, withoutProjector, unbalanced]) {
    for (const [split, start, end] of [["train", 0, 96], ["test", 5, 32]] as const) {
      const batched = await generateBatchedChunk(spec, split, start, end, exactLabels);
      assertSameChunk(batched, generateChunk(spec, split, start, end), `${spec.name} ${split}`);
    }
  }
  // Rejection rounds were exercised: some balanced samples needed more than one draw.
  const attempts = new Float64Array(generateChunk(DISORDERED, "train", 0, 96).arrays.parameters!)
    .filter((_, i) => i % 10 === 9);
  assert(attempts.some((count) => count > 1), "no sample was redrawn");
});

Deno.test("a GPU build: labels as the CPU's up to float32 rounding, Q_AB within 1e-4, its own hash and header", async () => {
  const directory = await Deno.makeTempDir();
  try {
    await withDevice("gpu", async (device) => {
      const cpuPath = `${directory}/cpu.tlds`;
      const gpuPath = `${directory}/gpu.tlds`;
      const cpuHeader = await buildDataset(DISORDERED, cpuPath, { workers: 1 });
      const gpuHeader = await buildDataset(DISORDERED, gpuPath, { device, chunkSize: 64 });
      assert.notEqual(gpuHeader.hash, cpuHeader.hash);
      assert.equal(cpuHeader.compute, undefined); // CPU headers are unchanged
      const cpu = await DatasetFile.open(cpuPath);
      const gpu = await DatasetFile.open(gpuPath); // verifies the GPU content hash
      try {
        assert.deepEqual(cpu.compute, CPU_COMPUTE);
        assert.equal(gpu.compute.kind, "gpu");
        assert.equal(gpu.compute.precision, "float32");
        assert.deepEqual(gpu.compute.adapter, context(device).adapter);
        assert.equal(gpu.hash, gpuHeader.hash);
        let worstNu = 0;
        let worstQ = 0;
        let differing = 0;
        for (const split of SPLITS) {
          const a = cpu.labels(split);
          const b = gpu.labels(split);
          for (let i = 0; i < a.winding.length; i++) {
            const nu = a.realSpaceWinding[i];
            const nearBoundary = [0.5, 0.2, 0.8].some((edge) =>
              Math.abs(Math.abs(nu - Math.floor(nu)) - edge) < TOLERANCE
            );
            if (a.winding[i] !== b.winding[i] || a.ambiguous[i] !== b.ambiguous[i]) {
              assert(nearBoundary, `${split} ${i}: label differs at ν = ${nu}`);
              differing++;
              continue;
            }
            worstNu = Math.max(worstNu, Math.abs(nu - b.realSpaceWinding[i]));
            const parameters = (
              labels: typeof a,
            ) => [...labels.parameters.subarray(10 * i, 10 * i + 10)];
            assert.deepEqual(parameters(b), parameters(a));
            assert.equal(b.bulkGap[i], a.bulkGap[i]);
            assert.equal(b.analyticPhase[i], a.analyticPhase[i]);
            assert.equal(b.inverseLocalizationLength[i], a.inverseLocalizationLength[i]);
            for (const representation of ["amplitudes", "hamiltonian"] as const) {
              assert.deepEqual(
                gpu.readSamples(split, representation, [i]),
                cpu.readSamples(split, representation, [i]),
              );
            }
            const qa = cpu.readSamples(split, "projector", [i]);
            const qb = gpu.readSamples(split, "projector", [i]);
            for (let k = 0; k < qa.length; k++) worstQ = Math.max(worstQ, Math.abs(qa[k] - qb[k]));
          }
        }
        assert(differing <= 2, `${differing} labels differ`);
        assert(worstNu <= TOLERANCE, `ν differs by ${worstNu}`);
        assert(worstQ <= TOLERANCE, `Q_AB differs by ${worstQ}`);
      } finally {
        cpu.close();
        gpu.close();
      }
      // The cache keeps the GPU build apart from the CPU reference.
      const gpuFile = await loadDataset(DISORDERED, { cacheDir: directory, device });
      assert.match(gpuFile.path, /gpu-disorder-16-gpu-[0-9a-f]{16}\.tlds$/);
      assert.notEqual(gpuFile.path, cachePath(DISORDERED, directory));
      assert.equal(gpuFile.hash, gpuHeader.hash);
      gpuFile.close();
    });
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});

Deno.test("auto builds on the CPU on a software adapter: the reference bytes and hash", async () => {
  const adapter = await navigator.gpu?.requestAdapter();
  const software = !adapter ||
    (adapter.info as { isFallbackAdapter?: boolean }).isFallbackAdapter ||
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const spec = datasetSpec({ ...DISORDERED, splits: { train: 32, validation: 0, test: 8 } });
  const directory = await Deno.makeTempDir();
  try {
    await withDevice("auto", async (device) => {
      if (!software) {
        assert.equal(device.kind, "gpu"); // a hardware adapter: auto takes it
        return;
      }
      assert.equal(device.kind, "cpu");
      assert.match(device.reason, /software|no webgpu|not available/i);
      const auto = await buildDataset(spec, `${directory}/auto.tlds`, { device });
      const cpu = await buildDataset(spec, `${directory}/cpu.tlds`, { workers: 1 });
      assert.equal(auto.hash, cpu.hash);
      assert.equal(auto.compute, undefined);
      assert.deepEqual(
        await Deno.readFile(`${directory}/auto.tlds`),
        await Deno.readFile(`${directory}/cpu.tlds`),
      );
    });
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});

Deno.test("a GPU build keeps on-site disorder (and the extended model) on the CPU, and works", async () => {
  const onsite = datasetSpec({
    name: "gpu-onsite-12",
    model: "plain",
    cells: 12,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    disorder: { intracell: { min: 0, max: 1 }, intercellRatio: 0.5, onsite: { min: 0, max: 3 } },
    splits: { train: 24, validation: 0, test: 8 },
    balance: false,
    seed: 9,
  });
  const extended = datasetSpec({
    name: "gpu-extended-8",
    model: "extended",
    cells: 8,
    minGap: 0.3,
    splits: { train: 8, validation: 0, test: 4 },
    seed: 3,
  });
  const directory = await Deno.makeTempDir();
  try {
    await withDevice("gpu", async (device) => {
      const gpu = context(device);
      for (const spec of [onsite, extended] as DatasetSpec[]) {
        // Sample by sample: the GPU chunk generator hands every such sample to the CPU.
        assertSameChunk(
          await generateGpuChunk(spec, "train", 0, spec.splits.train, gpu),
          generateChunk(spec, "train", 0, spec.splits.train),
          spec.name,
        );
        // Whole builds: the CPU reference, with its hash, and no GPU in the header.
        const built = await buildDataset(spec, `${directory}/${spec.name}-gpu.tlds`, { device });
        const reference = await buildDataset(spec, `${directory}/${spec.name}.tlds`, {
          workers: 1,
        });
        assert.equal(built.hash, reference.hash);
        assert.equal(built.compute, undefined);
        const file = await loadDataset(spec, { cacheDir: directory, device });
        assert.equal(file.compute.kind, "cpu");
        assert.equal(file.hash, reference.hash);
        file.close();
      }
    });
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});

Deno.test("a tampered GPU build is refused: its hash covers the compute", async () => {
  const spec = datasetSpec({ ...DISORDERED, splits: { train: 8, validation: 0, test: 0 } });
  const directory = await Deno.makeTempDir();
  try {
    await withDevice("gpu", async (device) => {
      const path = `${directory}/gpu.tlds`;
      await buildDataset(spec, path, { device });
      // Relabel the header as a CPU build (same length, compute removed): the hash no longer fits.
      const bytes = await Deno.readFile(path);
      const length = new DataView(bytes.buffer).getUint32(8, true);
      const header = new TextDecoder().decode(bytes.subarray(12, 12 + length));
      const start = header.indexOf(',"compute":');
      const end = header.lastIndexOf("}"); // compute is the header's last field
      assert(start > 0 && end > start);
      const edited = new TextEncoder().encode(
        header.slice(0, start) + " ".repeat(end - start) + header.slice(end),
      );
      assert.equal(edited.length, length);
      assert.equal(JSON.parse(new TextDecoder().decode(edited)).compute, undefined);
      bytes.set(edited, 12);
      await Deno.writeFile(path, bytes);
      await assert.rejects(DatasetFile.open(path), /content hash .* does not match/);
    });
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
