// Every `deno task` the README lists answers --help (exit 0, a usage that names the task) and
// does nothing else: no build, no benchmark, no server.
import assert from "node:assert/strict";
import manifest from "../deno.json" with { type: "json" };
import { runTask } from "./_cli.ts";

/** Tasks that run other tasks or the test runner itself: their help is Deno's own. */
const NOT_COMMANDS = new Set(["test", "ok"]);

Deno.test("every task answers --help with its usage, and exits 0 without side effects", async (t) => {
  const root = new URL("../", import.meta.url);
  const wasm = await Deno.readFile(new URL("lib/tensor/wasm/gemm.wasm", root));
  for (const task of Object.keys(manifest.tasks).filter((name) => !NOT_COMMANDS.has(name))) {
    await t.step(task, async () => {
      const { code, stdout, stderr } = await runTask(task, ["--help"]);
      assert.equal(code, 0, `${task}: exit ${code}\n${stderr}`);
      assert.match(stdout, new RegExp(`^deno task ${task.replace(":", "\\:")}\\b`), stdout);
      assert.match(stdout, /Usage:/, `${task}: no Usage section`);
    });
  }
  // build:wasm --help must not have rebuilt the binary.
  assert.deepEqual(await Deno.readFile(new URL("lib/tensor/wasm/gemm.wasm", root)), wasm);
});

Deno.test("bench: a misspelt option or an unknown backend stops the run, named", async () => {
  for (
    const [args, message] of [
      [["--profle", "standard"], /Unknown option '--profle'/],
      [["--backend", "gpu"], /--backend must be one of auto, webgpu, wasm, cpu: received "gpu"/],
    ] as const
  ) {
    const { code, stderr } = await runTask("bench", [...args]);
    assert.equal(code, 2);
    assert.match(stderr, message);
  }
});
