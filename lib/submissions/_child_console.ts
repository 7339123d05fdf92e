// Imported first by the sandbox child: everything a submission prints through `console` goes to
// stderr, which the parent keeps only as a capped diagnostic tail. Stdout carries the framed
// channel alone, and the parent scores nothing the child says except its predictions.
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
