// Progress lines for long-running commands: one updating line on a terminal, else a line every
// tenth of the way, on stderr so that --json output on stdout stays clean.

/** A progress reporter for `total` units of work. */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

/** A progress reporter that prints `label: done/total (percent), elapsed, estimate left`. */
export function progress(label: string, total: number): Progress {
  const began = performance.now();
  const terminal = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  let lastTenth = -1;
  const line = (done: number) => {
    const elapsed = (performance.now() - began) / 1000;
    const left = done > 0 ? (elapsed * (total - done)) / done : NaN;
    const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
    return `${label}: ${done}/${total} (${percent}%), ${elapsed.toFixed(1)} s${
      done > 0 && done < total ? `, ~${left.toFixed(1)} s left` : ""
    }`;
  };
  return {
    update(done: number) {
      if (terminal) {
        Deno.stderr.writeSync(encoder.encode(`\r${line(done)}\x1b[K`));
      } else {
        const tenth = Math.floor((10 * done) / Math.max(total, 1));
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          console.error(line(done));
        }
      }
    },
    finish() {
      if (terminal) Deno.stderr.writeSync(encoder.encode("\n"));
    },
  };
}
