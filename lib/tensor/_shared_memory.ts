// Private: starts tfjs's wasm backend on a shared WebAssembly memory, so that the suite's GEMM
// worker threads (_gemm_pool.ts) read and write tensors in place.
//
// tfjs 4.22 runs its non-threaded SIMD binary under Deno (it takes Deno for Node, where it turns
// threads off), and that binary defines its own, unshared memory. While `init` runs, this
// module intercepts the one `WebAssembly.instantiate` call that loads that binary and rewrites
// the module so that its memory is imported instead, as a shared memory of the same initial
// size and tfjs's own 4 GiB maximum: the code is unchanged (plain loads and stores are valid on
// a shared memory), only where the memory comes from. Anything unexpected in the binary leaves
// it as it is (an unshared memory: the GEMM then runs on one thread).

type Instantiate = typeof WebAssembly.instantiate;

/** Bytes of tfjs's backend binary that the rewrite recognizes it by (an export name). */
const TFJS_MARK = new TextEncoder().encode("register_tensor");

/**
 * Runs `init` (which starts the wasm backend) with tfjs's binary rewritten onto a shared memory;
 * returns `init`'s result and whether the rewrite happened.
 */
export async function withSharedWasmMemory<T>(
  init: () => Promise<T>,
): Promise<{ result: T; shared: boolean }> {
  const original: Instantiate = WebAssembly.instantiate;
  let shared = false;
  const patched = function (source: unknown, imports?: WebAssembly.Imports) {
    const bytes = source instanceof ArrayBuffer
      ? new Uint8Array(source)
      : ArrayBuffer.isView(source)
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
      : null;
    const rewritten = bytes !== null && contains(bytes, TFJS_MARK) ? importMemory(bytes) : null;
    if (rewritten === null || imports === undefined) {
      return (original as (s: unknown, i?: WebAssembly.Imports) => unknown)(source, imports);
    }
    shared = true;
    const memory = new WebAssembly.Memory({
      initial: rewritten.initial,
      maximum: rewritten.maximum,
      shared: true,
    });
    const env = { ...(imports.env ?? {}), memory };
    return original(rewritten.bytes, { ...imports, env });
  };
  WebAssembly.instantiate = patched as unknown as Instantiate;
  try {
    const result = await init();
    return { result, shared };
  } finally {
    WebAssembly.instantiate = original;
  }
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

interface Rewritten {
  readonly bytes: Uint8Array;
  readonly initial: number;
  readonly maximum: number;
}

/**
 * The module with its one defined memory turned into the import `env.memory` (shared, same
 * initial pages, maximum kept or 65536 pages), or null when the layout is not the expected one
 * (no import section before the memory section, not exactly one memory, a memory import already).
 */
function importMemory(bytes: Uint8Array): Rewritten | null {
  if (bytes.length < 8) return null;
  const sections: { id: number; start: number; end: number; body: number }[] = [];
  let p = 8;
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++];
    const [size, after] = leb(bytes, p);
    p = after + size;
    if (p > bytes.length) return null;
    sections.push({ id, start, end: p, body: after });
  }
  const imports = sections.find((s) => s.id === 2);
  const memories = sections.find((s) => s.id === 5);
  if (imports === undefined || memories === undefined || imports.start > memories.start) {
    return null;
  }
  let q = memories.body;
  const [count, afterCount] = leb(bytes, q);
  if (count !== 1) return null;
  q = afterCount;
  const flag = bytes[q++];
  if (flag !== 0 && flag !== 1) return null;
  const [initial, afterInitial] = leb(bytes, q);
  q = afterInitial;
  let maximum = 65536;
  if (flag === 1) [maximum, q] = leb(bytes, q);
  if (q !== memories.end) return null;
  const [importCount, entries] = leb(bytes, imports.body);
  const entry = [
    ...name("env"),
    ...name("memory"),
    0x02, // memory
    0x03, // limits: maximum present, shared
    ...encode(initial),
    ...encode(maximum),
  ];
  const body = [...encode(importCount + 1), ...bytes.subarray(entries, imports.end), ...entry];
  const section = [2, ...encode(body.length), ...body];
  const out = new Uint8Array(bytes.length - (memories.end - memories.start) + section.length);
  let at = 0;
  const put = (chunk: ArrayLike<number>) => {
    out.set(chunk, at);
    at += chunk.length;
  };
  put(bytes.subarray(0, imports.start));
  put(section);
  put(bytes.subarray(imports.end, memories.start));
  put(bytes.subarray(memories.end));
  return { bytes: out.subarray(0, at), initial, maximum };
}

/** An unsigned LEB128 at `p`: its value and the offset after it. */
function leb(bytes: Uint8Array, p: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[p++];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value, p];
  }
}

function encode(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

function name(text: string): number[] {
  const utf8 = new TextEncoder().encode(text);
  return [...encode(utf8.length), ...utf8];
}
