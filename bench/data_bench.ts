// Dataset generation throughput (issue: ≥ 2× a numpy/LAPACK pipeline of dense eigh, amplitudes,
// Q_AB and RSWN — about 2,800 samples/s at 32 cells and 280 at 100 cells — with all cores).
// Two groups per size: "generate" builds a disordered plain-chain set with every representation
// to a temporary file (new threads each time, hashing and writing included); "compute" produces
// the same samples in memory on a started, JIT-warm pool — what the reference pipeline measures.
// samples/s = samples / (time per iteration). Unbalanced, so that every sample is one
// diagonalization, as in the reference pipeline.
import "./_args.ts"; // first: --help and bad options stop the run here
import { buildDataset, datasetSpec } from "../lib/data/mod.ts";
import { chunkPool } from "../lib/data/chunk_pool.ts";

const cores = Math.min(navigator.hardwareConcurrency || 1, 8);

for (const [cells, samples] of [[32, 2048], [100, 256]]) {
  const spec = datasetSpec({
    name: `bench-${cells}`,
    model: "plain",
    cells,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    disorder: { intracell: { min: 0, max: 8 }, intercellRatio: 0.5 },
    splits: { train: samples, validation: 0, test: 0 },
    balance: false,
    seed: 9,
  });
  for (const workers of [1, cores]) {
    Deno.bench({
      name: `generate ${samples} samples, ${cells} cells, ${workers} worker${
        workers > 1 ? "s" : ""
      }`,
      group: `data-${cells}`,
      baseline: workers === 1,
      n: 5,
      warmup: 1,
      async fn(b) {
        const path = await Deno.makeTempFile({ suffix: ".tlds" });
        b.start();
        await buildDataset(spec, path, { workers });
        b.end();
        await Deno.remove(path);
      },
    });
  }
  // The same samples computed in memory only (every representation, labels, the invariant):
  // what the reference pipeline measures, without the file, its hashes and its sync; one pool
  // per worker count, reused across iterations, so threads are started and JIT-warm (the
  // steady state of a long build; the builds above include starting their threads).
  for (const workers of [1, cores]) {
    let pool: ReturnType<typeof chunkPool> | null = null;
    Deno.bench({
      name: `compute ${samples} samples in memory, ${cells} cells, ${workers} worker${
        workers > 1 ? "s" : ""
      } (warm)`,
      group: `data-${cells}-compute`,
      baseline: workers === 1,
      n: 5,
      warmup: 2,
      async fn(b) {
        if (!pool) {
          const started = chunkPool(spec, workers);
          globalThis.addEventListener("unload", () => started.close());
          pool = started;
        }
        b.start();
        const chunks = [];
        for (let start = 0; start < samples; start += 32) {
          chunks.push(pool.generate("train", start, Math.min(start + 32, samples)));
        }
        await Promise.all(chunks);
        b.end();
      },
    });
  }
}
