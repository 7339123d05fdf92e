// Training throughput (samples/s) of the benchmark networks on every backend, batch 128 (16 for
// the CNN on cpu) on amplitudes at 32 cells ([32, 64]): the MLP 2048 → 128 → 128 → 2 and the CNN
// of two 32-filter width-5 convolutions. Reference (issue 4): PyTorch on this CPU, one thread,
// trains the MLP at about 50,000 samples/s and the CNN at about 20,000; the wasm target is a third
// of that.
// webgpu runs on a hardware adapter; on a software one (llvmpipe, a rasterizer on the CPU, on
// machines without a GPU) only with `--software-adapter` (the bench name says which). Each
// iteration is `steps` training steps through trainModel; the samples/s printed at the end come
// from the runs' own training clocks.
import { FLAGS } from "./_args.ts"; // first: --help and bad options stop the run here
import { type Architecture, cnn, mlp, type TrainableModel } from "../lib/models/mod.ts";
import { type BackendName, gpuAdapterInfo, selectBackend } from "../lib/tensor/mod.ts";
import { syntheticSource, trainModel } from "../lib/train/mod.ts";

const INPUT = { representation: "amplitudes", cells: 32, shape: [32, 64] } as const;
const BATCH = 128;
const benchSource = syntheticSource({
  sampleShape: INPUT.shape,
  seed: 1,
  samples: { train: 4 * BATCH, validation: 1, test: 1 },
});
const adapterInfo = await gpuAdapterInfo();
const gpuName = adapterInfo === null
  ? null
  : adapterInfo.isFallbackAdapter
  ? `webgpu (software adapter: ${adapterInfo.description})`
  : `webgpu (${adapterInfo.description})`;
// A software adapter only on request (--software-adapter): its timings say nothing about a GPU.
const softwareSkipped = adapterInfo?.isFallbackAdapter === true && !FLAGS.softwareAdapter;
if (softwareSkipped) {
  console.log(
    `train_bench: webgpu skipped on the software adapter ${
      adapterInfo!.description
    } (--software-adapter runs it)`,
  );
}
const throughputs = new Map<string, number[]>();

const PLAN: [string, Architecture, Record<BackendName, number>][] = [
  ["mlp 2048→128→128→2", mlp(), { wasm: 20, cpu: 4, webgpu: 4 }],
  ["cnn 2×conv(32, width 5)", cnn(), { wasm: 10, cpu: 1, webgpu: 2 }],
];

for (const [label, architecture, stepsOn] of PLAN) {
  for (const backend of ["wasm", "cpu", "webgpu"] as BackendName[]) {
    if (backend === "webgpu" && (gpuName === null || softwareSkipped)) continue;
    // cpu's conv2d gradients are plain JS loops (~20 s per CNN step at batch 128): the CNN runs
    // there at batch 16, in a group of its own (samples/s stay comparable; times per run do not).
    const slowCnn = label.startsWith("cnn") && backend === "cpu";
    const batchSize = slowCnn ? 16 : BATCH;
    const name = `${label}, ${backend === "webgpu" ? gpuName : backend}, ` +
      `${stepsOn[backend]} steps × ${batchSize}`;
    let model: TrainableModel | null = null;
    let seed = 0;
    Deno.bench({
      name,
      group: slowCnn ? "cnn on cpu" : label.split(" ")[0],
      baseline: backend === "wasm",
      n: backend === "wasm" ? 8 : slowCnn ? 1 : 2,
      warmup: slowCnn ? 0 : 1,
      async fn() {
        await selectBackend(backend);
        model ??= architecture.build({
          input: INPUT,
          classWindings: [0, 1],
          seed: 1,
          init: { kind: "random" },
        });
        const run = await trainModel({
          model,
          source: benchSource,
          optimizer: { kind: "adam", learningRate: 1e-3 },
          steps: stepsOn[backend],
          batchSize,
          seed: seed++,
          evaluateEvery: 1_000_000,
        });
        throughputs.set(name, [...(throughputs.get(name) ?? []), run.samplesPerSecond!]);
      },
    });
  }
}

globalThis.addEventListener("unload", () => {
  for (const [name, values] of throughputs) {
    // The first run is the warm-up where there was one.
    const sorted = (values.length > 1 ? values.slice(1) : values).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `${name}: best ${sorted[sorted.length - 1].toFixed(0)} samples/s, ` +
        `median ${median.toFixed(0)} samples/s (${sorted.length} runs)`,
    );
  }
});
