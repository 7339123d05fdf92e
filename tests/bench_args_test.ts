// `deno task bench` checks the names of studies, profiles and architectures before any work: an
// unknown one exits 2 with the RangeError's message naming it and the known names, no stack
// trace, no benchmark registered, no dataset built, no record written. Software-adapter WebGPU
// micro-benchmarks run only on request (--software-adapter).
import assert from "node:assert/strict";
import { join } from "node:path";

async function bench(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "bench", ...args],
    cwd: new URL("../", import.meta.url),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("bench: an unknown study, profile or architecture stops the run before any work, named", async () => {
  const scratch = await Deno.makeTempDir();
  try {
    const cache = join(scratch, "cache");
    await Deno.mkdir(cache);
    const root = join(scratch, "reports");
    for (
      const [args, message] of [
        [
          ["--study", "nope"],
          /^error: Unknown study "nope": known are expressivity, trainability/m,
        ],
        [["--profile", "nope"], /^error: Unknown profile "nope": expected one of tiny, quick/m],
        [["--arch", "nope"], /^error: Unknown architecture "nope": known are cnn, /m],
        [["--study", "disorder", "--arch", "mlp", "--arch", "nope"], /Unknown architecture "nope"/],
      ] as const
    ) {
      const { code, stdout, stderr } = await bench([...args, "--root", root], {
        TOPOLEARN_CACHE: cache,
      });
      const label = args.join(" ");
      assert.equal(code, 2, `${label}: exit ${code}\n${stderr}`);
      assert.match(stderr, message, label);
      assert.doesNotMatch(stderr, /^\s+at /m, `${label}: a stack trace\n${stderr}`);
      // (Deno's own "Check …" lines of a cold type-check cache are not the suite's output)
      const printed = (stdout + stderr).split("\n").filter((line) =>
        !/^(Check|Download) /.test(line)
      );
      assert.doesNotMatch(printed.join("\n"), /benchmark|gpu_bench|train_bench|backend /i, label);
      assert.deepEqual([...Deno.readDirSync(cache)], [], `${label}: the dataset cache was touched`);
      assert.throws(() => Deno.statSync(root), Deno.errors.NotFound, `${label}: ${root} written`);
    }
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
});

Deno.test("bench: software-adapter micro-benchmarks are opt-in, and the option is documented", async () => {
  const { code, stdout } = await bench(["--help"], {});
  assert.equal(code, 0);
  assert.match(
    stdout,
    /--software-adapter\s+also run the WebGPU micro-benchmarks on a software adapter/,
  );
  const gpu = await Deno.readTextFile(new URL("../bench/gpu_bench.ts", import.meta.url));
  assert.match(gpu, /requestGpuDevice\(\{ allowSoftware: FLAGS\.softwareAdapter \}\)/);
  const train = await Deno.readTextFile(new URL("../bench/train_bench.ts", import.meta.url));
  assert.match(train, /isFallbackAdapter === true && !FLAGS\.softwareAdapter/);
});
