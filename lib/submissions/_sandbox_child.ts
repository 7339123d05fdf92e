// The sandboxed side of a submission's evaluation: a separate Deno process started by
// `runInSandbox` that may read its staging folder (the submission's code, the training and
// validation inputs with their labels, the evaluation inputs without labels) and the wasm files
// only — no network, writes, environment, subprocesses or FFI, no dataset cache. It loads the
// submission, checks that it implements the architecture contract, probes one model, trains it
// and sends, as frames on stdout (`_frames.ts`), its logits for the validation inputs at every
// evaluation (the parent answers on stdin: 1 stop, 0 go on) and its logits for every evaluation
// input at the end. It computes no metric: the parent scores the predictions with its own code.
import { fail, send, stagedJob } from "./_child_console.ts";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
// The contract is loaded before the submission: it is the one suite module a submission may
// import (the sandbox grants no read access to the rest of the suite's files).
import "../contract.ts";
import type { Architecture, TrainableModel } from "../models/architecture.ts";
import { selectBackend, tf } from "../tensor/mod.ts";
import { arraySource } from "../train/source.ts";
import { trainModel } from "../train/train.ts";

const { staging, job } = stagedJob();
const f32 = (name: string) => new Float32Array(Deno.readFileSync(join(staging, name)).buffer);
const i32 = (name: string) => new Int32Array(Deno.readFileSync(join(staging, name)).buffer);

function logitsOf(model: TrainableModel, inputs: Float32Array, shape: readonly number[]) {
  const features = shape.reduce((a, b) => a * b, 1);
  const samples = inputs.length / features;
  const classes = job.classWindings.length;
  const logits = new Float32Array(samples * classes);
  const invariant = model.invariant ? new Float32Array(samples) : null;
  for (let start = 0; start < samples; start += 250) {
    const size = Math.min(250, samples - start);
    const x = tf.tensor(inputs.subarray(start * features, (start + size) * features), [
      size,
      ...shape,
    ]);
    const out = model.apply(x);
    logits.set(out.dataSync().subarray(0, size * classes), start * classes);
    if (invariant) {
      const nu = model.invariant!(x);
      invariant.set(nu.dataSync().subarray(0, size), start);
      nu.dispose();
    }
    tf.dispose([x, out]);
  }
  return { logits, invariant };
}

try {
  await selectBackend(job.backend);
  let loaded: Record<string, unknown>;
  try {
    loaded = await import(pathToFileURL(join(staging, job.module)).href);
  } catch (error) {
    fail(`architecture.ts failed to load: ${(error as Error).message}`);
  }
  const architecture = (loaded.default ?? loaded.architecture) as Architecture | undefined;
  const info = job.info;
  const problems: string[] = [];
  if (!architecture || typeof architecture !== "object") {
    problems.push("no default export (or `architecture` export) of an Architecture object");
  } else {
    if (architecture.name !== info.name) {
      problems.push(`name is "${architecture.name}", info.json says "${info.name}"`);
    }
    if (typeof architecture.version !== "string") problems.push("version must be a string");
    if (typeof architecture.description !== "string") problems.push("description must be a string");
    if (!Array.isArray(architecture.representations)) {
      problems.push("representations must be an array");
    } else if (architecture.representations.join() !== info.representations.join()) {
      problems.push(
        `representations [${architecture.representations}] differ from info.json [${info.representations}]`,
      );
    }
    if (architecture.sizeAgnostic !== info.sizeAgnostic) {
      problems.push(
        `sizeAgnostic is ${architecture.sizeAgnostic}, info.json says ${info.sizeAgnostic}`,
      );
    }
    if ((architecture.exactInvariant ?? false) !== info.exactInvariant) {
      problems.push(`exactInvariant differs from info.json`);
    }
    if (typeof architecture.build !== "function") problems.push("build must be a function");
  }
  if (problems.length) {
    fail(`architecture.ts does not implement the contract: ${problems.join("; ")}`);
  }
  const shape = job.sampleShape;
  let model: TrainableModel;
  try {
    model = architecture!.build({
      input: { representation: job.representation, cells: job.cells, shape: [...shape] },
      classWindings: job.classWindings,
      seed: job.seed,
      init: job.init,
      head: job.head,
    });
  } catch (error) {
    fail(`build() threw: ${(error as Error).message}`);
  }
  const parameters = model.parameterCount();
  if (!(parameters <= job.parameterLimit)) {
    fail(`the model has ${parameters} parameters; the limit is ${job.parameterLimit}`);
  }
  // The probe gives early, readable errors; the parent checks every prediction again.
  const probe = tf.zeros([2, ...shape]);
  let output;
  try {
    output = model.apply(probe);
  } catch (error) {
    fail(`apply() threw on inputs [2, ${shape}]: ${(error as Error).message}`);
  }
  if ((model.head ?? "class") !== job.head) {
    fail(
      `build() returned a model with the ${
        model.head ?? "class"
      } head; the cell asks for ${job.head}`,
    );
  }
  const classes = job.head === "integer" ? 1 : job.classWindings.length;
  if (output.shape.length !== 2 || output.shape[0] !== 2 || output.shape[1] !== classes) {
    fail(
      `apply() returned shape [${output.shape}] for inputs [2, ${shape}]; expected [2, ${classes}] (batch, ${
        job.head === "integer" ? "ν̂" : "classes"
      })`,
    );
  }
  if (!output.dataSync().every(Number.isFinite)) {
    fail("apply() returned non-finite logits (NaN or infinity)");
  }
  tf.dispose([probe, output]);
  send({ kind: "ready", parameters });
  const validation = { inputs: f32("validation.f32"), labels: i32("validation.i32") };
  const source = arraySource({
    sampleShape: shape,
    classWindings: job.classWindings,
    train: { inputs: f32("train.f32"), labels: i32("train.i32") },
    validation,
    test: validation, // the child never holds a test label; the parent scores the test split
  });
  const answer = new Uint8Array(1);
  const run = await trainModel({
    model,
    source,
    optimizer: { kind: "adam", learningRate: job.learningRate },
    steps: job.steps,
    batchSize: job.batchSize,
    seed: job.seed,
    evaluateEvery: job.evaluateEvery,
    onProgress: (point) => {
      send(
        {
          kind: "evaluation",
          step: point.step,
          loss: point.loss,
          trainAccuracy: point.trainAccuracy,
        },
        logitsOf(model, validation.inputs, shape).logits,
      );
    },
    shouldStop: () => {
      if (Deno.stdin.readSync(answer) !== 1) Deno.exit(1); // the parent is gone
      return answer[0] === 1;
    },
  });
  for (const set of job.evaluations) {
    const resized = set.cells === job.cells ? model : model.resize?.({
      representation: job.representation,
      cells: set.cells,
      shape: [...set.shape],
    });
    if (!resized) continue; // not size-agnostic: the parent scores nothing it was not sent
    const { logits, invariant } = logitsOf(resized, f32(set.file), set.shape);
    send({ kind: "logits", set: set.id }, logits);
    if (invariant) send({ kind: "invariant", set: set.id }, invariant);
    if (resized !== model) resized.dispose();
  }
  send({
    kind: "done",
    gradientNorms: run.gradientNorms,
    distanceFromExact: run.distanceFromExact ?? null,
  });
  Deno.exit(0);
} catch (error) {
  fail(`${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
}
