// The parent's stand-in for a model trained in the sandbox: it answers `apply` with the logits
// the child sent for exactly those inputs (looked up by the bytes of each input row), so the
// studies score the child's predictions with the parent's own kernels (argmax, cross-entropy,
// accuracy). An input the child was not asked about is an error, never a guess.
import { createHash } from "node:crypto";
import type { InputSpec } from "../data/spec.ts";
import type { Head, TrainableModel } from "../models/architecture.ts";
import { tf } from "../tensor/tf.ts";

/** Per-input predictions the child sent: logits, and ν_net for exact-invariant models. */
export class PredictionTable {
  readonly logits = new Map<string, Float32Array>();
  readonly invariant = new Map<string, number>();
  constructor(readonly classes: number) {}

  /** The key of one input row. */
  static key(row: Float32Array): string {
    return createHash("sha256").update(new Uint8Array(row.buffer, row.byteOffset, row.byteLength))
      .digest("base64");
  }

  /** Adds `rows` inputs (row-major) with their logits. */
  add(inputs: Float32Array, logits: Float32Array, invariant?: Float32Array): void {
    const rows = logits.length / this.classes;
    const features = inputs.length / rows;
    for (let row = 0; row < rows; row++) {
      const key = PredictionTable.key(inputs.subarray(row * features, (row + 1) * features));
      this.logits.set(key, logits.slice(row * this.classes, (row + 1) * this.classes));
      if (invariant) this.invariant.set(key, invariant[row]);
    }
  }
}

function rowsOf(inputs: tf.Tensor): Float32Array[] {
  const values = inputs.dataSync() as Float32Array;
  const rows = inputs.shape[0];
  const features = values.length / rows;
  return Array.from(
    { length: rows },
    (_, row) => values.subarray(row * features, (row + 1) * features),
  );
}

/** A model that answers from a {@linkcode PredictionTable}. */
export function remoteModel(
  table: PredictionTable,
  parameters: number,
  sizeAgnostic: boolean,
  hasInvariant: boolean,
  head: Head = "class",
): TrainableModel {
  const model: TrainableModel = {
    head,
    variables: [],
    apply(inputs) {
      const out = new Float32Array(inputs.shape[0] * table.classes);
      rowsOf(inputs).forEach((row, i) => {
        const logits = table.logits.get(PredictionTable.key(row));
        if (!logits) {
          throw new RangeError(
            `The sandboxed model was not asked about this input (shape [${inputs.shape}])`,
          );
        }
        out.set(logits, i * table.classes);
      });
      return tf.tensor2d(out, [inputs.shape[0], table.classes]);
    },
    parameterCount: () => parameters,
    dispose() {},
  };
  const full: TrainableModel = {
    ...model,
    ...(hasInvariant
      ? {
        invariant: (inputs: tf.Tensor) =>
          tf.tensor1d(
            rowsOf(inputs).map((row) => {
              const value = table.invariant.get(PredictionTable.key(row));
              if (value === undefined) throw new RangeError("No ν_net was sent for this input");
              return value;
            }),
          ),
      }
      : {}),
    ...(sizeAgnostic ? { resize: (_input: InputSpec) => full } : {}),
  };
  return full;
}
