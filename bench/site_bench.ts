// Load check of the leaderboard site: 32 concurrent connections on loopback for 10 seconds
// against the real server (a child process, so that client and server do not share a thread),
// over a mix of pages, downloads and static files of the published reports tree (`reports/`,
// read only). Reports throughput and p99 latency; any error (a non-200 answer or a failed
// request) fails the benchmark.
import "./_args.ts"; // first: --help and bad options stop the run here
import { compareVersions, isVersion } from "../lib/site/semver.ts";

const CONNECTIONS = 32;
const SECONDS = 10;

let result: Promise<void> | null = null;

async function loadCheck(): Promise<void> {
  const root = new URL("../reports", import.meta.url).pathname; // read only
  // The newest published version (the suite's own may still be in development, unpublished).
  const published = [...Deno.readDirSync(root)]
    .filter((entry) => entry.isDirectory && isVersion(entry.name))
    .map((entry) => entry.name)
    .sort(compareVersions)
    .at(-1);
  if (!published) throw new Error(`site load check: no published version under ${root}`);
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      "--allow-net=127.0.0.1",
      "web/main.ts",
      "--root",
      root,
      "--port",
      "0",
    ],
    cwd: new URL("..", import.meta.url).pathname,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    let base = "";
    while (!base) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the site did not start: ${text}`);
      text += value;
      base = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(text)?.[1] ?? "";
    }
    const paths = [
      "/",
      `/v/${published}/standard/trainability/`,
      `/v/${published}/standard/records/disorder/mlp.seed=0.init=random/`,
      `/v/${published}/standard/disorder/leaderboard.json`,
      "/architectures/topo/",
      "/static/style.css",
    ];
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + SECONDS * 1000;
    const worker = async (index: number) => {
      for (let k = index; performance.now() < end; k++) {
        const started = performance.now();
        try {
          const response = await fetch(base + paths[k % paths.length]);
          await response.arrayBuffer();
          if (response.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => worker(index)));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(
      `site load check: ${latencies.length} requests in ${
        elapsed.toFixed(1)
      } s at ${CONNECTIONS} connections: ` +
        `${(latencies.length / elapsed).toFixed(0)} requests/s, p50 ${p(0.5).toFixed(1)} ms, p99 ${
          p(0.99).toFixed(1)
        } ms, ` +
        `max ${latencies.at(-1)!.toFixed(1)} ms, ${errors} errors`,
    );
    if (errors > 0) throw new Error(`site load check: ${errors} errors`);
    await reader.cancel();
  } finally {
    child.kill();
    await child.status;
  }
}

/** Runs the 10-second load once, however often Deno.bench calls the function. */
async function exportOnce(): Promise<void> {
  result ??= loadCheck();
  await result;
}

Deno.bench({
  name: "site: 32 connections × 10 s on loopback (pages, downloads, static)",
  n: 1,
  warmup: 0,
  fn: exportOnce,
});
