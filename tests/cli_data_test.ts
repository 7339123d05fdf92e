import assert from "node:assert/strict";
import { CATALOG } from "../lib/data/mod.ts";
import { runCommand } from "./_cli.ts";

const ENTRY = "lib/cli/data.ts";
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env"];

Deno.test("deno task data list --json: every catalog entry with name, cells, samples and hash", async () => {
  const { code, stdout } = await runCommand(ENTRY, ["list", "--json"], PERMISSIONS);
  assert.equal(code, 0);
  const rows = JSON.parse(stdout);
  assert.equal(rows.length, CATALOG.length);
  for (const row of rows) {
    assert.equal(typeof row.name, "string");
    assert(Number.isInteger(row.cells) && Number.isInteger(row.samples));
    assert.match(row.hash, /^[0-9a-f]{64}$/);
  }
});

Deno.test("deno task data inspect --json builds into the cache, checks the pin, reports counts", async () => {
  const cache = await Deno.makeTempDir();
  try {
    const args = [
      ...["inspect", "plain-clean-16", "--json", "--cache", cache, "--workers", "1"],
      ...["--device", "cpu"],
    ];
    const { code, stdout, stderr } = await runCommand(ENTRY, args, PERMISSIONS);
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(stdout);
    const listed = JSON.parse((await runCommand(ENTRY, ["list", "--json"], PERMISSIONS)).stdout)
      .find((row: { name: string }) => row.name === "plain-clean-16");
    assert.equal(summary.hash, listed.hash);
    assert.equal(summary.samples, 1000);
    const counted = Object.values(summary.classCounts.test as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    assert.equal(counted, 1000);
    assert(summary.ambiguityRate >= 0 && summary.ambiguityRate < 0.5);
    assert.match(stderr, /building plain-clean-16 \(cpu\): 1000\/1000/);
    assert.deepEqual(summary.compute, {
      kind: "cpu",
      adapter: null,
      precision: "float64",
      algorithm: "exact-spectrum",
    });
    // Tamper with the cached file: the next inspect refuses it, rebuilds it and agrees.
    const path = summary.path as string;
    const bytes = await Deno.readFile(path);
    bytes[bytes.length - 1] ^= 0xff;
    await Deno.writeFile(path, bytes);
    const again = await runCommand(ENTRY, args, PERMISSIONS);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /refusing .*plain-clean-16.*content hash/);
    assert.equal(JSON.parse(again.stdout).hash, summary.hash);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("deno task data: --help, unknown names and commands exit 2 with a clear message", async () => {
  const help = await runCommand(ENTRY, ["--help"], PERMISSIONS);
  assert.equal(help.code, 0);
  for (const word of ["list", "build", "inspect", "card", "--json", "--workers", "--cache"]) {
    assert(help.stdout.includes(word), word);
  }
  const unknown = await runCommand(ENTRY, ["inspect", "no-such-set"], PERMISSIONS);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown dataset "no-such-set": the catalog has plain-clean-16/);
  const command = await runCommand(ENTRY, ["frobnicate"], PERMISSIONS);
  assert.equal(command.code, 2);
  assert.match(command.stderr, /Unknown command "frobnicate"/);
});

Deno.test("deno task data --device gpu: a separate GPU build, named in the output, not checked against the pin", async () => {
  const cache = await Deno.makeTempDir();
  try {
    const common = ["--cache", cache, "--workers", "1"];
    const build = await runCommand(
      ENTRY,
      ["build", "plain-clean-16", "--device", "gpu", ...common],
      PERMISSIONS,
    );
    assert.equal(build.code, 0, build.stderr);
    assert.match(
      build.stdout,
      /^plain-clean-16 {2}[0-9a-f]{64} {2}\S+-gpu-[0-9a-f]{16}\.tlds {2}\(gpu, /,
    );
    assert.match(build.stderr, /device: gpu \(.+\): requested \(--device gpu\)/);
    assert.match(build.stderr, /building plain-clean-16 \(gpu\): 1000\/1000/);
    assert.match(build.stderr, /built on the GPU .* not checked against the pin/);
    const inspect = await runCommand(
      ENTRY,
      ["inspect", "plain-clean-16", "--device", "gpu", "--json", ...common],
      PERMISSIONS,
    );
    assert.equal(inspect.code, 0, inspect.stderr);
    assert.doesNotMatch(inspect.stderr, /building/); // served from the cache
    const summary = JSON.parse(inspect.stdout);
    assert.equal(summary.compute.kind, "gpu");
    assert.equal(summary.compute.precision, "float32");
    assert.equal(typeof summary.compute.adapter.description, "string");
    assert.equal(summary.hash, build.stdout.split(/\s+/)[1]);
    const listed = JSON.parse((await runCommand(ENTRY, ["list", "--json"], PERMISSIONS)).stdout)
      .find((row: { name: string }) => row.name === "plain-clean-16");
    assert.notEqual(summary.hash, listed.hash);
    // The clean set's labels sit far from any rounding boundary: the GPU agrees on every one.
    assert.deepEqual(summary.classCounts.test, { "0": 500, "1": 500 });
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("deno task data --device: bad values and pin --device gpu exit 2", async () => {
  const bad = await runCommand(ENTRY, ["build", "plain-clean-16", "--device", "tpu"], PERMISSIONS);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--device must be one of cpu, gpu, auto: received "tpu"/);
  const pin = await runCommand(ENTRY, ["pin", "--device", "gpu"], PERMISSIONS);
  assert.equal(pin.code, 2);
  assert.match(pin.stderr, /pin builds the CPU reference only/);
  const help = await runCommand(ENTRY, ["--help"], PERMISSIONS);
  assert.match(help.stdout, /--device cpu\|gpu\|auto/);
  assert.match(help.stdout, /not checked against the pin/);
});
