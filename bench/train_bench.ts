// Training throughput (samples/s) of the benchmark networks on every backend, batch 128 (16 for
// the CNN on cpu) on amplitudes at 32 cells ([32, 64]): the MLP 2048 → 128 → 128 → 2 and the CNN
// of two 32-filter width-5 convolutions. wasm runs at the default thread count (the cores, or
// TOPOLEARN_WASM_THREADS) and, where that is more than one, on one thread too.
// webgpu runs on a hardware adapter; on a software one (llvmpipe, a rasterizer on the CPU, on
// machines without a GPU) only with `--software-adapter` (the bench name says which). Each iteration is `steps` training steps through
// trainModel; the samples/s printed at the end come from the runs' own training clocks.
//
// The reference (issue 19), in the same run: where Debian's /usr/bin/python3 imports torch,
// bench/torch_reference.py trains the same shapes, batch and optimizer in PyTorch on 1 and 2
// threads, timing itself (a bench case per model and thread count; its deno time includes the
// Python start and is not the figure); the summary prints its samples/s, the BLAS it loaded
// and the ratio suite ÷ best PyTorch figure per network. Without torch the cases are skipped
// with a note.
import { FLAGS } from "./_args.ts"; // first: --help and bad options stop the run here
import { type Architecture, cnn, mlp, type TrainableModel } from "../lib/models/mod.ts";
import {
  type BackendName,
  defaultWasmThreads,
  gpuAdapterInfo,
  selectBackend,
  setWasmThreads,
} from "../lib/tensor/mod.ts";
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
/** Debian's Python, where python3-torch installs PyTorch (pyenv's python3 has no torch). */
const PYTHON = "/usr/bin/python3";
const TORCH = torchAvailable();
if (!TORCH) console.log(`note: ${PYTHON} cannot import torch: the PyTorch reference is skipped`);

const PLAN: [string, Architecture, Record<BackendName, number>][] = [
  ["mlp 2048→128→128→2", mlp(), { wasm: 20, cpu: 4, webgpu: 4 }],
  ["cnn 2×conv(32, width 5)", cnn(), { wasm: 10, cpu: 1, webgpu: 2 }],
];

const threadCounts = [...new Set([defaultWasmThreads(), 1])];

for (const [label, architecture, stepsOn] of PLAN) {
  for (const backend of ["wasm", "cpu", "webgpu"] as BackendName[]) {
    if (backend === "webgpu" && (gpuName === null || softwareSkipped)) continue;
    for (const threads of backend === "wasm" ? threadCounts : [1]) {
      // cpu's conv2d gradients are plain JS loops (~20 s per CNN step at batch 128): the CNN runs
      // there at batch 16, in a group of its own (samples/s stay comparable; times per run do not).
      const slowCnn = label.startsWith("cnn") && backend === "cpu";
      const batchSize = slowCnn ? 16 : BATCH;
      const where = backend === "webgpu"
        ? gpuName
        : backend === "wasm"
        ? `wasm, ${threads} thread${threads === 1 ? "" : "s"}`
        : backend;
      const name = `${label}, ${where}, ${stepsOn[backend]} steps × ${batchSize}`;
      let model: TrainableModel | null = null;
      let seed = 0;
      Deno.bench({
        name,
        group: slowCnn ? "cnn on cpu" : label.split(" ")[0],
        baseline: backend === "wasm" && threads === threadCounts[0],
        n: backend === "wasm" ? 8 : slowCnn ? 1 : 2,
        warmup: slowCnn ? 0 : 1,
        async fn() {
          await selectBackend(backend);
          if (backend === "wasm") await setWasmThreads(threads);
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
          record(name, label, run.samplesPerSecond!, backend === "wasm");
        },
      });
    }
  }
  registerTorchReference(label, label.split(" ")[0] as "mlp" | "cnn", stepsOn.wasm);
}

/** Where the throughputs go: per bench name, and the wasm names of each network. */
function record(name: string, label: string, samplesPerSecond: number, suite: boolean): void {
  throughputs.set(name, [...(throughputs.get(name) ?? []), samplesPerSecond]);
  if (suite) suiteNames.set(label, new Set([...(suiteNames.get(label) ?? []), name]));
}
const suiteNames = new Map<string, Set<string>>();
const torchNames = new Map<string, Set<string>>();
let torchBlas = "";

function torchAvailable(): boolean {
  try {
    const { success } = new Deno.Command(PYTHON, {
      args: ["-c", "import torch"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return success;
  } catch {
    return false;
  }
}

function registerTorchReference(label: string, model: "mlp" | "cnn", steps: number): void {
  if (!TORCH) return;
  for (const threads of [1, 2]) {
    const name = `${label}, pytorch, ${threads} thread${threads === 1 ? "" : "s"}, ` +
      `${steps} steps × ${BATCH} (timed in Python, 8 runs)`;
    Deno.bench({
      name,
      // A group of its own: the deno time of a case is the Python process, not the figure.
      group: `${label.split(" ")[0]}, pytorch reference`,
      n: 1,
      warmup: 0,
      async fn() {
        const script = new URL("./torch_reference.py", import.meta.url).pathname;
        const output = await new Deno.Command(PYTHON, {
          args: [script, model, String(threads), String(steps), "8"],
          stderr: "inherit",
        }).output();
        if (!output.success) throw new Error(`${PYTHON} ${script} failed (${output.code})`);
        const result = JSON.parse(new TextDecoder().decode(output.stdout)) as {
          torch: string;
          blas: string;
          samplesPerSecond: number[];
        };
        torchBlas = `torch ${result.torch}, BLAS ${result.blas}`;
        // No warm-up to drop: the script warms up before its counted runs.
        throughputs.set(name, [0, ...result.samplesPerSecond]);
        torchNames.set(label, new Set([...(torchNames.get(label) ?? []), name]));
      },
    });
  }
}

function median(values: number[]): number {
  // The first run is the warm-up where there was one.
  const sorted = (values.length > 1 ? values.slice(1) : values).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

globalThis.addEventListener("unload", () => {
  for (const [name, values] of throughputs) {
    const sorted = (values.length > 1 ? values.slice(1) : values).sort((a, b) => a - b);
    console.log(
      `${name}: best ${sorted[sorted.length - 1].toFixed(0)} samples/s, ` +
        `median ${median(values).toFixed(0)} samples/s (${sorted.length} runs)`,
    );
  }
  if (!TORCH) {
    console.log(
      `PyTorch reference skipped: ${PYTHON} cannot import torch (apt install python3-torch)`,
    );
    return;
  }
  console.log(`PyTorch reference: ${torchBlas}`);
  for (const [label, names] of suiteNames) {
    const best = (set: Set<string> | undefined) =>
      Math.max(...[...(set ?? [])].map((name) => median(throughputs.get(name)!)));
    const suite = best(names);
    const torch = best(torchNames.get(label));
    if (!Number.isFinite(torch)) continue;
    console.log(
      `${label}: suite ${suite.toFixed(0)} ÷ best PyTorch ${torch.toFixed(0)} samples/s ` +
        `(medians) = ${(suite / torch).toFixed(2)}×`,
    );
  }
});
