import type { DType } from "./layout.ts";

const DESCR: Record<DType, string> = {
  float64: "<f8",
  float32: "<f4",
  int8: "|i1",
  uint8: "|u1",
};

/**
 * One array as a NumPy `.npy` file (format 1.0): the magic `\x93NUMPY`, version 1.0, a header
 * dict (`descr`, C order, shape) padded with spaces to a 64-byte boundary, then the raw bytes,
 * little endian (the byte order of topolearn's dataset files). A byte length that does not fit
 * the shape and dtype is a `RangeError`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { npyArray } from "./npy_array.ts";
 *
 * const file = npyArray("float32", [2, 3], new Uint8Array(24));
 * assert.equal(new TextDecoder().decode(file.subarray(1, 6)), "NUMPY");
 * assert.equal(file.length % 64, 24 % 64);
 * assert.match(new TextDecoder().decode(file), /'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\)/);
 * assert.throws(() => npyArray("float64", [2], new Uint8Array(8)), /2 float64 values need 16 bytes, received 8/);
 * ```
 */
export function npyArray(dtype: DType, shape: readonly number[], bytes: Uint8Array): Uint8Array {
  const count = shape.reduce((product, size) => product * size, 1);
  const itemBytes = dtype === "float64" ? 8 : dtype === "float32" ? 4 : 1;
  if (count * itemBytes !== bytes.length) {
    throw new RangeError(
      `${count} ${dtype} values need ${count * itemBytes} bytes, received ${bytes.length}`,
    );
  }
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(", ");
  let header = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': (${dims}), }`;
  // 10 bytes of preamble, the header and its newline end on a multiple of 64.
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const out = new Uint8Array(10 + header.length + bytes.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(bytes, 10 + header.length);
  return out;
}
