// The claims of the source paper (PHYSICS.md §5) and the suite's own findings, each with a
// verdict computed from one version's boards and records by a rule stated beside it.
import {
  bootstrapInterval,
  type Interval,
  wilsonInterval,
} from "../studies/confidence_interval.ts";
import { formatMetric } from "../studies/format_metric.ts";
import type { StudyRecord } from "../records/schema.ts";
import type { Leaderboard, LeaderboardEntry } from "./leaderboard.ts";
import { CYBINSKI_OWN_INPUT_STUDY, CYBINSKI_PUBLISHED } from "../studies/literature_cybinski.ts";
import { HOLANDA_OWN_INPUT_STUDY, HOLANDA_PUBLISHED } from "../studies/literature_holanda.ts";

/** The verdicts a claim can get (a closed set). */
export const VERDICTS = ["supported", "not supported", "mixed", "not measured"] as const;

/** One verdict of {@linkcode VERDICTS}. */
export type Verdict = typeof VERDICTS[number];

/** A claim, its verdict, the numbers behind it and the rule that turned them into the verdict. */
export interface ClaimVerdict {
  /** `paper`: a claim of Oriekhov et al. (arXiv:2509.26261); `suite`: found by this suite. */
  readonly source: "paper" | "suite";
  readonly claim: string;
  readonly verdict: Verdict;
  /** The numbers, with their 95% intervals and counts. */
  readonly evidence: string;
  /** The rule, in words. */
  readonly rule: string;
  /** The studies whose boards or records the evidence comes from. */
  readonly studies: readonly string[];
}

/** What the claims read: one version and profile's boards (by study) and records. */
export interface ClaimInputs {
  readonly boards: ReadonlyMap<string, Leaderboard>;
  readonly records: readonly StudyRecord[];
}

/**
 * The suite's own architecture for the invariant (issue 13 §4): its claim is judged beside the
 * paper's.
 */
export const SUITE_ARCHITECTURE = "offset-kernel";

/** Architectures the paper calls generic or symmetry-informed (learned, not exact-invariant). */
const GENERIC = ["mlp", "cnn", "resnet", "symmetric"];

/** The mean, its 95% interval and the count of a list of values (`null` for none). */
interface Estimate {
  readonly mean: number;
  readonly interval: Interval | null;
  readonly n: number;
}

/**
 * The mean with its 95% interval: for a success rate (`rate`, values 0 or 1) the Wilson interval
 * over the runs, so that 0 of 10 is [0, 0.28] and not a certain 0; else the bootstrap interval.
 */
function estimate(values: readonly number[], rate = false): Estimate | null {
  if (!values.length) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  if (rate && values.some((value) => value !== 0 && value !== 1)) {
    throw new RangeError(`a success rate needs values 0 or 1, got [${values.join(", ")}]`);
  }
  return {
    mean: sum / values.length,
    interval: rate
      ? wilsonInterval(sum, values.length)
      : values.length > 1
      ? bootstrapInterval(values)
      : null,
    n: values.length,
  };
}

function entryEstimate(entry: LeaderboardEntry): Estimate {
  return { mean: entry.mean, interval: entry.interval, n: entry.values.length };
}

/** `0.93 (95% CI 0.91–0.95, n 10)`, or `0.93 (n 1, no interval)`. */
function show(value: Estimate): string {
  return value.interval
    ? `${formatMetric(value.mean)} (95% CI ${formatMetric(value.interval[0])}–${
      formatMetric(value.interval[1])
    }, n ${value.n})`
    : `${formatMetric(value.mean)} (n ${value.n}, no interval)`;
}

const low = (value: Estimate) => value.interval?.[0] ?? value.mean;
const high = (value: Estimate) => value.interval?.[1] ?? value.mean;

function metricValues(
  records: readonly StudyRecord[],
  study: string,
  metric: string,
  keep: (record: StudyRecord) => boolean = () => true,
): number[] {
  return records
    .filter((record) => record.cell.study === study && record.status === "ok" && keep(record))
    .map((record) => record.metrics[metric])
    .filter((value): value is number => typeof value === "number");
}

function notMeasured(
  source: ClaimVerdict["source"],
  claim: string,
  rule: string,
  studies: string[],
  what: string,
): ClaimVerdict {
  return {
    source,
    claim,
    verdict: "not measured",
    evidence: `no ${what} in these records`,
    rule,
    studies,
  };
}

function expressivityClaim({ boards }: ClaimInputs): ClaimVerdict {
  const claim =
    "A tensor network expresses the real-space winding number exactly: at its exact parameters it classifies with near-perfect precision.";
  const rule =
    "supported when every exact-invariant architecture's accuracy at exact weights has its 95% CI lower bound ≥ 0.99; not supported when any mean is below 0.9; mixed otherwise.";
  const entries = (boards.get("expressivity")?.entries ?? []).filter((entry) =>
    entry.exactInvariant
  );
  if (!entries.length) {
    return notMeasured("paper", claim, rule, ["expressivity"], "exact-invariant entry");
  }
  const shown = entries.map((entry) => ({ name: entry.architecture, value: entryEstimate(entry) }));
  const verdict: Verdict = shown.every(({ value }) => low(value) >= 0.99)
    ? "supported"
    : shown.some(({ value }) => value.mean < 0.9)
    ? "not supported"
    : "mixed";
  return {
    source: "paper",
    claim,
    verdict,
    evidence: shown.map(({ name, value }) => `${name} at exact weights: accuracy ${show(value)}`)
      .join("; "),
    rule,
    studies: ["expressivity"],
  };
}

function trainabilityClaim({ records }: ClaimInputs): ClaimVerdict {
  const claim =
    "Trained from generic initializations the exact-invariant network is hard to train and sensitive to its initialization.";
  const rule =
    "hard to train: topo's success rate from a random init (full budget, the invariant learned out of distribution) has its 95% CI upper bound < 0.5; sensitive: the success rate from the exact weights plus the smallest noise σ > 0 exceeds that at the largest σ by ≥ 0.5. Both: supported; neither: not supported; one: mixed.";
  const success = (keep: (record: StudyRecord) => boolean) =>
    estimate(metricValues(records, "trainability", "success", keep), true);
  const isTopo = (record: StudyRecord) => record.cell.architecture === "topo";
  const random = success((record) => isTopo(record) && record.cell.init.kind === "random");
  const sigmas = [
    ...new Set(
      records.filter((record) =>
        record.cell.study === "trainability" && isTopo(record) && record.cell.init.kind === "noise"
      ).map((record) => (record.cell.init as { sigma: number }).sigma),
    ),
  ].filter((sigma) => sigma > 0).sort((a, b) => a - b);
  if (!random) return notMeasured("paper", claim, rule, ["trainability"], "random-init topo run");
  const bySigma = (sigma: number) =>
    success((record) =>
      isTopo(record) && record.cell.init.kind === "noise" &&
      (record.cell.init as { sigma: number }).sigma === sigma
    );
  const smallest = sigmas.length ? bySigma(sigmas[0]) : null;
  const largest = sigmas.length > 1 ? bySigma(sigmas[sigmas.length - 1]) : null;
  const hard = high(random) < 0.5;
  const sensitive = smallest !== null && largest !== null && smallest.mean - largest.mean >= 0.5;
  const verdict: Verdict = hard && sensitive
    ? "supported"
    : !hard && !sensitive
    ? "not supported"
    : "mixed";
  return {
    source: "paper",
    claim,
    verdict,
    evidence: [
      `topo from a random init: success rate ${show(random)}`,
      ...(smallest && largest
        ? [
          `from exact weights + noise σ = ${sigmas[0]}: ${show(smallest)}, σ = ${
            sigmas[sigmas.length - 1]
          }: ${show(largest)}`,
        ]
        : ["no noise sweep"]),
    ].join("; "),
    rule,
    studies: ["trainability"],
  };
}

function proxyClaim({ records }: ClaimInputs): ClaimVerdict {
  const claim =
    "Generic and symmetry-informed networks reach high accuracy in distribution, but often by dataset proxies (edge-state features) rather than the invariant.";
  const rule =
    "supported when the generic networks' in-distribution test accuracy (clean training data) is ≥ 0.95, a single edge-amplitude threshold scores ≥ 0.99 on the same test set, and the networks' success rate at learning the invariant (out of distribution) is < 0.5; not supported when that success rate is ≥ 0.9; mixed otherwise.";
  const generic = (record: StudyRecord) =>
    GENERIC.includes(record.cell.architecture) && record.cell.init.kind === "random" &&
    (record.metrics.trainingData === undefined || record.metrics.trainingData === "clean");
  const inDistribution = estimate(metricValues(records, "trainability", "testAccuracy", generic));
  const learned = estimate(metricValues(records, "trainability", "success", generic), true);
  const proxy = estimate(
    metricValues(
      records,
      "trainability",
      "testAccuracy",
      (record) =>
        record.cell.architecture === "edge-threshold" &&
        (record.metrics.trainingData === undefined || record.metrics.trainingData === "clean"),
    ),
  ) ?? estimate(
    metricValues(
      records,
      "expressivity",
      "accuracy",
      (record) =>
        record.cell.architecture === "edge-threshold" &&
        (record.cell.testDatasets ?? []).includes("plain-clean-32"),
    ),
  );
  if (!inDistribution || !learned) {
    return notMeasured("paper", claim, rule, ["trainability"], "generic-network run");
  }
  const verdict: Verdict = learned.mean >= 0.9
    ? "not supported"
    : inDistribution.mean >= 0.95 && proxy !== null && proxy.mean >= 0.99 && learned.mean < 0.5
    ? "supported"
    : "mixed";
  return {
    source: "paper",
    claim,
    verdict,
    evidence: [
      `generic networks in distribution: accuracy ${show(inDistribution)}`,
      proxy ? `edge-amplitude threshold: ${show(proxy)}` : "no edge-threshold baseline",
      `their success at learning the invariant: ${show(learned)}`,
    ].join("; "),
    rule,
    studies: ["trainability", "expressivity"],
  };
}

function disorderClaim({ records }: ClaimInputs): ClaimVerdict {
  const claim = "Disorder erodes correlation-based learning.";
  const rule =
    "per generic network and seed, the drop from its clean test accuracy to its accuracy on disordered chains (label from the invariant); supported when the mean drop is ≥ 0.05 with its 95% CI above 0; not supported when the CI reaches below 0.02; mixed otherwise.";
  const drops = records
    .filter((record) =>
      record.cell.study === "disorder" && record.status === "ok" &&
      GENERIC.includes(record.cell.architecture) && record.cell.init.kind === "random"
    )
    .map((record) => [record.metrics.cleanAccuracy, record.metrics.accuracy])
    .filter((pair): pair is [number, number] => pair.every((value) => typeof value === "number"))
    .map(([clean, disordered]) => clean - disordered);
  const drop = estimate(drops);
  if (!drop) return notMeasured("paper", claim, rule, ["disorder"], "generic-network disorder run");
  const verdict: Verdict = drop.mean >= 0.05 && low(drop) > 0
    ? "supported"
    : low(drop) < 0.02
    ? "not supported"
    : "mixed";
  return {
    source: "paper",
    claim,
    verdict,
    evidence: `accuracy drop from clean to disordered chains, generic networks: ${show(drop)}`,
    rule,
    studies: ["disorder"],
  };
}

function gaugeClaim({ records }: ClaimInputs): ClaimVerdict {
  const claim =
    "The 0.2.0 boards' disorder drop of the generic networks was largely an artifact of the eigenvectors' sign, not of the physics.";
  const rule =
    "per generic network and seed (gauge study: trained on clean chains in the fixed gauge, tested on plain-disorder-32 in that gauge and with each eigenvector's sign drawn at random, the most a free gauge can scramble; 0.2.0's solver flipped 24% of the states at W1 = 1e-6), the gauge's share of the drop, (fixed − random) / (clean − random), runs with a random-sign drop below 0.05 left out; a random sign on every state bounds the 0.2.0 artifact from above, so the share is an upper bound; supported when the mean share's 95% CI lies above 0.5, not supported when it lies below 0.5, mixed otherwise.";
  const runs = records.filter((record) =>
    record.cell.study === "gauge" && record.status === "ok" &&
    GENERIC.includes(record.cell.architecture) && record.cell.init.kind === "random"
  );
  const values = (metric: (m: Record<string, unknown>) => unknown) =>
    runs.map((record) => metric(record.metrics)).filter((value): value is number =>
      typeof value === "number"
    );
  const share = estimate(values((m) => m.gaugeShareOfDrop));
  if (!share) return notMeasured("suite", claim, rule, ["gauge"], "generic-network gauge run");
  const drop = (to: string) =>
    estimate(values((m) => {
      const clean = m.cleanAccuracy, other = m[to];
      return typeof clean === "number" && typeof other === "number" ? clean - other : null;
    }));
  const fixedDrop = drop("fixedGaugeAccuracy");
  const randomDrop = drop("accuracy");
  // The weakest-disorder bin of W1, as the study bins it.
  type Bin = { readonly to: number; readonly accuracy: number | null };
  const firstBin = (m: Record<string, unknown>, key: string) => (m[key] as Bin[] | undefined)?.[0];
  const weak = (key: string) => estimate(values((m) => firstBin(m, key)?.accuracy ?? null));
  const weakFixed = weak("fixedGaugeBins");
  const weakRandom = weak("bins");
  const weakEdge = runs.length ? firstBin(runs[0].metrics, "bins")?.to : undefined;
  const verdict: Verdict = low(share) > 0.5
    ? "supported"
    : high(share) < 0.5
    ? "not supported"
    : "mixed";
  return {
    source: "suite",
    claim,
    verdict,
    evidence: [
      `gauge share of the drop ${show(share)}`,
      randomDrop ? `drop with random signs ${show(randomDrop)}` : "",
      fixedDrop ? `with the gauge fixed ${show(fixedDrop)}` : "",
      weakFixed && weakRandom
        ? `at W1 < ${weakEdge}: ${show(weakFixed)} fixed, ${show(weakRandom)} random`
        : "",
    ].filter((part) => part).join("; "),
    rule,
    studies: ["gauge"],
  };
}

function learnableClaim({ boards }: ClaimInputs, architecture: string): ClaimVerdict {
  const claim =
    `An architecture built from locality, translation equivariance, gauge invariance and an integer head (${architecture}) learns the invariant from a random init on clean {0, 1} chains and carries it to disorder, other sizes and unseen windings.`;
  const rule =
    "supported when its 95% CI lower bound is ≥ 0.99 on the disorder, size and winding boards; not supported when any mean is below 0.9; mixed otherwise.";
  const studies = ["disorder", "size", "winding"];
  const shown = studies.map((study) => ({
    study,
    entry: boards.get(study)?.entries.find((entry) => entry.architecture === architecture),
  }));
  if (shown.every(({ entry }) => !entry)) {
    return notMeasured("suite", claim, rule, studies, `${architecture} entry`);
  }
  const values = shown.map(({ study, entry }) => ({
    study,
    value: entry ? entryEstimate(entry) : null,
  }));
  const verdict: Verdict = values.every(({ value }) => value && low(value) >= 0.99)
    ? "supported"
    : values.some(({ value }) => value && value.mean < 0.9)
    ? "not supported"
    : "mixed";
  return {
    source: "suite",
    claim,
    verdict,
    evidence: values.map(({ study, value }) =>
      `${study}: ${value ? show(value) : "not on the board"}`
    ).join("; "),
    rule,
    studies,
  };
}

/** Cybiński et al.'s mean out-of-distribution accuracy over 100 CNNs (MLST 2025). */
const CYBINSKI_OOD_MEAN = CYBINSKI_PUBLISHED.oodMean;

function cybinskiBudgetClaim({ records }: ClaimInputs): ClaimVerdict {
  const claim =
    `The published reproduction of Cybiński et al. falls short of their out-of-distribution accuracy (mean ${CYBINSKI_OOD_MEAN} over 100 CNNs) for its budget: their CNN, trained with their recipe for their 9,400 updates instead of ~360, reaches it.`;
  const rule =
    `supported when the 95% CI of the mean out-of-distribution accuracy of their CNN at their budget (literature-cybinski-own-input, budget=theirs) reaches ${CYBINSKI_OOD_MEAN} (its upper bound at or above it) and that of the published cells with their recipe (literature-cybinski) lies below it; not supported when the first lies entirely below ${CYBINSKI_OOD_MEAN}; mixed otherwise.`;
  const studies = ["literature-cybinski", CYBINSKI_OWN_INPUT_STUDY];
  const theirCnn = (record: StudyRecord) =>
    record.cell.architecture === "cybinski-cnn" && !record.cell.id.includes("recipe=adam");
  const budget = estimate(
    metricValues(records, CYBINSKI_OWN_INPUT_STUDY, "oodAccuracy", theirCnn),
  );
  if (!budget) {
    return notMeasured("suite", claim, rule, studies, "run of their CNN at their budget");
  }
  const published = estimate(metricValues(records, "literature-cybinski", "oodAccuracy", theirCnn));
  const verdict: Verdict = high(budget) < CYBINSKI_OOD_MEAN
    ? "not supported"
    : published && high(published) < CYBINSKI_OOD_MEAN
    ? "supported"
    : "mixed";
  return {
    source: "suite",
    claim,
    verdict,
    evidence: [
      `their CNN at their budget ${show(budget)}`,
      published ? `in the published cells (~360 updates) ${show(published)}` : "",
      `theirs ${CYBINSKI_OOD_MEAN}`,
    ].filter((part) => part).join("; "),
    rule,
    studies,
  };
}

/** Holanda & Griffith's models and test accuracies (PRB 2020): eigenvector level and vote. */
const HOLANDA = {
  ssh1: { model: "holanda-tree", ...HOLANDA_PUBLISHED.ssh1 },
  ssh2: { model: "holanda-forest", ...HOLANDA_PUBLISHED.ssh2 },
} as const;

function holandaGapClaim({ records }: ClaimInputs): ClaimVerdict {
  const claim =
    "The published reproduction of Holanda & Griffith falls short of their accuracies for its test band (ours holds 585 SSH1 and 1,847 SSH2 grid points, theirs 1,005 and 1,040) and its smaller training sets: scored on a test set of their size (the grid points nearest the transitions), their trees trained on more eigenvectors reach them.";
  const rule =
    "supported when, on the test set of their size, the upper bound of the 95% CI of the mean over runs of the trees on the larger training sets (literature-holanda-own-input) reaches their eigenvector-level and vote accuracy on both SSH1 and SSH2; not supported when it reaches neither on either model; mixed otherwise; not measured unless both models have runs.";
  const study = HOLANDA_OWN_INPUT_STUDY;
  const parts = (["ssh1", "ssh2"] as const).map((model) => {
    const { model: name, eigenvector, hamiltonian: vote } = HOLANDA[model];
    const keep = (record: StudyRecord) => record.cell.architecture === name;
    return {
      model,
      theirs: { eigenvector, vote },
      eigenvector: estimate(metricValues(records, study, "eigenvectorAccuracy", keep)),
      vote: estimate(metricValues(records, study, "hamiltonianAccuracy", keep)),
      band: estimate(metricValues(records, study, "bandEigenvectorAccuracy", keep)),
    };
  });
  if (parts.some((part) => !part.vote || !part.eigenvector)) {
    return notMeasured(
      "suite",
      claim,
      rule,
      [study],
      "runs of both models on the test set of their size",
    );
  }
  const reached = parts.flatMap((part) => [
    part.eigenvector ? high(part.eigenvector) >= part.theirs.eigenvector : false,
    part.vote ? high(part.vote) >= part.theirs.vote : false,
  ]);
  const verdict: Verdict = reached.every(Boolean)
    ? "supported"
    : reached.some(Boolean)
    ? "mixed"
    : "not supported";
  return {
    source: "suite",
    claim,
    verdict,
    evidence: parts.filter((part) => part.vote).map((part) =>
      `${part.model.toUpperCase()} ${HOLANDA[part.model].model}: eigenvector level ${
        part.eigenvector ? show(part.eigenvector) : "n/a"
      }, vote ${show(part.vote!)} (theirs ${formatMetric(part.theirs.eigenvector)}, ${
        formatMetric(part.theirs.vote)
      })${part.band ? `; eigenvector level on our ε band ${show(part.band)}` : ""}`
    ).join("; "),
    rule,
    studies: [study],
  };
}

/**
 * The verdicts on the paper's four claims (PHYSICS.md §5), where `learnable` names an
 * architecture on the suite's own claim that it learns the invariant from scratch, and on the
 * suite's findings about the 0.2.0 sign gauge (the gauge study) and about the literature
 * reproductions (why ours differ from theirs, measured by the own-input studies) — each from
 * the boards and records of one version and profile, by the rule written beside it, with the
 * numbers and their 95% intervals. A claim without the records it needs is `not measured`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paperClaims } from "./paper_claims.ts";
 *
 * const verdicts = paperClaims({ boards: new Map(), records: [] });
 * assert.equal(verdicts.length, 7);
 * assert(verdicts.every((claim) => claim.verdict === "not measured"));
 * ```
 */
export function paperClaims(inputs: ClaimInputs, learnable?: string): ClaimVerdict[] {
  return [
    expressivityClaim(inputs),
    trainabilityClaim(inputs),
    proxyClaim(inputs),
    disorderClaim(inputs),
    ...(learnable ? [learnableClaim(inputs, learnable)] : []),
    gaugeClaim(inputs),
    cybinskiBudgetClaim(inputs),
    holandaGapClaim(inputs),
  ];
}
