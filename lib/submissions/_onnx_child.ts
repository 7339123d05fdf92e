// The sandboxed side of an ONNX-track evaluation: a separate Deno process started by
// `runInSandbox`, under the same permissions and limits as a TypeScript submission's child. It may
// read its staging folder (the model under `code/model.onnx`, the validation and evaluation inputs
// — no labels at all: nothing is trained) and ONNX Runtime's wasm files only. It loads the model
// with onnxruntime-web, probes it, and answers with frames on stdout (`_frames.ts`): `ready`, the
// outputs for the validation inputs (a `logits` frame of set `validation`), the outputs for every
// evaluation set it was sent, and `done`. It computes no metric: the parent maps the outputs onto
// the dataset's classes and scores them with its own kernels.
import { fail, send, stagedJob } from "./_child_console.ts";
import { join } from "node:path";
import { loadOnnxModel, type OnnxModel } from "../tensor/onnx_model.ts";

const { staging, job } = stagedJob();
const f32 = (name: string) => new Float32Array(Deno.readFileSync(join(staging, name)).buffer);
const columns = job.outputColumns;

/** The model's outputs for `inputs` (row-major `[samples, ...shape]`), checked as they come. */
async function outputsOf(
  model: OnnxModel,
  inputs: Float32Array,
  shape: readonly number[],
  what: string,
): Promise<Float32Array> {
  const features = shape.reduce((a, b) => a * b, 1);
  const samples = inputs.length / features;
  const out = new Float32Array(samples * columns);
  for (let start = 0; start < samples; start += 250) {
    const size = Math.min(250, samples - start);
    let result;
    try {
      result = await model.run(
        inputs.subarray(start * features, (start + size) * features),
        [size, ...shape],
      );
    } catch (error) {
      fail(`model.onnx failed on ${what} [${size}, ${shape}]: ${(error as Error).message}`);
    }
    if (result.dims.join() !== [size, columns].join()) {
      fail(
        `model.onnx returned shape [${result.dims}] for ${what} [${size}, ${shape}]; expected [${size}, ${columns}] (${
          job.head === "integer" ? "batch, ν̂" : `batch, logits of windings [${job.modelWindings}]`
        })`,
      );
    }
    out.set(result.data, start * columns);
  }
  return out;
}

try {
  let model: OnnxModel;
  try {
    model = await loadOnnxModel(Deno.readFileSync(join(staging, job.module)), "model.onnx");
  } catch (error) {
    fail((error as Error).message);
  }
  // The probe gives early, readable errors; the parent checks every output again.
  const probe = await outputsOf(
    model,
    new Float32Array(2 * job.sampleShape.reduce((a, b) => a * b, 1)),
    job.sampleShape,
    "zero inputs",
  );
  if (!probe.every(Number.isFinite)) {
    fail(`model.onnx returned non-finite outputs (NaN or infinity) for zero inputs`);
  }
  send({ kind: "ready", parameters: 0 }); // the parent counted the weights from the file
  const validation = f32("validation.f32");
  send(
    { kind: "logits", set: "validation" },
    await outputsOf(model, validation, job.sampleShape, "the validation inputs"),
  );
  for (const set of job.evaluations) {
    if (set.cells !== job.cells && !job.info.sizeAgnostic) continue;
    send(
      { kind: "logits", set: set.id },
      await outputsOf(model, f32(set.file), set.shape, `the inputs of ${set.dataset}`),
    );
  }
  send({ kind: "done", gradientNorms: [], distanceFromExact: null });
  await model.release();
  Deno.exit(0);
} catch (error) {
  fail(`${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
}
