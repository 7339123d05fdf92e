// Every command's numbers bounded (issue 15, item 4): each numeric option is checked against its
// stated range before any work, numbers are decimal only, stray positionals are refused, readers
// of user files cap what they read, and a diverging loss stops training with a named error.
// Each case runs the real command and asserts the named error, a non-zero exit and that nothing
// was written.
import assert from "node:assert/strict";
import { join } from "node:path";
import { tf } from "../lib/tensor/tf.ts";
import { syntheticSource, TrainingDivergedError, trainModel } from "../lib/train/mod.ts";
import { readJsonFile } from "../lib/io/mod.ts";
import { runCommand } from "./_cli.ts";

const TRAIN = ["--allow-read", "--allow-write", "--allow-env", "--allow-sys"];

function assertRefused(
  run: { code: number; stdout: string; stderr: string },
  pattern: RegExp,
  what: string,
): void {
  assert.equal(run.code, 2, `${what}: exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr + run.stdout, pattern, what);
  assert.doesNotMatch(run.stderr, /Uncaught|\n {4}at /, `${what}: a stack trace`);
}

async function entries(path: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(path)) names.push(entry.name);
  return names;
}

Deno.test("invariant refuses cell counts past its cap and non-decimal numbers, named", async () => {
  const cases: [string[], RegExp][] = [
    [["--cells", "1e9"], /--cells must be a decimal integer in \[2, 4096\]: received "1e9"/],
    [["--cells", "20000"], /RangeError|--cells must be in \[2, 4096\]: received 20000/],
    [["--cells", "0x10"], /--cells must be a decimal integer in \[2, 4096\]: received "0x10"/],
    [["--cells="], /--cells must be a decimal integer in \[2, 4096\]: received ""/],
    [["--cells", "1"], /--cells must be in \[2, 4096\]: received 1/],
    [["--intracell", "0x10"], /--intracell must be a finite decimal number: received "0x10"/],
    [["--intracell", "1e308"], /--intracell must be in \[-1000000, 1000000\]: received 1e308/],
    [["--intracell", "Infinity"], /--intracell must be a finite decimal number/],
    [["--hopping", "2=1e308"], /--hopping must be in \[-1000000, 1000000\]: received 1e308/],
    [["--hopping", "100000=1"], /--hopping range must be in \[-64, 64\]: received 100000/],
    [["--seed=-1"], /--seed must be a decimal integer/],
    [["--trim", "0.9"], /trim must be in \(0, 0\.5\): received 0\.9/],
    [["stray"], /Unexpected argument .stray./],
  ];
  for (const [args, pattern] of cases) {
    const run = await runCommand("lib/cli/invariant.ts", args);
    assertRefused(run, pattern, args.join(" "));
  }
});

Deno.test("invariant --help states every numeric range", async () => {
  const run = await runCommand("lib/cli/invariant.ts", ["--help"]);
  assert.equal(run.code, 0);
  for (const range of ["[2, 4096]", "[-1000000, 1000000]", "[-64, 64]", "[0, 1000000]"]) {
    assert(run.stdout.includes(range), `--help lacks ${range}`);
  }
});

Deno.test("train refuses out-of-range numbers before any work, writing nothing", async () => {
  const cache = await Deno.makeTempDir({ prefix: "bounded-cache-" });
  const base = ["--arch", "mlp", "--dataset", "plain-clean-32", "--cache", cache];
  const cases: [string[], RegExp][] = [
    [["--learning-rate", "1e308"], /--learning-rate must be in \[1e-8, 10\]: received 1e308/],
    [["--steps", "1e12"], /--steps must be a decimal integer in \[0, 1000000\]: received "1e12"/],
    [["--steps", "1000000000000"], /--steps must be in \[0, 1000000\]: received 1000000000000/],
    [["--batch-size", "1e9"], /--batch-size must be a decimal integer in \[1, 65536\]/],
    [["--batch-size", "1000000000"], /--batch-size must be in \[1, 65536\]: received 1000000000/],
    [["--batch-size", "0"], /--batch-size must be in \[1, 65536\]: received 0/],
    [["--target", "2"], /--target must be in \[0\.000001, 1\]: received 2/],
    [["--evaluate-every", "0x10"], /--evaluate-every must be a decimal integer/],
    [["--seed", ""], /--seed must be a decimal integer/],
  ];
  for (const [args, pattern] of cases) {
    const run = await runCommand("lib/cli/train.ts", [...base, ...args], TRAIN);
    assertRefused(run, pattern, args.join(" "));
    assert.doesNotMatch(run.stderr, /step \d+\//, "training started");
  }
  assert.deepEqual(await entries(cache), [], "the refused runs wrote to the cache");
  await Deno.remove(cache);
  const help = await runCommand("lib/cli/train.ts", ["--help"], TRAIN);
  for (const range of ["[0, 1000000]", "[1, 65536]", "[1e-8, 10]"]) {
    assert(help.stdout.includes(range), `train --help lacks ${range}`);
  }
});

Deno.test("data pin refuses a stray positional and leaves the pinned hashes alone", async () => {
  const pins = "lib/data/catalog_hashes.json";
  const before = await Deno.readTextFile(pins);
  for (const args of [["pin", "x"], ["list", "x"]]) {
    const run = await runCommand("lib/cli/data.ts", args, TRAIN);
    assertRefused(run, new RegExp(`${args[0]} takes no NAME: received "x"`), args.join(" "));
  }
  const run = await runCommand("lib/cli/data.ts", ["list", "--workers", "0"], TRAIN);
  assertRefused(run, /--workers must be in \[1, 64\]: received 0/, "--workers 0");
  assert.equal(await Deno.readTextFile(pins), before);
});

Deno.test("verify /dev/zero stops at the record cap with a named error", async () => {
  const run = await runCommand("lib/cli/verify.ts", ["/dev/zero"], TRAIN);
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stderr,
    /\/dev\/zero: a JSON record is at most 4194304 bytes; this file is longer/,
  );
});

Deno.test("readJsonFile caps what it reads, whatever the file claims", async () => {
  await assert.rejects(
    readJsonFile("/dev/zero", "leaderboard", { maxBytes: 1024 }),
    (error) => error instanceof RangeError && /at most 1024 bytes/.test(error.message),
  );
  const path = join(await Deno.makeTempDir(), "big.json");
  await Deno.writeTextFile(path, JSON.stringify({ x: "a".repeat(2000) }));
  await assert.rejects(readJsonFile(path, "record", { maxBytes: 1000 }), RangeError);
  assert.deepEqual(
    Object.keys(await readJsonFile(path, "record", { maxBytes: 3000 }) as object),
    ["x"],
  );
  await assert.rejects(readJsonFile(path, "record", { maxBytes: 0 }), /positive safe integer/);
  await Deno.remove(path);
});

Deno.test("site refuses a non-decimal or out-of-range port", async () => {
  const permissions = ["--allow-read", "--allow-env", "--allow-net=127.0.0.1"];
  for (
    const [port, pattern] of [["0x10", /decimal integer in \[0, 65535\]/], [
      "70000",
      /--port must be in \[0, 65535\]: received 70000/,
    ]] as const
  ) {
    const run = await runCommand("web/main.ts", ["--port", port], permissions);
    assertRefused(run, pattern, `--port ${port}`);
  }
});

Deno.test("a non-finite loss stops training with TrainingDivergedError", async () => {
  const [weights, bias] = [tf.variable(tf.zeros([4, 2])), tf.variable(tf.zeros([2]))];
  const model = {
    variables: [weights, bias],
    apply: (x: tf.Tensor) => tf.add(tf.matMul(x, weights), bias) as tf.Tensor2D,
    parameterCount: () => 10,
    dispose: () => tf.dispose([weights, bias]),
  };
  const seen: number[] = [];
  await assert.rejects(
    trainModel({
      model,
      source: syntheticSource({ sampleShape: [4], seed: 1, signal: 2 }),
      optimizer: { kind: "sgd", learningRate: 1e38 },
      steps: 200,
      batchSize: 32,
      seed: 1,
      evaluateEvery: 5,
      onProgress: (point) => seen.push(point.loss),
    }),
    (error) =>
      error instanceof TrainingDivergedError && !Number.isFinite(error.loss) &&
      /training diverged: the loss is (NaN|-?Infinity) at step \d+ \(learning rate 1e\+38\)/.test(
        error.message,
      ),
  );
  assert(seen.every(Number.isFinite), "a non-finite loss was reported as progress");
  model.dispose();
});

Deno.test("a dataset build killed with -9 leaves a .tmp that the next build removes", async () => {
  const cache = await Deno.makeTempDir({ prefix: "bounded-tmp-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...TRAIN,
      "lib/cli/data.ts",
      "build",
      "plain-clean-128",
      "--workers",
      "1",
      "--cache",
      cache,
    ],
    cwd: new URL("../", import.meta.url),
    stdout: "null",
    stderr: "null",
  }).spawn();
  let leftover: string | undefined;
  for (let i = 0; i < 1500 && leftover === undefined; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    leftover = (await entries(cache)).find((name) => name.endsWith(".tmp"));
  }
  child.kill("SIGKILL");
  await child.status;
  assert(leftover, "the build never wrote its temporary file");
  assert((await entries(cache)).includes(leftover), "kill -9 left no temporary behind");
  // Time passes. A write still in flight (its writer holds the temporary's lock, as writeAtomic
  // does) is kept however old it looks.
  const old = new Date(Date.now() - 10 * 60_000);
  await Deno.utime(join(cache, leftover), old, old);
  const live = `other.tlds.${Deno.pid}.0123abcd.tmp`;
  using writer = await Deno.open(join(cache, live), { write: true, create: true });
  await writer.lock(true);
  await writer.write(new TextEncoder().encode("in flight"));
  await Deno.utime(join(cache, live), old, old);
  const run = await runCommand("lib/cli/data.ts", [
    "build",
    "plain-clean-16",
    "--workers",
    "1",
    "--cache",
    cache,
  ], TRAIN);
  assert.equal(run.code, 0, run.stderr);
  const after = await entries(cache);
  assert(!after.includes(leftover), `${leftover} is still there`);
  assert(after.includes(live), "a live process's temporary was removed");
  assert(after.some((name) => name.startsWith("plain-clean-16-") && name.endsWith(".tlds")));
  await Deno.remove(cache, { recursive: true });
});

Deno.test("a stale .tmp beside the records is removed by the next run of the study", async () => {
  const { runOrResume } = await import("../lib/studies/run_planned.ts");
  const { STUDIES } = await import("../lib/studies/studies.ts");
  const { readRecord } = await import("../lib/records/mod.ts");
  const { SUITE_VERSION } = await import("../lib/version.ts");
  const name = "mlp.seed=0.init=random.json";
  const { PUBLISHED_VERSION } = await import("./_published.ts");
  const source = join("reports", PUBLISHED_VERSION, "standard", "records", "disorder", name);
  const root = await Deno.makeTempDir({ prefix: "bounded-records-" });
  const folder = join(root, SUITE_VERSION, "standard", "records", "disorder");
  await Deno.mkdir(folder, { recursive: true });
  await Deno.copyFile(source, join(folder, name));
  const stale = join(folder, `${name}.999999999.89abcdef.tmp`);
  await Deno.writeTextFile(stale, "{ half a record");
  const old = new Date(Date.now() - 10 * 60_000);
  await Deno.utime(stale, old, old);
  const record = await readRecord(source);
  const study = STUDIES.find((entry) => entry.name === "disorder")!;
  const { skipped } = await runOrResume({ study, cell: record.cell }, root);
  assert(skipped, "the recorded cell was run again");
  assert.deepEqual(await entries(folder), [name]);
  await Deno.remove(root, { recursive: true });
});

Deno.test("missing --root / --cache folders are refused, or made one level deep only", async () => {
  const ALL = ["--allow-read", "--allow-write", "--allow-env", "--allow-run", "--allow-sys"];
  const base = await Deno.makeTempDir({ prefix: "bounded-folders-" });
  const missing = join(base, "nowhere", "deeper");
  const cases: [string, string[], string[], RegExp][] = [
    ["lib/cli/report.ts", ["build", "--root", missing], ALL, /--root .*deeper does not exist/],
    ["web/build.ts", ["--root", missing, "--out", join(base, "site")], ALL, /does not exist/],
    [
      "lib/cli/train.ts",
      ["--arch", "mlp", "--dataset", "plain-clean-16", "--steps", "0", "--cache", missing],
      TRAIN,
      /--cache .*deeper: its parent .*nowhere does not exist/,
    ],
    [
      "lib/cli/data.ts",
      ["build", "plain-clean-16", "--cache", missing],
      TRAIN,
      /its parent .*nowhere does not exist/,
    ],
    [
      "lib/cli/report.ts",
      ["merge", join(base, "shard"), "--root", missing],
      ALL,
      /its parent .*nowhere does not exist/,
    ],
  ];
  for (const [entry, args, permissions, pattern] of cases) {
    const run = await runCommand(entry, args, permissions);
    assertRefused(run, pattern, `${entry} ${args.join(" ")}`);
  }
  assert.deepEqual(await entries(base), [], "a refused command made a folder");
  // One missing level is made where the command writes outputs.
  const cache = join(base, "cache");
  const run = await runCommand("lib/cli/data.ts", [
    "build",
    "plain-clean-16",
    "--workers",
    "1",
    "--cache",
    cache,
  ], TRAIN);
  assert.equal(run.code, 0, run.stderr);
  assert((await entries(cache)).some((name) => name.endsWith(".tlds")));
  await Deno.remove(base, { recursive: true });
});

Deno.test("a run watching its parent stops once the wrapper that started it is killed", async () => {
  // bash stands for the `deno task` wrapper: it starts the child, prints its pid, is killed -9.
  const wrapper = new Deno.Command("bash", {
    args: ["-c", `"${Deno.execPath()}" run tests/_orphan_child.ts & echo $!; wait`],
    cwd: new URL("../", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = wrapper.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const pid = Number((await reader.read()).value!.trim());
  assert(Number.isSafeInteger(pid) && pid > 0);
  const alive = async () =>
    (await new Deno.Command("kill", { args: ["-0", String(pid)], stderr: "null" }).output())
      .success;
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert(await alive(), "the child stopped before its wrapper was killed");
  wrapper.kill("SIGKILL");
  await wrapper.status;
  let stopped = false;
  for (let i = 0; i < 100 && !stopped; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    stopped = !(await alive());
  }
  if (!stopped) Deno.kill(pid, "SIGKILL");
  reader.releaseLock();
  await wrapper.stdout.cancel().catch(() => {});
  await wrapper.stderr.cancel();
  assert(stopped, "the child kept running after its wrapper was killed");
});

Deno.test("train at the largest accepted learning rate stops on a NaN loss, exit 1", async () => {
  const cache = await Deno.makeTempDir({ prefix: "bounded-diverge-" });
  const run = await runCommand("lib/cli/train.ts", [
    "--arch",
    "mlp",
    "--head",
    "integer", // a squared-error head: plain SGD at rate 10 grows geometrically to NaN
    "--dataset",
    "plain-clean-32",
    "--optimizer",
    "sgd",
    "--learning-rate",
    "10",
    "--steps",
    "100",
    "--evaluate-every",
    "20",
    "--cache",
    cache,
    "--json",
  ], TRAIN);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stderr,
    /training diverged: the loss is (NaN|-?Infinity) at step \d+ \(learning rate 10\)/,
  );
  assert.equal(run.stdout, "", "a result was printed for a diverged run");
  await Deno.remove(cache, { recursive: true });
});
