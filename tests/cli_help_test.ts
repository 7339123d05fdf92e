// Every `deno task` the README lists answers --help (exit 0, a usage that names the task) and
// does nothing else: no build, no benchmark, no server.
import assert from "node:assert/strict";
import manifest from "../deno.json" with { type: "json" };

/** Tasks that run other tasks or the test runner itself: their help is Deno's own. */
const _NOT_COMMANDS = new Set(["test", "ok"]);

Deno.test("every task answers --help with its usage, and exits 0 without side effects", async (t) => {
  const root = new URL("../", import.meta.url);
  const wasm = await Deno.readFile(new URL("lib/train/wasm/gemm.wasm", root));
  for (const task of Object.keys(manifest.tasks).filter((name) => !_NOT_COMMANDS.has(name))) {
    await t.step(task, async () => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["task", "--quiet", task, "--help"],
        cwd: root,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).output();
      const stdout = new TextDecoder().decode(output.stdout);
      const stderr = new TextDecoder().decode(output.stderr);
      assert.equal(output.code, 0, `${task}: exit ${output.code}\n${stderr}`);
      assert.match(stdout, new RegExp(`^deno task ${task.replace(":", "\\:")}\\b`), stdout);
      assert.match(stdout, /Usage:/, `${task}: no Usage section`);
    });
  }
  // build:wasm --help must not have rebuilt the binary.
  assert.deepEqual(await Deno.readFile(new URL("lib/train/wasm/gemm.wasm", root)), wasm);
});

Deno.test("bench: a misspelt option or an unknown backend stops the run, named", async () => {
  for (
    const [args, message] of [
      [["--profle", "standard"], /Unknown option '--profle'/],
      [["--backend", "gpu"], /unknown backend "gpu": expected auto, webgpu, wasm or cpu/],
    ] as const
  ) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["task", "--quiet", "bench", ...args],
      cwd: new URL("../", import.meta.url),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(output.code, 2);
    assert.match(new TextDecoder().decode(output.stderr), message);
  }
});
