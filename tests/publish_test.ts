// `deno publish --dry-run` packages the library without errors: reports, tests, the site and CI
// stay out of the package (publish.exclude), the licence and the submission contract go in.
import assert from "node:assert/strict";
import { runDeno } from "./_cli.ts";

Deno.test("deno publish --dry-run packages the library, its licence and the contract, nothing else", async () => {
  const { code, stdout, stderr } = await runDeno(["publish", "--dry-run", "--allow-dirty"]);
  const output = stdout + stderr;
  assert.equal(code, 0, output);
  assert.match(output, /Dry run complete/);
  assert.doesNotMatch(output, /^error/m);
  const files = [...output.matchAll(/file:\/\/\S*?\/((?:[\w.-]+\/)*[\w.=-]+) \(/g)].map((m) =>
    m[1]
  );
  for (const wanted of ["LICENSE", "README.md", "CITATION.cff", "mod.ts", "lib/contract.ts"]) {
    assert.ok(files.some((file) => file.endsWith(wanted)), `${wanted} is not in the package`);
  }
  for (const excluded of ["reports/", "tests/", "web/", ".ci/"]) {
    assert.ok(!output.includes(`/${excluded}`), `${excluded} is in the package`);
  }
});
