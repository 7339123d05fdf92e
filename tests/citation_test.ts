// The citation metadata follows the suite: CITATION.cff names the version in deno.json, the
// license it names is the LICENSE file's, and the paper and peers carry their arXiv ids.
import assert from "node:assert/strict";
import { SUITE_VERSION } from "../lib/version.ts";

const root = new URL("../", import.meta.url);
const citation = await Deno.readTextFile(new URL("CITATION.cff", root));

Deno.test("CITATION.cff cites the suite version of deno.json", () => {
  assert.match(citation, /^cff-version: 1\.2\.0$/m);
  assert.equal(/^version: "([^"]+)"$/m.exec(citation)?.[1], SUITE_VERSION);
});

Deno.test("CITATION.cff names the LICENSE file's license", async () => {
  const license = await Deno.readTextFile(new URL("LICENSE", root));
  assert.match(license, /^MIT License$/m);
  assert.match(citation, /^license: MIT$/m);
});

Deno.test("the paper and the peers are cited with their arXiv ids", () => {
  for (const id of ["arXiv:2509.26261", "arXiv:2406.10012", "arXiv:1901.01963"]) {
    assert(citation.includes(`value: "${id}"`), `CITATION.cff lacks ${id}`);
  }
});
