// What the trusted parent reads of an ONNX file without running it: a bounds-checked walk of the
// protobuf (ModelProto → GraphProto → initializers and Constant nodes) that counts the stored
// weights. It never executes the graph (only the sandboxed child loads it into ONNX Runtime); a
// file that is not a ModelProto with a graph is refused here, before any work.

/** One protobuf field: number, wire type, and its value (a number, or the bytes of a LEN field). */
interface Field {
  readonly number: number;
  readonly wire: number;
  readonly value: number;
  readonly bytes: Uint8Array | null;
}

function* fields(bytes: Uint8Array): Generator<Field> {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= bytes.length) throw new RangeError("a varint runs past the end");
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new RangeError("a varint longer than 10 bytes");
  };
  while (at < bytes.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (number === 0) throw new RangeError("field number 0");
    if (wire === 0) yield { number, wire, value: varint(), bytes: null };
    else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (at + size > bytes.length) throw new RangeError("a fixed field runs past the end");
      at += size;
      yield { number, wire, value: 0, bytes: null };
    } else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) {
        throw new RangeError("a length-delimited field runs past the end");
      }
      yield { number, wire, value: length, bytes: bytes.subarray(at, at + length) };
      at += length;
    } else throw new RangeError(`wire type ${wire}`);
  }
}

/** The element count of a TensorProto (the product of its dims; a scalar counts 1). */
function tensorSize(tensor: Uint8Array): number {
  let size = 1;
  for (const field of fields(tensor)) {
    if (field.number !== 1) continue; // dims: repeated int64, packed or not
    if (field.wire === 0) size *= field.value;
    else if (field.wire === 2) {
      for (const dim of fields(packedAsFields(field.bytes!))) size *= dim.value;
    }
  }
  return size;
}

/** Packed varints re-keyed as field 1 varints, so `fields` reads them. */
function packedAsFields(packed: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < packed.length; i++) {
    if (i === 0 || (packed[i - 1] & 0x80) === 0) out.push(0x08);
    out.push(packed[i]);
  }
  return Uint8Array.from(out);
}

function graphWeights(graph: Uint8Array): number {
  let count = 0;
  for (const field of fields(graph)) {
    if (field.wire !== 2) continue;
    if (field.number === 5) count += tensorSize(field.bytes!); // initializer
    if (field.number === 1) count += constantWeights(field.bytes!); // node
  }
  return count;
}

function constantWeights(node: Uint8Array): number {
  let constant = false;
  const tensors: Uint8Array[] = [];
  for (const field of fields(node)) {
    if (field.number === 4 && field.wire === 2) {
      constant = new TextDecoder().decode(field.bytes!) === "Constant";
    }
    if (field.number === 5 && field.wire === 2) {
      for (const attribute of fields(field.bytes!)) {
        if (attribute.number === 5 && attribute.wire === 2) tensors.push(attribute.bytes!);
      }
    }
  }
  return constant ? tensors.reduce((sum, tensor) => sum + tensorSize(tensor), 0) : 0;
}

/**
 * The number of stored weights of an ONNX model (the elements of its graph's initializers and
 * Constant nodes), read from the bytes without running the graph. Throws `TypeError` naming
 * `source` when the bytes are not a protobuf ModelProto with a graph.
 */
export function onnxWeightCount(bytes: Uint8Array, source: string): number {
  let graph: Uint8Array | null = null;
  let irVersion = false;
  try {
    for (const field of fields(bytes)) {
      if (field.number === 1 && field.wire === 0) irVersion = true;
      if (field.number === 7 && field.wire === 2) graph = field.bytes;
    }
    if (!irVersion || graph === null) {
      throw new RangeError(irVersion ? "no graph" : "no ir_version");
    }
    const count = graphWeights(graph);
    if (!Number.isSafeInteger(count)) throw new RangeError(`a weight count of ${count}`);
    return count;
  } catch (error) {
    throw new TypeError(
      `${source}: not an ONNX model (a protobuf ModelProto with a graph): ${
        (error as Error).message
      }`,
    );
  }
}
