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

Deno.test("deno task train --eval NAME,FILE.json --json: scores on each test split, by name", async () => {
  const spec = await Deno.makeTempFile({ suffix: ".json" });
  try {
    const example = JSON.parse(await Deno.readTextFile("examples/dataset-spec.json"));
    await Deno.writeTextFile(spec, JSON.stringify({ ...example, name: "eval-spec-16" }));
    const topo = await runCommand(ENTRY, [
      ...["--arch", "topo", "--dataset", "plain-clean-32", "--init", "exact", "--steps", "0"],
      ...["--eval", `plain-clean-64,${spec}`, "--json"],
    ], PERMISSIONS);
    assert.equal(topo.code, 0, topo.stderr);
    const { evaluations } = JSON.parse(topo.stdout);
    assert.deepEqual(Object.keys(evaluations), ["plain-clean-64", "eval-spec-16"]);
    // The exact network is exact at every size (resized, same weights); the counts are the
    // test splits' own: every sample scored or counted ambiguous.
    assert.equal(evaluations["plain-clean-64"].accuracy, 1);
    assert.deepEqual(evaluations["plain-clean-64"].perClassAccuracy, { "0": 1, "1": 1 });
    assert.equal(
      evaluations["plain-clean-64"].samples + evaluations["plain-clean-64"].ambiguous,
      1000,
    );
    assert(evaluations["plain-clean-64"].ambiguous > 0);
    assert.equal(evaluations["eval-spec-16"].samples + evaluations["eval-spec-16"].ambiguous, 32);
    assert.equal(evaluations["eval-spec-16"].accuracy, 1);
    // Evaluating on the training dataset itself reproduces the test score, untrained or not.
    const mlp = await runCommand(ENTRY, [
      ...["--arch", "mlp", "--dataset", "plain-clean-32", "--steps", "0", "--seed", "4"],
      ...["--eval", "plain-clean-32", "--json"],
    ], PERMISSIONS);
    assert.equal(mlp.code, 0, mlp.stderr);
    const result = JSON.parse(mlp.stdout);
    assert.equal(result.evaluations["plain-clean-32"].accuracy, result.testAccuracy);
    assert(result.testAccuracy < 0.9); // untrained: the equality is not 1 = 1
  } finally {
    await Deno.remove(spec);
  }
});

Deno.test("deno task train --eval: datasets it cannot score exit 2 before any training", async () => {
  for (
    const [arch, evaluated, message] of [
      ["mlp", "plain-clean-64", /mlp is built for one size/],
      ["topo", "extended-clean-32", /classes \[-1,0,1,2\] differ/],
      ["topo", "no-such-set", /Unknown dataset "no-such-set"/],
      ["topo", "missing.json", /missing\.json: not a JSON dataset spec/],
      ["topo", "plain-clean-64,,x", /--eval must list NAME or FILE\.json entries/],
    ] as const
  ) {
    const { code, stderr } = await runCommand(ENTRY, [
      ...["--arch", arch, "--dataset", "plain-clean-32", "--steps", "50", "--eval", evaluated],
    ], PERMISSIONS);
    assert.equal(code, 2, `${arch} --eval ${evaluated}: ${stderr}`);
    assert.match(stderr, message);
    assert.doesNotMatch(stderr, /step \d+\/50/);
  }
});

Deno.test("every evaluation-only catalog dataset evaluates with --steps 0; training on one is a named error", async () => {
  const { CATALOG } = await import("../lib/data/catalog.ts");
  const evaluationOnly = CATALOG.filter((spec) =>
    spec.splits.train === 0 || spec.splits.validation === 0
  );
  assert(evaluationOnly.length >= 5, `evaluation-only sets: ${evaluationOnly.map((s) => s.name)}`);
  for (const spec of evaluationOnly) {
    const args = ["--arch", "topo", "--dataset", spec.name, "--init", "exact", "--steps", "0"];
    const { code, stdout, stderr } = await runCommand(ENTRY, [...args, "--json"], PERMISSIONS);
    assert.equal(code, 0, `${spec.name}: ${stderr}`);
    const result = JSON.parse(stdout);
    assert.equal(result.run.validation, null, spec.name);
    assert.equal(result.run.test.samples > 0, true, spec.name);
    // topo at its exact weights is exact on every chiral set (the on-site set breaks the symmetry).
    if (spec.disorder?.onsite === undefined) assert.equal(result.testAccuracy, 1, spec.name);
  }
  const [first] = evaluationOnly;
  const trained = await runCommand(
    ENTRY,
    ["--arch", "mlp", "--dataset", first.name, "--steps", "5"],
    PERMISSIONS,
  );
  assert.notEqual(trained.code, 0);
  assert.match(trained.stderr, new RegExp(`Dataset ${first.name} is for evaluation only`));
  assert.match(trained.stderr, /train 0/);
  assert.doesNotMatch(trained.stderr, /Cannot read properties/);
});
