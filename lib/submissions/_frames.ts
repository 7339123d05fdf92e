// The typed channel from the sandboxed child to the trusted parent: length-prefixed binary
// frames on the child's stdout. A frame is `u32 LE header length · header (UTF-8 JSON) · u32 LE
// body length · body` (the body: little-endian float32 values, or empty). The parent reads at
// most a bounded number of bytes per frame and in all; anything else is a protocol error.

/** One frame: a JSON header (its `kind` says what it is) and a float32 body. */
export interface Frame {
  readonly header: { readonly kind: string; readonly [key: string]: unknown };
  readonly body: Float32Array;
}

/** The largest header, bytes. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Encodes one frame (the child's side). */
export function encodeFrame(header: Frame["header"], body?: Float32Array): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const bytes = body ? body.byteLength : 0;
  const out = new Uint8Array(8 + head.length + bytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, head.length, true);
  out.set(head, 4);
  view.setUint32(4 + head.length, bytes, true);
  if (body) {
    const values = new DataView(out.buffer, 8 + head.length, bytes);
    body.forEach((value, i) => values.setFloat32(4 * i, value, true));
  }
  return out;
}

/** A violation of the channel (malformed, oversized or truncated frames). */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/**
 * Reads frames from a byte stream, refusing a header over {@linkcode MAX_HEADER_BYTES}, a body
 * over `maxBodyBytes`, more than `maxTotalBytes` in all, and a truncated frame.
 */
export class FrameReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #buffer = new Uint8Array(0);
  #total = 0;
  constructor(
    stream: ReadableStream<Uint8Array>,
    readonly maxBodyBytes: number,
    readonly maxTotalBytes: number,
  ) {
    this.#reader = stream.getReader();
  }

  async #fill(bytes: number): Promise<boolean> {
    while (this.#buffer.length < bytes) {
      const { value, done } = await this.#reader.read();
      if (done) return false;
      this.#total += value.length;
      if (this.#total > this.maxTotalBytes) {
        throw new ProtocolError(`the child sent more than ${this.maxTotalBytes} bytes`);
      }
      const joined = new Uint8Array(this.#buffer.length + value.length);
      joined.set(this.#buffer);
      joined.set(value, this.#buffer.length);
      this.#buffer = joined;
    }
    return true;
  }

  #take(bytes: number): Uint8Array {
    const out = this.#buffer.slice(0, bytes);
    this.#buffer = this.#buffer.slice(bytes);
    return out;
  }

  /** The next frame, or `null` at a clean end of the stream. */
  async next(): Promise<Frame | null> {
    if (!await this.#fill(4)) {
      if (this.#buffer.length === 0) return null;
      throw new ProtocolError("the channel ended inside a frame");
    }
    const headBytes = new DataView(this.#take(4).buffer).getUint32(0, true);
    if (headBytes > MAX_HEADER_BYTES) {
      throw new ProtocolError(`a frame header of ${headBytes} bytes (at most ${MAX_HEADER_BYTES})`);
    }
    if (!await this.#fill(headBytes + 4)) {
      throw new ProtocolError("the channel ended inside a frame");
    }
    let header: Frame["header"];
    try {
      header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(this.#take(headBytes)));
    } catch {
      throw new ProtocolError("a frame header that is not JSON");
    }
    if (!header || typeof header !== "object" || typeof header.kind !== "string") {
      throw new ProtocolError("a frame header without a kind");
    }
    const bodyBytes = new DataView(this.#take(4).buffer).getUint32(0, true);
    if (bodyBytes > this.maxBodyBytes || bodyBytes % 4 !== 0) {
      throw new ProtocolError(
        `a frame body of ${bodyBytes} bytes (a multiple of 4, at most ${this.maxBodyBytes})`,
      );
    }
    if (!await this.#fill(bodyBytes)) throw new ProtocolError("the channel ended inside a frame");
    const raw = this.#take(bodyBytes);
    const view = new DataView(raw.buffer);
    const body = Float32Array.from(
      { length: bodyBytes / 4 },
      (_, i) => view.getFloat32(4 * i, true),
    );
    return { header, body };
  }

  /**
   * Drops the rest of the stream by cancelling it (the child is done or killed): nothing more is
   * read, so a child that floods its stdout leaves no read chunks behind in the parent (reading
   * a 512 MiB flood to its end grew the parent by 281 MiB before the next collection).
   */
  async drain(): Promise<void> {
    try {
      await this.#reader.cancel();
    } catch { /* closed */ }
  }
}
