// Training throughput (samples/s) of the benchmark networks, batch 128 (16 for the CNN on cpu) on
// amplitudes at 32 cells ([32, 64]): the MLP 2048 → 128 → 128 → 2 and the CNN of two 32-filter
// width-5 convolutions, softmax cross-entropy, Adam at 1e-3, each step on a shuffled batch gathered
// from a 512-sample training set (PyTorch too). Each network runs on wasm at 1 and
// 2 threads (and at every logical core where there are more), on cpu, on webgpu, and — where an
// interpreter imports torch (Debian's python3-torch; TOPOLEARN_TORCH_PYTHON names another) — on
// PyTorch at 1 and 2 threads on the same shapes, in the same run, so that the ratio to PyTorch is
// measured side by side (the summary at the end prints it); skipped with a note otherwise. PyTorch's figure depends on the BLAS it
// loads: with Debian's reference libblas3 its MLP is ~10× slower than with OpenBLAS
// (libopenblas0-pthread), so the summary names the library and warns on the reference one.
// webgpu runs on a hardware adapter; on a software one (llvmpipe, a rasterizer on the CPU, on
// machines without a GPU) only with `--software-adapter` (the bench name says which). Each
// iteration is `steps` training steps; samples/s come from the runs' own training clocks. Before
// the benchmarks it prints where a wasm step's time goes (kernel by kernel, tf.profile) at 1 thread
// and at the most threads, with the convolutions' multiply-add rate.
import { FLAGS } from "./_args.ts"; // first: --help and bad options stop the run here
import { type Architecture, cnn, mlp, type TrainableModel } from "../lib/models/mod.ts";
import {
  activeBackend,
  type BackendName,
  gpuAdapterInfo,
  MAX_WASM_THREADS,
  selectBackend,
  setWasmThreads,
} from "../lib/tensor/mod.ts";
import { syntheticSource, trainModel } from "../lib/train/mod.ts";
import { startTorchReference, type TorchReference } from "./_torch_reference.ts";
import { formatStepProfile, profileTrainingSteps } from "./_step_profile.ts";

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
const cores = navigator.hardwareConcurrency ?? 1;
const WASM_THREADS = [...new Set([1, 2, Math.min(cores, MAX_WASM_THREADS)])].sort((a, b) => a - b);
const TORCH_THREADS = [...new Set([1, 2, cores])].sort((a, b) => a - b);
// The interpreters start side by side (importing torch takes seconds); all or none are used.
const started = await Promise.all(TORCH_THREADS.map(startTorchReference));
const skipped = started.find((reference) => typeof reference === "string");
const torch = skipped === undefined ? started as TorchReference[] : [];
if (skipped !== undefined) {
  console.log(`train_bench: PyTorch reference skipped (${skipped}; apt-get install python3-torch)`);
}
if (torch.length > 0 && /\/blas\/libblas/.test(torch[0].blas ?? "")) {
  console.log(
    `train_bench: PyTorch loads the reference BLAS (${torch[0].blas}): its MLP figure is not ` +
      "PyTorch's best here; apt-get install libopenblas0-pthread for the fair reference",
  );
}

/** Whether a wasm bench got fewer threads than its name says (reported once). */
let shortOfThreads = false;
/** Samples/s per bench name, and the network and engine each name measures. */
const throughputs = new Map<string, { network: string; engine: string; values: number[] }>();
function record(name: string, network: string, engine: string, value: number): void {
  const entry = throughputs.get(name) ?? { network, engine, values: [] };
  entry.values.push(value);
  throughputs.set(name, entry);
}

const PLAN: ["mlp" | "cnn", string, Architecture, Record<BackendName, number>][] = [
  ["mlp", "mlp 2048→128→128→2", mlp(), { wasm: 20, cpu: 4, webgpu: 4 }],
  ["cnn", "cnn 2×conv(32, width 5)", cnn(), { wasm: 10, cpu: 1, webgpu: 2 }],
];

// Where the time goes: one profile of a few wasm steps per network at 1 thread and at the most
// threads benched, printed before the benchmarks (tf.profile's bookkeeping slows it slightly).
for (const [network, , architecture] of PLAN) {
  for (const threads of new Set([1, WASM_THREADS[WASM_THREADS.length - 1]])) {
    await selectBackend("wasm");
    await setWasmThreads(threads);
    const model = architecture.build({
      input: INPUT,
      classWindings: [0, 1],
      seed: 1,
      init: { kind: "random" },
    });
    const profile = await profileTrainingSteps(model, benchSource, BATCH, 20, 5);
    model.dispose();
    const working = activeBackend().wasmThreads ?? threads;
    console.log(
      `train_bench: where a ${network} step goes, wasm ${working} thread${
        working > 1 ? "s" : ""
      }: ` +
        formatStepProfile(profile),
    );
  }
}

for (const [network, label, architecture, stepsOn] of PLAN) {
  const engines: { backend: BackendName; threads: number }[] = [
    ...WASM_THREADS.map((threads) => ({ backend: "wasm" as const, threads })),
    { backend: "cpu", threads: 1 },
    { backend: "webgpu", threads: 1 },
  ];
  for (const { backend, threads } of engines) {
    if (backend === "webgpu" && (gpuName === null || softwareSkipped)) continue;
    // cpu's conv2d gradients are plain JS loops (~20 s per CNN step at batch 128): the CNN runs
    // there at batch 16, in a group of its own (samples/s stay comparable; times per run do not).
    const slowCnn = network === "cnn" && backend === "cpu";
    const batchSize = slowCnn ? 16 : BATCH;
    const engine = backend === "webgpu"
      ? gpuName!
      : backend === "wasm"
      ? `wasm ${threads} thread${threads > 1 ? "s" : ""}`
      : backend;
    const name = `${label}, ${engine}, ${stepsOn[backend]} steps × ${batchSize}`;
    let model: TrainableModel | null = null;
    let seed = 0;
    Deno.bench({
      name,
      group: slowCnn ? "cnn on cpu" : network,
      baseline: backend === "wasm" && threads === 1,
      n: backend === "wasm" ? 8 : slowCnn ? 1 : 2,
      warmup: slowCnn ? 0 : 1,
      async fn() {
        await selectBackend(backend);
        if (backend === "wasm" && await setWasmThreads(threads) < threads && !shortOfThreads) {
          shortOfThreads = true;
          console.log(`train_bench: only ${activeBackend().wasmThreads} wasm threads could start`);
        }
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
        record(name, network, engine, run.samplesPerSecond!);
      },
    });
  }
  for (const reference of torch) {
    const name = `${label}, ${reference.label}, ${stepsOn.wasm} steps × ${BATCH}`;
    Deno.bench({
      name,
      group: network,
      n: 8,
      warmup: 1,
      async fn() {
        record(name, network, reference.label, await reference.train(network, stepsOn.wasm, BATCH));
      },
    });
  }
}

globalThis.addEventListener("unload", () => {
  const medians: { network: string; engine: string; median: number }[] = [];
  for (const [name, { network, engine, values }] of throughputs) {
    // The first run is the warm-up where there was one.
    const sorted = (values.length > 1 ? values.slice(1) : values).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    medians.push({ network, engine, median });
    console.log(
      `${name}: best ${sorted[sorted.length - 1].toFixed(0)} samples/s, ` +
        `median ${median.toFixed(0)} samples/s (${sorted.length} runs)`,
    );
  }
  for (const [network] of PLAN) {
    const of = (prefix: string) =>
      medians.filter((m) => m.network === network && m.engine.startsWith(prefix))
        .sort((a, b) => b.median - a.median)[0];
    const wasm = of("wasm");
    const pytorch = of("pytorch");
    if (wasm === undefined || pytorch === undefined) continue;
    console.log(
      `train_bench: ${network}: best wasm (${wasm.engine}) ${wasm.median.toFixed(0)} samples/s ` +
        `/ best PyTorch (${pytorch.engine}) ${pytorch.median.toFixed(0)} samples/s = ` +
        `${(wasm.median / pytorch.median).toFixed(2)}× (medians)`,
    );
  }
});
