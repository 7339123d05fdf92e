// Private: TensorFlow.js's wasm heap on a shared WebAssembly.Memory, so that worker threads can
// run the suite's kernels (wasm/gemm.c) on tensors in place.
//
// tfjs 4.22 loads its non-threaded SIMD build under Deno (it treats Deno as Node, where it never
// uses its threaded build). That module defines its own memory; `shareWasmHeap` rewrites the
// binary as it is instantiated so that it imports the same memory, shared, instead: the memory
// section is dropped and an `env.memory` import with the same limits and the shared flag is
// added. Nothing else in the module refers to how memory 0 came to be, so the code runs
// unchanged; a shared memory's buffer is a SharedArrayBuffer that never detaches on growth.

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const IMPORT_SECTION = 2;
const MEMORY_SECTION = 5;
const MEMORY_KIND = 2;
const LIMITS_MAX = 1;
const LIMITS_SHARED = 2;

/** A module's import and memory sections, and its memory's limits in pages. */
interface Layout {
  readonly sections: { id: number; start: number; end: number; body: number }[];
  readonly initial: number;
  readonly maximum: number;
}

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

function utf8Name(name: string): number[] {
  const bytes = new TextEncoder().encode(name);
  return [...leb(bytes.length), ...bytes];
}

/** The layout of a module that defines exactly one memory with a maximum, or null. */
function layoutOf(bytes: Uint8Array): Layout | null {
  if (bytes.length < 8 || WASM_MAGIC.some((byte, i) => bytes[i] !== byte)) return null;
  const sections: Layout["sections"] = [];
  let initial = -1;
  let maximum = -1;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readLeb(bytes, at + 1);
    sections.push({ id, start: at, end: body + size, body });
    if (id === MEMORY_SECTION) {
      const [count, limits] = readLeb(bytes, body);
      if (count !== 1 || !(bytes[limits] & LIMITS_MAX) || bytes[limits] & LIMITS_SHARED) {
        return null;
      }
      const [min, next] = readLeb(bytes, limits + 1);
      initial = min;
      maximum = readLeb(bytes, next)[0];
    }
    at = body + size;
  }
  return initial < 0 ? null : { sections, initial, maximum };
}

/**
 * `bytes` rewritten to import its one memory, shared, as `env.memory` (limits unchanged), with
 * those limits; null for a module that does not define exactly one memory with a maximum.
 */
export function importSharedMemory(
  bytes: Uint8Array,
): { bytes: Uint8Array<ArrayBuffer>; initial: number; maximum: number } | null {
  const layout = layoutOf(bytes);
  if (layout === null) return null;
  const memoryImport = [
    ...utf8Name("env"),
    ...utf8Name("memory"),
    MEMORY_KIND,
    LIMITS_MAX | LIMITS_SHARED,
    ...leb(layout.initial),
    ...leb(layout.maximum),
  ];
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let imported = false;
  const importSection = (entries: Uint8Array, count: number) => {
    const body = [...leb(count + 1), ...entries, ...memoryImport];
    parts.push(new Uint8Array([IMPORT_SECTION, ...leb(body.length), ...body]));
    imported = true;
  };
  for (const { id, start, end, body } of layout.sections) {
    if (id === MEMORY_SECTION) continue;
    if (id === IMPORT_SECTION) {
      const [count, entries] = readLeb(bytes, body);
      importSection(bytes.subarray(entries, end), count);
      continue;
    }
    // Sections come in id order (custom sections, id 0, aside): the import section, if absent,
    // goes before the first section after it.
    if (!imported && id > IMPORT_SECTION) importSection(new Uint8Array(), 0);
    parts.push(bytes.subarray(start, end));
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { bytes: out, initial: layout.initial, maximum: layout.maximum };
}

/**
 * Runs `start` (which initializes tfjs's wasm backend) with `WebAssembly.instantiate`
 * rewriting the one module that imports `env` and defines one memory onto a shared memory of
 * the same limits, and restores `WebAssembly.instantiate` afterwards. Resolves to `start`'s
 * result.
 */
export async function withSharedWasmHeap<T>(start: () => Promise<T>): Promise<T> {
  const original = WebAssembly.instantiate;
  const instantiate = (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
    const bytes = source instanceof ArrayBuffer
      ? new Uint8Array(source)
      : ArrayBuffer.isView(source)
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
      : null;
    const env = imports?.env as Record<string, unknown> | undefined;
    const shared = bytes === null || env === undefined || "memory" in env
      ? null
      : importSharedMemory(bytes);
    if (shared === null) {
      return (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(
        source,
        imports,
      );
    }
    const memory = new WebAssembly.Memory({
      initial: shared.initial,
      maximum: shared.maximum,
      shared: true,
    });
    return original(shared.bytes, { ...imports, env: { ...env, memory } });
  };
  WebAssembly.instantiate = instantiate as typeof WebAssembly.instantiate;
  try {
    return await start();
  } finally {
    WebAssembly.instantiate = original;
  }
}
