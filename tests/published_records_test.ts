// Published numbers stay reproducible: records of the 0.3.0 standard boards re-run, from fresh
// datasets, to identical metrics on wasm (at this machine's thread count), one per kernel path
// of the suite's wasm module: 1-D row convolutions (cnn), dense products (mlp) and 2-D
// convolutions through im2col (cybinski-cnn). The records hold accuracies, which a small numeric
// change need not move: wasm_numerics_test.ts pins the bits.
import assert from "node:assert/strict";
import { runTask } from "./_cli.ts";

const RECORDS = [
  "reports/0.3.0/standard/records/disorder/cnn.seed=0.init=random.json",
  "reports/0.3.0/standard/records/disorder/mlp.seed=1.init=random.json",
  "reports/0.3.0/standard/records/literature-cybinski/cybinski-cnn.seed=0.init=random.json",
];

Deno.test("published 0.3.0 records of the cnn, the mlp and the 2-D cybinski-cnn re-run identical on wasm", async () => {
  const cache = await Deno.makeTempDir({ prefix: "topolearn-published-" });
  try {
    for (const record of RECORDS) {
      const { code, stdout, stderr } = await runTask("verify", [record], {
        TOPOLEARN_CACHE: cache,
      });
      assert.equal(code, 0, `${record}: verify exited ${code}\n${stdout}\n${stderr}`);
      assert.match(stdout, /reproduces on wasm \(identical\)/, record);
    }
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});
