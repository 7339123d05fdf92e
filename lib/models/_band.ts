// Private: the diagonal band of the projector, Q[i + d, i] for central columns i.
import { tf } from "../tensor/tf.ts";

/** Gathers `[batch·columns, 2·range + 1]` band values from projectors `[batch, cells, cells]`. */
export interface Band {
  /** Central columns pooled over. */
  readonly columns: number;
  apply(projectors: tf.Tensor): tf.Tensor2D;
  dispose(): void;
}

/** The band reader at `cells`: columns `[⌊trim·cells⌋, cells − ⌊trim·cells⌋)`, offsets ±range. */
export function bandGather(cells: number, range: number, trim: number): Band {
  const skip = Math.floor(trim * cells);
  const columns = cells - 2 * skip;
  const offsets = 2 * range + 1;
  const indices = new Int32Array(columns * offsets);
  const mask = new Float32Array(columns * offsets);
  for (let c = 0; c < columns; c++) {
    const i = skip + c;
    for (let k = 0; k < offsets; k++) {
      const j = i + k - range;
      if (j < 0 || j >= cells) continue;
      indices[c * offsets + k] = j * cells + i;
      mask[c * offsets + k] = 1;
    }
  }
  const indexTensor = tf.tensor1d(indices, "int32");
  const maskTensor = tf.tensor1d(mask, "float32");
  return {
    columns,
    apply(projectors) {
      return tf.tidy(() => {
        const batch = projectors.shape[0];
        const flat = tf.reshape(projectors, [batch, cells * cells]);
        const band = tf.mul(tf.gather(flat, indexTensor, 1), maskTensor);
        return tf.reshape(band, [batch * columns, offsets]) as tf.Tensor2D;
      });
    },
    dispose: () => tf.dispose([indexTensor, maskTensor]),
  };
}
