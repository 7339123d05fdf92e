import { trainedModel } from "../lib/studies/trained_model.ts";
import { predict, scoredAccuracy } from "../lib/studies/predict.ts";
import { catalogSpec, loadDataset } from "../lib/data/mod.ts";
import { representationOf } from "../lib/studies/_cells.ts";
import { selectBackend } from "../lib/tensor/backend.ts";
await selectBackend("wasm");
const proxies = ["edge-threshold", "logistic-q2", "logistic-hamiltonian", "lyapunov-threshold", "ridge-offset-sums"];
const steps = Number(Deno.args[0] ?? 1500);
for (const dataset of ["plain-clean-32", "plain-disorder-32", "extended-clean-32"]) {
  for (const architecture of proxies) {
    for (const head of ["class", "integer"] as const) {
      if (architecture === "lyapunov-threshold" && dataset.startsWith("extended")) continue;
      const t = performance.now();
      const { model } = await trainedModel({
        architecture, architectureConfig: {}, representation: representationOf(architecture),
        dataset, seed: 0, init: { kind: "random" }, head, steps, batchSize: 128,
        learningRate: 1e-2, evaluateEvery: steps, backend: "wasm",
      }, { useCache: false });
      const seconds = (performance.now() - t) / 1000;
      const file = await loadDataset(catalogSpec(dataset));
      const p = await predict(model, file, "test", representationOf(architecture));
      const acc = scoredAccuracy(file, "test", p).accuracy;
      let extra = "";
      if (dataset === "plain-clean-32" && head === "integer" && !architecture.includes("hamiltonian") && architecture !== "lyapunov-threshold") {
        const ext = await loadDataset(catalogSpec("extended-clean-32"));
        const q = await predict(model, ext, "test", representationOf(architecture));
        const w = ext.labels("test").winding;
        const by = (x: number) => scoredAccuracy(ext, "test", q, (i) => w[i] === x).accuracy;
        extra = ` | on extended-clean-32: ν=-1 ${by(-1)?.toFixed(3)} ν=2 ${by(2)?.toFixed(3)}`;
        ext.close();
      }
      console.log(`${dataset} ${architecture} ${head}: ${acc?.toFixed(3)} (${seconds.toFixed(1)} s)${extra}`);
      file.close();
      model.dispose();
    }
  }
}
