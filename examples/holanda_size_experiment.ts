/**
 * Issue 14: is the gap between the suite's reproduction of Holanda & Griffith and theirs the size
 * of the training set? The standard cells train on 120 Hamiltonians × 10 eigenvectors (1,200
 * samples); they train on 556 × 100 (SSH1) and 2,761 × 100 (SSH2), which `ml-cart` cannot fit
 * here in useful time (a tree's fit grows about quadratically: 6 s at 1,200 rows, 100 s at 5,560).
 * This runs the study's own cells with larger training sets (the `train=H` and `eigenvectors=E`
 * cell variants: nested sets, the first Hamiltonians and their picks shared, the same 400 test
 * Hamiltonians) and prints the learning curve with Wilson 95% intervals over the test samples.
 *
 * ```sh
 * deno run -A examples/holanda_size_experiment.ts --model tree --sizes 120,240,480 --out /tmp/h.json
 * ```
 *
 * Options: `--model tree|forest` (SSH1 tree or SSH2 forest), `--sizes H,…` (Hamiltonians,
 * default 120,240,480), `--eigenvectors E` (per Hamiltonian, default 10), `--gauge
 * solver|pinned` (default pinned), `--seed S` (0), `--out FILE` (the records as JSON).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { writeAtomic } from "../lib/io/mod.ts";
import { planCells, profile, runCell, selectStudies, wilsonInterval } from "../lib/studies/mod.ts";

const args = parseArgs({
  options: {
    model: { type: "string", default: "tree" },
    sizes: { type: "string", default: "120,240,480" },
    eigenvectors: { type: "string", default: "10" },
    gauge: { type: "string", default: "pinned" },
    seed: { type: "string", default: "0" },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.values.help) {
  console.log(
    "Usage: deno run -A examples/holanda_size_experiment.ts [--model tree|forest] [--sizes 120,240] [--eigenvectors 10] [--gauge solver|pinned] [--seed 0] [--out FILE]",
  );
  Deno.exit(0);
}
const { model, gauge } = args.values;
if (model !== "tree" && model !== "forest") {
  throw new RangeError(`--model must be tree or forest: received "${model}"`);
}
if (gauge !== "solver" && gauge !== "pinned") {
  throw new RangeError(`--gauge must be solver or pinned: received "${gauge}"`);
}
const sizes = args.values.sizes.split(",").map(Number);
const seed = Number(args.values.seed);
const [study] = selectStudies(["literature-holanda"]);
const records = [];
for (const size of sizes) {
  const extra = [
    gauge === "pinned" ? "gauge=pinned" : "",
    `train=${size}`,
    `eigenvectors=${args.values.eigenvectors}`,
  ].filter(Boolean).join(".");
  // The standard cell of this seed, as the variant with this training size.
  const standardCell = planCells({
    profile: profile("standard"),
    studies: [study.name],
    architectures: [`holanda-${model}`],
    backend: "wasm",
  }).find(({ cell }) => cell.id === `holanda-${model}.seed=${seed}.init=random`)?.cell;
  if (!standardCell) throw new RangeError(`--seed ${seed}: the standard profile runs seeds 0-9`);
  const cell = { ...standardCell, id: `${standardCell.id}.${extra}` };
  const began = performance.now();
  const record = await runCell(study, cell, false);
  const m = record.metrics as Record<string, number>;
  const show = (correct: number, total: number) => {
    const [low, high] = wilsonInterval(correct, total)!;
    return `${(correct / total).toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`;
  };
  console.log(
    `${model} ${gauge} ${size} × ${args.values.eigenvectors} (${m.trainEigenvectors} rows): ` +
      `eigenvector ${show(m.eigenvectorsCorrect, m.eigenvectors)}, ` +
      `vote ${show(m.hamiltoniansCorrect, m.hamiltonians)}, ` +
      `${((performance.now() - began) / 1000).toFixed(0)} s`,
  );
  records.push(record);
}
if (args.values.out) {
  await writeAtomic(args.values.out, JSON.stringify(records, null, 1) + "\n");
}
