/**
 * Makes a long run stop when the process that started it is gone: `deno task bench` runs
 * `deno bench` as a child of the task runner, and killing the runner (even with `kill -9`) used
 * to leave the benchmarks running. Every `intervalMs` the parent pid is compared with the one at
 * the start; once it changes (the child was re-parented) `onOrphaned` runs, by default a line on
 * stderr and exit code 143. The timer never keeps the process alive. Returns a function that
 * stops the watch.
 *
 * @example
 * ```ts
 * import { exitWhenOrphaned } from "./exit_when_orphaned.ts";
 *
 * const stop = exitWhenOrphaned({ intervalMs: 1000 });
 * stop();
 * ```
 */
export function exitWhenOrphaned(
  {
    intervalMs = 1000,
    onOrphaned = () => {
      console.error("the process that started this run is gone: stopping");
      Deno.exit(143);
    },
  }: { readonly intervalMs?: number; readonly onOrphaned?: () => void } = {},
): () => void {
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 10) {
    throw new RangeError(`intervalMs must be an integer ≥ 10: received ${intervalMs}`);
  }
  const parent = Deno.ppid;
  const timer = setInterval(() => {
    if (Deno.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}
