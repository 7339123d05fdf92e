import assert from "node:assert/strict";
import { runCommand } from "./_cli.ts";

const ENTRY = "lib/cli/train.ts";
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env"];

Deno.test("deno task train --steps 0 --json: topo at exact init scores 100% with ν_net = RSWN", async () => {
  const args = [
    "--arch",
    "topo",
    "--dataset",
    "plain-disorder-32",
    "--init",
    "exact",
    "--steps",
    "0",
    "--json",
  ];
  const { code, stdout, stderr } = await runCommand(ENTRY, args, PERMISSIONS);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.equal(result.testAccuracy, 1);
  assert.deepEqual(result.perClassAccuracy, { "0": 1, "1": 1 });
  assert(result.maxInvariantError < 1e-4);
  assert.equal(result.head, "integer"); // topo's default head
  assert.equal(result.parameters, 32 + 63); // c and κ; the integer head has no sharpness
  assert.equal(result.backend.backend, "wasm"); // auto: no real GPU adapter here
  assert.match(result.dataset.hash, /^[0-9a-f]{64}$/);
  for (const field of ["loss", "samplesPerSecond", "run", "suiteVersion"]) {
    assert(field in result, field);
  }
});

Deno.test("deno task train: a short MLP run learns, reports throughput and is deterministic", async () => {
  const args = [
    "--arch",
    "mlp",
    "--dataset",
    "plain-clean-32",
    "--steps",
    "60",
    "--evaluate-every",
    "30",
    "--seed",
    "2",
    "--json",
  ];
  const first = await runCommand(ENTRY, args, PERMISSIONS);
  assert.equal(first.code, 0, first.stderr);
  const result = JSON.parse(first.stdout);
  assert(result.testAccuracy > 0.8, `accuracy ${result.testAccuracy}`);
  assert(result.samplesPerSecond > 0);
  assert.equal(result.maxInvariantError, undefined);
  assert.match(first.stderr, /step 60\/60/);
  const second = JSON.parse((await runCommand(ENTRY, args, PERMISSIONS)).stdout);
  assert.equal(second.testAccuracy, result.testAccuracy);
  assert.equal(second.loss, result.loss);
});

Deno.test("deno task train: --help and bad input exit with clear messages", async () => {
  const help = await runCommand(ENTRY, ["--help"], PERMISSIONS);
  assert.equal(help.code, 0);
  for (
    const flag of [
      "--arch",
      "--dataset",
      "--representation",
      "--init",
      "--steps",
      "--seed",
      "--backend",
      "--json",
    ]
  ) {
    assert(help.stdout.includes(flag), flag);
  }
  const cases: Array<[string[], RegExp]> = [
    [
      ["--arch", "transformer", "--dataset", "plain-clean-32"],
      /Unknown architecture "transformer"/,
    ],
    [["--arch", "mlp", "--dataset", "nope"], /Unknown dataset "nope"/],
    [
      ["--arch", "topo", "--dataset", "plain-clean-32", "--representation", "projector"],
      /accepts amplitudes: received "projector"/,
    ],
    [
      ["--arch", "mlp", "--dataset", "plain-clean-32", "--init", "noise=-1"],
      /noise=σ with σ ≥ 0: received "noise=-1"/,
    ],
    [["--arch", "mlp", "--dataset", "plain-clean-32", "--backend", "tpu"], /tpu/],
    [["--dataset", "plain-clean-32"], /--arch is required/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await runCommand(ENTRY, [...args, "--steps", "0"], PERMISSIONS);
    assert.equal(code, 2, `${args}: exit ${code}: ${stderr}`);
    assert.match(stderr, message);
  }
});
