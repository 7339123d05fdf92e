// The child-to-parent channel of the sandbox: frames round-trip, and every malformed, oversized
// or truncated stream is a ProtocolError, never a value.
import assert from "node:assert/strict";
import {
  encodeFrame,
  FrameReader,
  MAX_HEADER_BYTES,
  ProtocolError,
} from "../lib/submissions/_frames.ts";

function stream(...parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

Deno.test("frames round-trip, split across chunks at every byte", async () => {
  const bytes = new Uint8Array([
    ...encodeFrame({ kind: "ready", parameters: 20 }),
    ...encodeFrame({ kind: "logits", set: "test-0" }, Float32Array.from([1.5, -2, 0.25])),
  ]);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const reader = new FrameReader(stream(bytes.slice(0, cut), bytes.slice(cut)), 64, 1024);
    const first = await reader.next();
    assert.deepEqual(first?.header, { kind: "ready", parameters: 20 });
    assert.equal(first?.body.length, 0);
    const second = await reader.next();
    assert.deepEqual(second?.header, { kind: "logits", set: "test-0" });
    assert.deepEqual(Array.from(second!.body), [1.5, -2, 0.25]);
    assert.equal(await reader.next(), null);
  }
});

Deno.test("text on the channel, oversized, truncated or unkinded frames are refused", async () => {
  const frame = encodeFrame({ kind: "logits" }, new Float32Array(8));
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, MAX_HEADER_BYTES + 1, true);
  const cases: Array<[string, ReadableStream<Uint8Array>, number, number, RegExp]> = [
    [
      "a forged result line",
      stream(new TextEncoder().encode('TOPOLEARN-RESULT {"metrics":{"testAccuracy":1}}\n')),
      1024,
      1 << 20,
      /frame header of \d+ bytes|not JSON|ended inside/,
    ],
    ["an oversized header", stream(head), 1024, 1 << 20, /frame header of \d+ bytes/],
    ["an oversized body", stream(frame), 16, 1 << 20, /frame body of 32 bytes/],
    ["a truncated frame", stream(frame.slice(0, frame.length - 1)), 1024, 1 << 20, /ended inside/],
    ["over the total budget", stream(frame, frame), 1024, frame.length + 4, /more than/],
    ["no kind", stream(encodeFrame({ kind: 1 } as never)), 1024, 1 << 20, /without a kind/],
  ];
  for (const [label, input, maxBody, maxTotal, message] of cases) {
    const reader = new FrameReader(input, maxBody, maxTotal);
    await assert.rejects(
      async () => {
        while (await reader.next()) { /* read on */ }
      },
      (error: Error) => {
        assert(error instanceof ProtocolError, `${label}: ${error.name}`);
        assert.match(error.message, message, `${label}: ${error.message}`);
        return true;
      },
    );
  }
});
