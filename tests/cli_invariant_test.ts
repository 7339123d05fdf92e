import assert from "node:assert/strict";
import { andersonPhase, realSpaceWinding, sshChain } from "../mod.ts";
import { runCommand } from "./_cli.ts";

const ENTRY = "lib/cli/invariant.ts";

Deno.test("deno task invariant --json: the issue's example, checked against the public API", async () => {
  const args = ["--cells", "100", "--intracell", "1.05", "--intercell", "1"];
  const disorder = ["--intracell-disorder", "2", "--intercell-disorder", "1", "--seed", "7"];
  const { code, stdout } = await runCommand(ENTRY, [
    ...args,
    ...disorder,
    "--device",
    "cpu",
    "--json",
  ]);
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  const chain = sshChain({
    cells: 100,
    hoppings: { 0: 1.05, 1: 1 },
    disorder: { intracell: 2, intercell: 1 },
    seed: 7,
  });
  assert.equal(result.realSpaceWinding, realSpaceWinding(chain));
  assert.equal(
    result.quantizationError,
    Math.abs(result.realSpaceWinding - Math.round(result.realSpaceWinding)),
  );
  assert(result.bulkGap > 0);
  assert.deepEqual(
    result.andersonPhase,
    andersonPhase({ intracell: 1.05, intercell: 1, intracellDisorder: 2, intercellDisorder: 1 }),
  );
});

Deno.test("deno task invariant: extended chains via --hopping, human output, no analytic phase", async () => {
  const { code, stdout } = await runCommand(ENTRY, [
    "--cells",
    "60",
    "--hopping",
    "0=0.3",
    "--hopping",
    "1=0.2",
    "--hopping=-1=1",
  ]);
  assert.equal(code, 0);
  assert.match(stdout, /winding round\(ν\)\s+-1/);
  assert.doesNotMatch(stdout, /analytic phase/);
  const json = JSON.parse(
    (await runCommand(ENTRY, [
      "--cells",
      "60",
      "--hopping",
      "0=0.3",
      "--hopping",
      "1=0.2",
      "--hopping=-1=1",
      "--json",
    ])).stdout,
  );
  assert.equal(json.andersonPhase, undefined);
  assert.equal(json.winding, -1);
});

Deno.test("deno task invariant --help explains every flag; bad flags exit 2 with the value named", async () => {
  const help = await runCommand(ENTRY, ["--help"]);
  assert.equal(help.code, 0);
  for (
    const flag of [
      "--cells",
      "--intracell",
      "--intercell",
      "--hopping",
      "--intracell-disorder",
      "--intercell-disorder",
      "--onsite-disorder",
      "--seed",
      "--trim",
      "--json",
    ]
  ) {
    assert(help.stdout.includes(flag), `--help does not mention ${flag}`);
  }
  const cases: Array<[string[], RegExp]> = [
    [["--cells", "abc"], /--cells must be a decimal integer in \[2, 4096\]: received "abc"/],
    [["--cells", "2"], /too small/],
    [["--trim", "0.7"], /trim must be in \(0, 0.5\): received 0.7/],
    [["--intracell-disorder=-1"], /received -1/],
    [["--hopping", "x=1"], /RANGE=VALUE.*"x=1"/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await runCommand(ENTRY, args);
    assert.equal(code, 2, `${args}: exit ${code}`);
    assert.match(stderr, message);
  }
});

async function softwareAdapter(): Promise<boolean> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return true;
  return (adapter.info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true ||
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
}

Deno.test("deno task invariant --device gpu agrees with --device cpu within 1e-4 (near the transition, topological)", async () => {
  const chains = [
    // The example: cells/ξ ≈ 14, near the Anderson transition, ν far from quantized.
    ["--cells", "100", "--intracell", "1.05", "--intercell", "1"].concat(
      ["--intracell-disorder", "2", "--intercell-disorder", "1", "--seed", "7"],
    ),
    ["--cells", "80", "--intracell", "0.5", "--intercell", "1"], // topological, an edge-mode pair
  ];
  for (const chain of chains) {
    const cpu = await runCommand(ENTRY, [...chain, "--device", "cpu", "--json"]);
    const gpu = await runCommand(ENTRY, [...chain, "--device", "gpu", "--json"]);
    assert.equal(cpu.code, 0, cpu.stderr);
    assert.equal(gpu.code, 0, gpu.stderr);
    const a = JSON.parse(cpu.stdout);
    const b = JSON.parse(gpu.stdout);
    assert.deepEqual(a.device, {
      kind: "cpu",
      reason: "requested (--device cpu)",
      adapter: null,
      precision: "float64",
      algorithm: "exact-spectrum",
    });
    assert.equal(b.device.kind, "gpu");
    assert.equal(b.device.precision, "float32");
    assert.equal(b.device.algorithm, "deflated-newton-schulz-polar");
    assert.equal(typeof b.device.adapter.description, "string");
    assert.match(b.device.reason, /--device gpu/);
    assert(
      Math.abs(a.realSpaceWinding - b.realSpaceWinding) < 1e-4,
      `${chain}: cpu ${a.realSpaceWinding}, gpu ${b.realSpaceWinding}`,
    );
    assert.equal(b.winding, a.winding);
    // The spectral diagnostics come from the CPU whatever the device.
    assert.equal(b.bulkGap, a.bulkGap);
    assert.equal(b.smallestEnergy, a.smallestEnergy);
    assert.deepEqual(b.andersonPhase, a.andersonPhase);
  }
  const topological = JSON.parse(
    (await runCommand(ENTRY, [...chains[1], "--device", "gpu", "--json"])).stdout,
  );
  assert.equal(topological.winding, 1);
  // Human output names the device.
  const human = await runCommand(ENTRY, [...chains[1], "--device", "gpu"]);
  assert.match(human.stdout, /device\s+gpu, .*float32, deflated-newton-schulz-polar/);
});

Deno.test("deno task invariant --device: auto takes the CPU on a software adapter; on-site terms stay on the CPU; bad values exit 2", async () => {
  const auto = await runCommand(ENTRY, ["--cells", "40", "--json"]);
  assert.equal(auto.code, 0, auto.stderr);
  const { device } = JSON.parse(auto.stdout);
  if (await softwareAdapter()) {
    assert.equal(device.kind, "cpu");
    assert.match(device.reason, /^auto: .*(software|not available|No WebGPU adapter)/);
  } else {
    assert.equal(device.kind, "gpu");
  }
  const onsite = await runCommand(ENTRY, ["--onsite-disorder", "1", "--device", "gpu", "--json"]);
  assert.equal(onsite.code, 0, onsite.stderr);
  const result = JSON.parse(onsite.stdout);
  assert.equal(result.device.kind, "cpu");
  assert.match(result.device.reason, /on-site terms break chiral symmetry/);
  assert.equal(result.method, "dense");
  const bad = await runCommand(ENTRY, ["--device", "tpu"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--device must be one of cpu, gpu, auto: received "tpu"/);
  const help = await runCommand(ENTRY, ["--help"]);
  assert.match(help.stdout, /--device cpu\|gpu\|auto/);
  assert.match(help.stdout, /bulk gap and smallest \|E\| always come from\s+the CPU/);
});
