// The ONNX track (issue 17): a model trained in PyTorch by Debian's /usr/bin/python3
// (python3-torch; tests/python/train_onnx.py) on an .npz export, exported with torch.onnx.export,
// submitted as model.onnx + info.json, run with ONNX Runtime in the sandbox, scored by the parent
// on the studies that score fixed models, published, and badged trained-elsewhere on the boards.
// Hostile ONNX folders are refused and write nothing. Skips, saying why, only where
// /usr/bin/python3 has no torch (.ci/run installs it).
import assert from "node:assert/strict";
import { treeDigests } from "./_tree_digests.ts";
import { join } from "node:path";
import { renderToString } from "preact-render-to-string";
import { buildLeaderboard } from "../lib/reporting/mod.ts";
import { profile, STUDIES } from "../lib/studies/mod.ts";
import { checkSubmission, type SandboxLimits, submit } from "../lib/submissions/mod.ts";
import { loadOnnxModel } from "../lib/tensor/onnx_model.ts";
import { SUITE_VERSION } from "../lib/version.ts";
import { Badges } from "../web/components/Badges.tsx";
import { runTask } from "./_cli.ts";

const PYTHON = "/usr/bin/python3";
const TEMPLATE = "submissions/_template_onnx";
const LIMITS: SandboxLimits = { seconds: 300, memoryBytes: 2048 * 2 ** 20, parameters: 1_000_000 };

const hasTorch = await new Deno.Command(PYTHON, {
  args: ["-c", "import torch"],
  stdout: "null",
  stderr: "null",
}).output().then((output) => output.success, () => false);
if (!hasTorch) {
  console.error(
    `onnx_track_test: SKIPPED: ${PYTHON} cannot import torch (install Debian's python3-torch; .ci/run does)`,
  );
}

async function python(args: string[]): Promise<string> {
  const output = await new Deno.Command(PYTHON, { args, stdout: "piped", stderr: "piped" })
    .output();
  const decoder = new TextDecoder();
  assert.equal(
    output.code,
    0,
    `${PYTHON} ${args.join(" ")} failed:\n${decoder.decode(output.stderr)}`,
  );
  return decoder.decode(output.stdout);
}

/** The export and the trained models, made once (lazily, only where torch is present). */
let prepared: Promise<{ dir: string; mlp: { testAccuracy: number; scored: number } }> | null = null;
function prepare() {
  prepared ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "onnx-track-" });
    const exported = await runTask("data", ["export", "plain-clean-32", "--out", dir]);
    assert.equal(exported.code, 0, exported.stderr);
    const npz = join(dir, "plain-clean-32.npz");
    const train = join(new URL("./python/train_onnx.py", import.meta.url).pathname);
    const mlp = JSON.parse(
      await python([train, npz, join(dir, "mlp.onnx"), "--probe", join(dir, "mlp")]),
    );
    await python([train, npz, join(dir, "rswn.onnx"), "--exact", "--probe", join(dir, "rswn")]);
    await python([new URL("./python/hostile_onnx.py", import.meta.url).pathname, dir]);
    await Deno.remove(npz); // 79 MiB
    return { dir, mlp };
  })();
  return prepared;
}

/** A submission folder: `model` copied to model.onnx beside an info.json of `info`. */
async function folder(model: string | Uint8Array, info: Record<string, unknown>): Promise<string> {
  const target = await Deno.makeTempDir({ prefix: "onnx-submission-" });
  if (typeof model === "string") await Deno.copyFile(model, join(target, "model.onnx"));
  else await Deno.writeFile(join(target, "model.onnx"), model);
  await Deno.writeTextFile(join(target, "info.json"), JSON.stringify(info, null, 2));
  return target;
}

const INFO = {
  name: "torch-mlp",
  version: "1.0.0",
  track: "onnx",
  authors: [{ name: "The topolearn test suite" }],
  summary: "A two-layer MLP trained in PyTorch on plain-clean-32 (projector), exported as ONNX.",
  description: "Flatten, Linear(1024, 32), ReLU, Linear(32, 2); 300 Adam steps.",
  license: "MIT",
  representations: ["projector"],
  sizeAgnostic: false,
  output: "class",
  classWindings: [0, 1],
};

async function withRoot<T>(use: (root: string) => Promise<T>): Promise<T> {
  const root = await Deno.makeTempDir({ prefix: "reports-" });
  try {
    return await use(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const f32 = async (path: string) => new Float32Array((await Deno.readFile(path)).buffer);

Deno.test("the ONNX template (the exact RSWN, no torch needed) passes as it is: exact at every size", async () => {
  const checked = await checkSubmission(TEMPLATE);
  assert.equal(checked.info.track, "onnx");
  assert.equal(checked.info.output, "integer");
  assert(checked.parameters !== null && checked.parameters < 100, "no trained weights");
  await withRoot(async (root) => {
    const [size] = await submit(TEMPLATE, {
      profile: profile("tiny"),
      studies: ["size"],
      root,
      limits: LIMITS,
    });
    assert.equal(size.submission?.track, "onnx");
    const metrics = size.metrics as {
      accuracyBySize: Record<string, number>;
      meanAccuracy: number;
      constantPrediction: boolean;
    };
    assert.deepEqual(metrics.accuracyBySize, { "16": 1, "32": 1, "64": 1, "128": 1 });
    assert.equal(metrics.meanAccuracy, 1);
    assert.equal(metrics.constantPrediction, false);
  });
});

Deno.test({
  name: "ONNX Runtime (wasm) reproduces PyTorch's outputs on the same inputs",
  ignore: !hasTorch,
  async fn() {
    const { dir } = await prepare();
    for (const name of ["mlp", "rswn"]) {
      const inputs = await f32(join(dir, `${name}.inputs.f32`));
      const expected = await f32(join(dir, `${name}.outputs.f32`));
      const model = await loadOnnxModel(await Deno.readFile(join(dir, `${name}.onnx`)));
      try {
        const samples = inputs.length / (32 * 32);
        const { data, dims } = await model.run(inputs, [samples, 32, 32]);
        assert.deepEqual(dims, [samples, expected.length / samples]);
        let worst = 0;
        data.forEach((value, i) => worst = Math.max(worst, Math.abs(value - expected[i])));
        console.error(`${name}: max |onnxruntime − torch| = ${worst.toExponential(2)}`);
        assert(worst <= 1e-4, `${name}: onnxruntime and torch differ by ${worst}`);
      } finally {
        await model.release();
      }
    }
  },
});

Deno.test({
  name:
    "a PyTorch model submitted as ONNX is scored by the parent on the fixed-model studies and badged trained-elsewhere",
  ignore: !hasTorch,
  async fn() {
    const { dir, mlp } = await prepare();
    await withRoot(async (root) => {
      const source = await folder(join(dir, "mlp.onnx"), INFO);
      const records = await submit(source, { profile: profile("tiny"), root, limits: LIMITS });
      for (const study of STUDIES) {
        const own = records.filter((record) => record.cell.study === study.name);
        assert(own.length > 0, `${study.name}: no record`);
        if (!study.scoresFixedModels) {
          assert.equal(own.length, 1, `${study.name}: one not-applicable record`);
          assert.equal(own[0].status, "not-applicable");
          assert.match(own[0].reason!, /trained elsewhere \(ONNX track\)/);
        }
      }
      for (const record of records) {
        assert.equal(record.submission?.track, "onnx");
        assert.deepEqual(record.submission?.selfReported, []);
        assert.equal(record.timing.samplesPerSecond, null, "no training throughput");
        assert.equal(record.cell.steps, 0);
      }
      // The parent's score of the clean test split is the model's own (PyTorch's) accuracy.
      const clean = records.find((record) =>
        record.cell.study === "expressivity" && record.cell.testDatasets[0] === "plain-clean-32"
      )!;
      assert.equal(clean.status, "ok");
      assert.equal((clean.metrics as { samples: number }).samples, mlp.scored);
      assert.equal((clean.metrics as { accuracy: number }).accuracy, mlp.testAccuracy);
      // A fixed-size model is not evaluated at other sizes; a class output over [0, 1] never
      // answers the unseen windings −1 and 2.
      const size = records.find((record) => record.cell.study === "size")!;
      assert.equal(size.status, "not-applicable");
      const winding = records.find((record) => record.cell.study === "winding")!;
      assert.equal((winding.metrics as { unseenAccuracy: number }).unseenAccuracy, 0);
      // Published: the records and the model, under the submission's folder.
      const published = join(root, SUITE_VERSION, "submissions", "torch-mlp");
      assert((await Deno.stat(join(published, "source", "model.onnx"))).isFile);
      assert((await Deno.stat(join(published, "tiny", "records", "disorder"))).isDirectory);
      // The boards: ranked (expressivity too, at its own weights), badged, community; not where
      // the study does not apply (size: fixed-size; gauge: projector has no sign).
      const gauge = records.find((record) => record.cell.study === "gauge")!;
      assert.match(gauge.reason!, /reads projector, which does not depend on the signs/);
      for (
        const study of STUDIES.filter((entry) =>
          entry.scoresFixedModels && entry.name !== "size" && entry.name !== "gauge"
        )
      ) {
        const board = buildLeaderboard(study, records, "tiny");
        const entry = board.entries.find((item) => item.architecture === "torch-mlp");
        assert(entry, `${study.name}: torch-mlp is not ranked`);
        assert.deepEqual(entry.badges, ["trained-elsewhere"]);
        assert.equal(entry.community, true);
      }
      const trainability = buildLeaderboard(
        STUDIES.find((s) => s.name === "trainability")!,
        records,
        "tiny",
      );
      assert.equal(trainability.entries.length, 0);
      assert.match(trainability.notApplicable[0].reason, /trained elsewhere/);
      // The site's badge says so, and claims no self-reported training numbers.
      const html = renderToString(Badges({ community: true, badges: ["trained-elsewhere"] }));
      assert.match(html, /trained-elsewhere/);
      assert.doesNotMatch(html, /self-reported/);
    });
  },
});

Deno.test({
  name:
    "an integer-ν, size-agnostic ONNX model (the exact RSWN in PyTorch) scores 1 at every size and on the unseen windings",
  ignore: !hasTorch,
  async fn() {
    const { dir } = await prepare();
    await withRoot(async (root) => {
      const source = await folder(join(dir, "rswn.onnx"), {
        ...INFO,
        name: "torch-rswn",
        summary: "The real-space winding number from Q_AB, written in PyTorch, at any size.",
        sizeAgnostic: true,
        output: "integer",
        classWindings: undefined,
      });
      const records = await submit(source, {
        profile: profile("tiny"),
        studies: ["expressivity", "size", "winding"],
        root,
        limits: LIMITS,
      });
      const expressivity = records.filter((record) => record.cell.study === "expressivity");
      // Every chiral standard dataset, the other sizes included (size-agnostic).
      assert(expressivity.some((record) => record.cell.testDatasets[0] === "plain-clean-128"));
      for (const record of expressivity) {
        const metrics = record.metrics as { accuracy: number; maxInvariantError: number };
        assert.equal(metrics.accuracy, 1, `${record.cell.id}: accuracy ${metrics.accuracy}`);
        // ν̂ is the model's own winding: float32 Q_AB against the float64 label.
        assert(metrics.maxInvariantError < 1e-3, `${record.cell.id}: ${metrics.maxInvariantError}`);
      }
      const size = records.find((record) => record.cell.study === "size")!;
      const metrics = size.metrics as {
        accuracyBySize: Record<string, number>;
        meanAccuracy: number;
        constantPrediction: boolean;
      };
      assert.deepEqual(metrics.accuracyBySize, { "16": 1, "32": 1, "64": 1, "128": 1 });
      assert.equal(metrics.meanAccuracy, 1);
      assert.equal(metrics.constantPrediction, false);
      const winding = records.find((record) => record.cell.study === "winding")!;
      const { unseenAccuracy } = winding.metrics as { unseenAccuracy: number };
      assert(unseenAccuracy > 0.99, `the exact RSWN answers ν = −1, 2 with ${unseenAccuracy}`);
    });
  },
});

Deno.test({
  name: "hostile ONNX folders are refused with a clear error, and nothing is written",
  ignore: !hasTorch,
  async fn() {
    const { dir } = await prepare();
    await withRoot(async (root) => {
      const cases: Array<[string, string | Uint8Array, Record<string, unknown>, RegExp]> = [
        [
          "not a model",
          new TextEncoder().encode("this is not an ONNX model\n"),
          INFO,
          /model\.onnx: not an ONNX model/,
        ],
        [
          "wrong input shape",
          join(dir, "wrong_input.onnx"),
          INFO,
          /model\.onnx failed on zero inputs \[2, 32,32\]/,
        ],
        [
          "wrong output shape",
          join(dir, "wrong_output.onnx"),
          INFO,
          /returned shape \[2,3\] for zero inputs .*expected \[2, 2\]/,
        ],
        ["NaN outputs", join(dir, "nan.onnx"), INFO, /non-finite outputs \(NaN or infinity\)/],
        [
          "NaN after the probe (the parent's check)",
          join(dir, "nan_after_probe.onnx"),
          INFO,
          /outputs for the validation inputs: non-finite values/,
        ],
        [
          "no output kind",
          join(dir, "mlp.onnx"),
          { ...INFO, output: undefined },
          /info\.json: output: the onnx track declares its output/,
        ],
        [
          "two representations",
          join(dir, "mlp.onnx"),
          { ...INFO, representations: ["projector", "amplitudes"] },
          /representations: the onnx track reads exactly one representation/,
        ],
      ];
      for (const [label, model, info, message] of cases) {
        const source = await folder(model, info);
        const before = await treeDigests(root);
        await assert.rejects(
          () =>
            submit(source, {
              profile: profile("tiny"),
              studies: ["disorder"],
              root,
              limits: LIMITS,
            }),
          (error: Error) => {
            assert.match(error.message, message, `${label}: ${error.message}`);
            return true;
          },
        );
        assert.deepEqual(await treeDigests(root), before, `${label}: something was written`);
      }
    });
  },
});

Deno.test({
  name: "(the ONNX track's temporary export is removed)",
  ignore: !hasTorch,
  async fn() {
    if (prepared) await Deno.remove((await prepared).dir, { recursive: true });
  },
});
