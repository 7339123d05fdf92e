// RSWN throughput for batches of disordered plain chains (v = 1.05, w = 1, W1 = 2, W2 = 1: the
// topological Anderson region near its boundary) at 32, 100 and 400 cells: the WGSL path
// (lib/gpu) against the CPU path (lib/invariants realSpaceWinding per chain, float64). Chains per
// second = batch / time per iteration. On a software adapter (llvmpipe) both 400-cell batches are
// cut to 32 chains (the GPU path needs ~0.65 s per chain there) so that the bench ends in about
// three minutes and the group summary compares like with like; the adapter is printed once.
// The 400-cell group runs with `--profile standard` or `full` (the quick default keeps
// `deno task bench` short): `deno task bench --profile standard --study none` runs it alone.
// The GPU benches run on a software adapter only with `--software-adapter`.
import { FLAGS } from "./_args.ts"; // first: --help and bad options stop the run here
import { sshChain } from "../lib/lattice/mod.ts";
import { realSpaceWinding } from "../lib/invariants/mod.ts";
import { type GpuContext, gpuPolarWinding, requestGpuDevice } from "../lib/gpu/mod.ts";

let context: GpuContext | null = null;
try {
  // A software adapter only on request (--software-adapter): its timings say nothing about a GPU.
  context = await requestGpuDevice({ allowSoftware: FLAGS.softwareAdapter });
  console.log(`gpu_bench adapter: ${JSON.stringify(context.adapter)}`);
} catch (error) {
  console.log(
    `gpu_bench: no hardware WebGPU adapter, GPU benches skipped (${
      (error as Error).message
    }; --software-adapter runs them on a software one)`,
  );
}
const software = context?.adapter.isFallbackAdapter ?? true;

function chains(cells: number, count: number) {
  return Array.from({ length: count }, (_, seed) =>
    sshChain({
      cells,
      hoppings: { 0: 1.05, 1: 1 },
      disorder: { intracell: 2, intercell: 1 },
      seed,
    }));
}

const small = FLAGS.profile.name === "quick" || FLAGS.profile.name === "tiny";
const sizes = small ? [32, 100] : [32, 100, 400];

for (const cells of sizes) {
  const count = software && cells >= 400 ? 32 : 1024;
  const cpuBatch = chains(cells, count);
  const gpuBatch = cpuBatch;
  const iterations = cells >= 100 ? 1 : 3;
  Deno.bench({
    name: `RSWN CPU (lib/invariants, float64), ${cpuBatch.length} chains × ${cells} cells`,
    group: `rswn-batch-${cells}`,
    baseline: true,
    n: iterations,
    warmup: cells >= 100 ? 0 : 1,
    fn() {
      for (const chain of cpuBatch) realSpaceWinding(chain);
    },
  });
  Deno.bench({
    name: `RSWN GPU (lib/gpu, float32, ${
      software ? "software adapter" : "hardware adapter"
    }), ${gpuBatch.length} chains × ${cells} cells`,
    group: `rswn-batch-${cells}`,
    ignore: context === null,
    n: iterations,
    warmup: cells >= 100 ? 0 : 1,
    async fn() {
      await gpuPolarWinding(context!, gpuBatch);
    },
  });
}
