import type { StudyCell } from "../records/schema.ts";
import {
  learningRateOf,
  profileSeeds,
  PROTOCOL_PROFILES,
  PROTOCOL_SEEDS,
  PROTOCOL_STEPS,
  protocolCell,
} from "./_cells.ts";
import {
  comparisonTable,
  CYBINSKI_OWN_INPUT_STUDY,
  type CybinskiMetrics,
  cybinskiMetrics,
  oodByNetworkFigure,
  RECIPES,
  runCybinski,
  THEIR_WARMUP_UPDATES,
} from "./literature_cybinski.ts";
import type { Study } from "./study.ts";

/** The architectures of the literature protocols themselves (their CNN runs here at their budget). */
const LITERATURE = ["cybinski-cnn", "holanda-tree", "holanda-forest"];

/**
 * Cybiński et al.'s protocol read two more ways, beside the published reproduction
 * (`literature-cybinski`), so that its numbers can be explained and every architecture is run on
 * it:
 * - their CNN on their image with their recipe at their number of updates (the cell variant
 *   `budget=theirs`: no early stop before their 9,400-update warm-up, then their patience), the
 *   measured reason why the published cells, ~360 updates, stay at chance (standard only: the
 *   full profile trains their 100 CNNs with their whole recipe already);
 * - every suite architecture on the same chains, split and metric, reading them in its own
 *   representation (the one its cells read in the suite's datasets: signed amplitudes in the
 *   suite's gauge, Q_AB, the band of Q_AB or the hoppings), with the suite's Adam recipe (at most
 *   2 seeds × 500 steps, its own head): the exact-invariant, proxy and oracle entries that the
 *   squared image cannot serve.
 *
 * The board ranks every entry by out-of-distribution accuracy on their phase diagram; the table
 * sets their numbers beside each entry's.
 */
export const literatureCybinskiOwnInput: Study<CybinskiMetrics> = {
  name: CYBINSKI_OWN_INPUT_STUDY,
  title:
    "Against the literature: Cybiński et al.'s chains, their CNN at their budget and every architecture in its own input",
  question: "Trained for their 9,400 updates, does their CNN reach their out-of-distribution " +
    "accuracy (mean 0.662), and which architecture, reading their chains in its own input, " +
    "generalizes to their disordered phase diagram?",
  ranking: {
    metric: "oodAccuracy",
    higherIsBetter: true,
    description:
      "out-of-distribution accuracy on the phase diagram v × W ∈ [0, 5], mean over networks",
  },
  metrics: cybinskiMetrics,
  figures: (records) => [oodByNetworkFigure(records, "cybinski-own-input-ood-by-network")],
  tables: (records) => [comparisonTable(records)],
  cells: (profile, architectures, backend) => {
    const every = PROTOCOL_PROFILES.includes(profile.name);
    const cells: StudyCell[] = [];
    for (const name of architectures) {
      if (name === "cybinski-cnn") {
        if (profile.name !== "standard") continue;
        for (let seed = 0; seed < RECIPES.standard.networks; seed++) {
          const cell = protocolCell(
            CYBINSKI_OWN_INPUT_STUDY,
            profile,
            name,
            seed,
            backend,
            "budget=theirs",
          );
          // steps: their warm-up in updates (the run adds at most their patience of 10 epochs)
          cells.push({ ...cell, steps: THEIR_WARMUP_UPDATES, learningRate: 1e-4, batchSize: 64 });
        }
        continue;
      }
      if (LITERATURE.includes(name)) continue;
      if (!every && name !== "offset-kernel") continue;
      const seeds = profileSeeds(profile).slice(0, every ? PROTOCOL_SEEDS : 1);
      for (const seed of seeds) {
        const cell = protocolCell(CYBINSKI_OWN_INPUT_STUDY, profile, name, seed, backend);
        cells.push({
          ...cell,
          steps: Math.min(profile.steps, PROTOCOL_STEPS),
          learningRate: learningRateOf(name),
        });
      }
    }
    return cells;
  },
  run: (cell) => runCybinski(cell),
};
