// Private: how the 1-D convolutional baselines lay a sample out as [width, channels].
import { tf } from "../tensor/tf.ts";
import type { InputSpec } from "../data/spec.ts";

/**
 * `[batch, width, channels]` for a 1-D convolution along the chain:
 * - amplitudes `[states, sites]` are transposed to `[sites, states]`: translation acts on the
 *   site axis (2·cells, `A1 B1 A2 B2 …`), while the states are ordered by energy and have no
 *   translation structure, so they are the channels;
 * - hamiltonian `[cells, hopping channels]` is already laid out along the chain;
 * - projector `Q_AB[j, i]` runs along the A cell `j`, with the B cells `i` as channels;
 * - band `[cells, offsets]` runs along the B cell `i`, with the offsets `d` as channels.
 */
export function alongChain(spec: InputSpec, inputs: tf.Tensor): tf.Tensor3D {
  if (spec.representation === "amplitudes") return tf.transpose(inputs, [0, 2, 1]) as tf.Tensor3D;
  return inputs as tf.Tensor3D;
}

/** `[width, channels]` of {@linkcode alongChain}'s result. */
export function chainLayout(spec: InputSpec): [number, number] {
  const [rows, columns] = spec.shape;
  return spec.representation === "amplitudes" ? [columns, rows] : [rows, columns];
}
