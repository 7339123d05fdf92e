import * as ort from "onnxruntime-web";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** An ONNX model loaded into ONNX Runtime (wasm, one thread): one float32 input, one output. */
export interface OnnxModel {
  /** The graph's input name. */
  readonly inputName: string;
  /** The graph's output name. */
  readonly outputName: string;
  /**
   * Runs a batch: `data` is `[batch, ...shape]` in row-major order; returns the output's data and
   * its dimensions (`[batch, outputs]`).
   */
  run(
    data: Float32Array,
    shape: readonly number[],
  ): Promise<{ data: Float32Array; dims: number[] }>;
  /** Releases the session. */
  release(): Promise<void>;
}

/**
 * The folder that holds ONNX Runtime's wasm binaries (a sandboxed child needs read access to it
 * and to nothing else of the runtime).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { onnxRuntimeWasmDir } from "./onnx_model.ts";
 *
 * assert.match(onnxRuntimeWasmDir(), /onnxruntime-web/);
 * ```
 */
export function onnxRuntimeWasmDir(): string {
  return dirname(fileURLToPath(import.meta.resolve("onnxruntime-web")));
}

/**
 * Loads an ONNX model from its bytes with ONNX Runtime's wasm backend. Refuses, with a
 * `TypeError` naming what it found, a graph that does not have exactly one input and one output
 * or whose input is not float32.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadOnnxModel } from "./onnx_model.ts";
 *
 * await assert.rejects(loadOnnxModel(new Uint8Array([1, 2, 3])), TypeError);
 * ```
 */
export async function loadOnnxModel(bytes: Uint8Array, source = "model.onnx"): Promise<OnnxModel> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = `${join(onnxRuntimeWasmDir(), "/")}`;
  ort.env.logLevel = "error";
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
  } catch (error) {
    throw new TypeError(`${source}: not a model ONNX Runtime can load (${errorText(error)})`);
  }
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1) {
    await session.release();
    throw new TypeError(
      `${source}: expected one input and one output, found inputs [${session.inputNames}] and outputs [${session.outputNames}]`,
    );
  }
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  return {
    inputName,
    outputName,
    async run(data, shape) {
      const result = await session.run({
        [inputName]: new ort.Tensor("float32", data, [...shape]),
      });
      const output = result[outputName];
      if (output.type !== "float32") {
        throw new TypeError(`${source}: output ${outputName} is ${output.type}, expected float32`);
      }
      return { data: output.data as Float32Array, dims: [...output.dims] };
    },
    release: () => session.release(),
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0].slice(0, 200);
}
