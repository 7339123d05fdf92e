// Imported first by the sandbox child: everything a submission prints through `console` goes to
// stderr, which the parent keeps only as a capped diagnostic tail. Stdout carries the framed
// channel alone, and the parent scores nothing the child says except its predictions.
import { join } from "node:path";
import { encodeFrame, type Frame } from "./_frames.ts";
import type { SandboxJob } from "./_staging.ts";

const encoder = new TextEncoder();
const toStderr = (...values: unknown[]) => {
  const text = values.map((value) => typeof value === "string" ? value : Deno.inspect(value))
    .join(" ");
  try {
    Deno.stderr.writeSync(encoder.encode(text + "\n"));
  } catch { /* stderr closed */ }
};
for (const name of ["log", "info", "debug", "warn", "error", "trace", "dir", "table"] as const) {
  (console as unknown as Record<string, unknown>)[name] = toStderr;
}

/** The child's stdout, captured before any submission code runs. */
export const channel: { writeSync(bytes: Uint8Array): number } = Deno.stdout;

/** Writes one frame to the parent, whole. */
export function send(header: Frame["header"], body?: Float32Array): void {
  const bytes = encodeFrame(header, body);
  for (let done = 0; done < bytes.length;) done += channel.writeSync(bytes.subarray(done));
}

/** Tells the parent why the child stops (one line, capped), and exits. */
export function fail(message: string): never {
  send({ kind: "error", message: message.replace(/\s+/g, " ").slice(0, 2000) });
  Deno.exit(1);
}

/** The child's staging folder (its one argument) and the job the parent wrote there. */
export function stagedJob(): { staging: string; job: SandboxJob } {
  const staging = Deno.args[0];
  return { staging, job: JSON.parse(Deno.readTextFileSync(join(staging, "job.json"))) };
}
