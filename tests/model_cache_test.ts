import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { catalogSpec, loadDataset } from "../lib/data/mod.ts";
import { canonicalJson } from "../lib/io/mod.ts";
import { resolveArchitecture } from "../lib/models/mod.ts";
import { modelCacheKey, trainedModel, type TrainingRecipe } from "../lib/studies/mod.ts";
import { selectBackend } from "../lib/tensor/mod.ts";

const RECIPE: TrainingRecipe = {
  architecture: "mlp",
  architectureConfig: {},
  representation: "amplitudes",
  dataset: "plain-clean-32",
  seed: 0,
  init: { kind: "random" },
  head: "class",
  steps: 8,
  batchSize: 32,
  learningRate: 1e-3,
  targetAccuracy: 0.99,
  evaluateEvery: 4,
  backend: "wasm",
};

async function trained(options: { useCache: boolean; cacheDir?: string }) {
  const { model, run } = await trainedModel(RECIPE, options);
  const variables = await Promise.all(
    model.variables.map(async (variable) => Array.from(await variable.data())),
  );
  model.dispose();
  return { variables, gradientNorms: run.gradientNorms, test: run.test };
}

// A model cached by other code (another architecture version, dataset or suite version) must not
// be read back as this code's: a record built from it would not verify, because verification
// retrains without the cache. The key used to be the recipe alone.
Deno.test("the model cache takes only a model of this code: a recipe-only key is ignored, its own key is read back", async () => {
  await selectBackend("wasm");
  const cacheDir = await Deno.makeTempDir();
  try {
    const fresh = await trained({ useCache: false });
    assert.deepEqual(await trained({ useCache: false }), fresh, "one process, the same bits");
    const recipeOnly = createHash("sha256").update(
      canonicalJson({ ...RECIPE, fullBudget: true, closedFormAlone: true }),
    ).digest("hex");
    const forged = { variables: fresh.variables, run: { gradientNorms: [{ step: 0, norm: 42 }] } };
    await Deno.writeTextFile(join(cacheDir, `${recipeOnly}.json`), JSON.stringify(forged));
    assert.deepEqual(
      await trained({ useCache: true, cacheDir }),
      fresh,
      "the forged file is not taken",
    );
    const { hash } = await loadDataset(catalogSpec(RECIPE.dataset));
    const own = modelCacheKey(RECIPE, resolveArchitecture("mlp").version, hash);
    const names = (await Array.fromAsync(Deno.readDir(cacheDir))).map((entry) => entry.name).sort();
    assert.deepEqual(names, [`${own}.json`, `${recipeOnly}.json`].sort());
    // Read back from its own key: a forged file there is taken (which shows the key is the one read).
    await Deno.writeTextFile(join(cacheDir, `${own}.json`), JSON.stringify(forged));
    const taken = await trained({ useCache: true, cacheDir });
    assert.deepEqual(taken.gradientNorms, [{ step: 0, norm: 42 }]);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
