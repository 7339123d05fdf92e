import assert from "node:assert/strict";
import { andersonPhase, realSpaceWinding, sshChain } from "../mod.ts";
import { runCommand } from "./_cli.ts";

const ENTRY = "lib/cli/invariant.ts";

Deno.test("deno task invariant --json: the issue's example, checked against the public API", async () => {
  const args = ["--cells", "100", "--intracell", "1.05", "--intercell", "1"];
  const disorder = ["--intracell-disorder", "2", "--intercell-disorder", "1", "--seed", "7"];
  const { code, stdout } = await runCommand(ENTRY, [...args, ...disorder, "--json"]);
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
    [["--cells", "abc"], /--cells must be a finite number: received "abc"/],
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
