// Private to the benchmarks: PyTorch on the same machine, trained on the train bench's shapes by
// bench/python/torch_reference.py, one long-lived process per thread count (so that a request
// times only the training steps, never Python's start or torch's import).

/** One PyTorch process at a fixed thread count. */
export interface TorchReference {
  /** E.g. `pytorch 1.13.0a0 (libopenblas.so.0), 1 thread`. */
  readonly label: string;
  readonly threads: number;
  /** The BLAS library the process loaded (a path), or null where none was found. */
  readonly blas: string | null;
  /** Trains `network` ("mlp" or "cnn") for `steps` steps of `batch`; PyTorch's own clock. */
  train(network: "mlp" | "cnn", steps: number, batch: number): Promise<number>;
}

const SCRIPT = new URL("./python/torch_reference.py", import.meta.url).pathname;
/**
 * The interpreter TOPOLEARN_TORCH_PYTHON names (a virtual environment's, say), else Debian's
 * (python3-torch installs there), then whatever python3 is first on PATH.
 */
const PYTHONS = Deno.env.get("TOPOLEARN_TORCH_PYTHON")?.split(":").filter(Boolean) ??
  ["/usr/bin/python3", "python3"];

/** Reads `stream` one line at a time. */
function lineReader(stream: ReadableStream<Uint8Array<ArrayBuffer>>): () => Promise<string | null> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  return async () => {
    for (;;) {
      const end = buffered.indexOf("\n");
      if (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffered += value;
    }
  };
}

/**
 * Starts PyTorch at `threads` threads (torch.set_num_threads, and OMP/OpenBLAS/MKL pools of the
 * same size), or resolves to why it cannot (no interpreter that imports torch).
 */
export async function startTorchReference(threads: number): Promise<TorchReference | string> {
  const tried: string[] = [];
  for (const python of PYTHONS) {
    let child: Deno.ChildProcess;
    try {
      const count = String(threads);
      child = new Deno.Command(python, {
        args: [SCRIPT],
        env: { OMP_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count, MKL_NUM_THREADS: count },
        stdin: "piped",
        stdout: "piped",
        stderr: "null",
      }).spawn();
    } catch {
      tried.push(`${python}: not found`);
      continue;
    }
    const readLine = lineReader(child.stdout);
    const first = await readLine();
    let ready: { ready: boolean; torch: string; blas: string | null } | null = null;
    try {
      ready = first === null ? null : JSON.parse(first);
    } catch {
      ready = null; // something other than the script's ready line: not a usable interpreter
    }
    if (ready === null || !ready.ready) {
      try {
        child.kill();
      } catch {
        // already exited (the usual case: torch failed to import)
      }
      tried.push(`${python}: cannot import torch`);
      await child.status;
      continue;
    }
    child.unref(); // an idle reference never keeps the bench alive
    const writer = child.stdin.getWriter();
    const encoder = new TextEncoder();
    const blasName = ready.blas === null
      ? "no BLAS found"
      : ready.blas.split("/").slice(-2).join("/");
    return {
      label: `pytorch ${ready.torch} (${blasName}), ${threads} thread${threads > 1 ? "s" : ""}`,
      threads,
      blas: ready.blas,
      async train(network, steps, batch) {
        child.ref(); // referenced while a request is in flight, else the bench may exit under it
        await writer.write(encoder.encode(`${network} ${threads} ${steps} ${batch}\n`));
        const line = await readLine();
        child.unref();
        if (line === null) throw new Error(`${python} ${SCRIPT} exited mid-benchmark`);
        return (JSON.parse(line) as { samplesPerSecond: number }).samplesPerSecond;
      },
    };
  }
  return tried.join("; ");
}
