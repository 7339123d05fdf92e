/**
 * Issue 14: is the gap between the suite's reproduction of Cybiński et al. (their CNN, their SGD
 * recipe: in-distribution accuracy 0.5, out-of-distribution 0.489 on the standard profile) and
 * theirs (0.662) the training budget? The standard cells stop after at most 15 epochs of the
 * standard training set (~360 updates); they allow no stop before 100 epochs of theirs, 9,400
 * updates. This trains their CNN with their recipe on the standard set for their warm-up in
 * updates (the `budget=theirs` cell variant: 392 epochs of 24 batches, then their patience of 10
 * epochs, and no more than those 10: a cap of ours) and scores it their way. The cells run through the study's own `run`, so the numbers
 * are those a board would hold.
 *
 * ```sh
 * deno run -A examples/cybinski_budget_experiment.ts --seeds 0,1 --out /tmp/cybinski-budget.json
 * ```
 *
 * Options: `--seeds a,b,…` (default 0), `--out FILE` (the records as JSON, one per seed).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { writeAtomic } from "../lib/io/mod.ts";
import { planCells, profile, runCell, selectStudies } from "../lib/studies/mod.ts";
import { selectBackend } from "../lib/tensor/mod.ts";

const args = parseArgs({
  options: {
    seeds: { type: "string", default: "0" },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.values.help) {
  console.log(
    "Usage: deno run -A examples/cybinski_budget_experiment.ts [--seeds 0,1] [--out FILE]",
  );
  Deno.exit(0);
}
const seeds = args.values.seeds.split(",").map(Number);
if (seeds.some((seed) => !Number.isSafeInteger(seed) || seed < 0)) {
  throw new RangeError(`--seeds must be non-negative integers: received "${args.values.seeds}"`);
}
await selectBackend("wasm");
const [study] = selectStudies(["literature-cybinski"]);
const standard = profile("standard");
const records = [];
for (const seed of seeds) {
  // The standard cell of this seed (their recipe), as the variant `budget=theirs`.
  const standardCell = planCells({
    profile: standard,
    studies: [study.name],
    architectures: ["cybinski-cnn"],
    backend: "wasm",
  }).find(({ cell }) => cell.id === `cybinski-cnn.seed=${seed}.init=random`)?.cell;
  if (!standardCell) {
    throw new RangeError(`seed ${seed}: the standard profile trains seeds 0-3 of cybinski-cnn`);
  }
  const cell = { ...standardCell, id: `${standardCell.id}.budget=theirs` };
  const began = performance.now();
  console.error(`seed ${seed}: training (their warm-up in updates; ~20 min on one core here)`);
  const record = await runCell(study, cell, false);
  const m = record.metrics as Record<string, number>;
  console.error(
    `seed ${seed}: ${m.epochs} epochs, in-distribution ${m.idAccuracy.toFixed(3)}, ` +
      `out of distribution ${m.oodAccuracy.toFixed(3)}, RMSE ${m.rmse.toFixed(3)} ` +
      `(${((performance.now() - began) / 1000).toFixed(0)} s)`,
  );
  records.push(record);
}
if (args.values.out) {
  await writeAtomic(args.values.out, JSON.stringify(records, null, 1) + "\n");
}
