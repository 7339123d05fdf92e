// Worker entry: generates one chunk per message and sends its buffers back, transferred.
import { generateChunk } from "./chunk.ts";
import type { DatasetSpec, Split } from "./spec.ts";

interface Job {
  readonly id: number;
  readonly spec: DatasetSpec;
  readonly split: Split;
  readonly start: number;
  readonly end: number;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, spec, split, start, end } = event.data;
  try {
    const chunk = generateChunk(spec, split, start, end);
    scope.postMessage({ id, chunk }, Object.values(chunk.arrays) as ArrayBuffer[]);
  } catch (error) {
    scope.postMessage({ id, error: String((error as Error)?.stack ?? error) }, []);
  }
};
