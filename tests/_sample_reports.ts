// Test helper: a small synthetic reports tree (made-up, deterministic numbers; valid records).
import { createHash } from "node:crypto";
import { join } from "node:path";
import { resolveArchitecture } from "../lib/models/registry.ts";
import { buildLeaderboard } from "../lib/reporting/leaderboard.ts";
import { configHash, recordHash, validateRecord } from "../lib/records/record.ts";
import { buildReport } from "../lib/reporting/report.ts";
import type { Provenance, StudyCell, StudyRecord } from "../lib/records/schema.ts";
import type { RecordStatus } from "../lib/records/record_statuses.ts";
import { writeAtomic } from "../lib/io/mod.ts";
import { profile as profileNamed } from "../lib/studies/profiles.ts";
import { STUDIES } from "../lib/studies/studies.ts";
import { studyRecords } from "../lib/studies/study_records.ts";
import type { Study } from "../lib/studies/study.ts";
import { SUITE_VERSION } from "../lib/version.ts";

/** The older version that `writeSampleReports` adds beside the current one. */
export const SAMPLE_OLD_VERSION = "0.0.1";

const SKILL: Record<string, number> = {
  topo: 0.93,
  "topo-full": 0.9,
  symmetric: 0.86,
  resnet: 0.8,
  cnn: 0.77,
  mlp: 0.72,
};

const PROVENANCE: Provenance = {
  suiteVersion: SUITE_VERSION,
  git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
  deno: "2.9.6",
  v8: "15.0.245.2-rusty",
  typescript: "6.0.3",
  tfjs: "4.22.0",
  backend: "wasm",
  adapter: null,
  cpu: { model: "sample CPU", cores: 2 },
  os: "linux x86_64",
};

/** A deterministic number in [0, 1) from a text (no random draws: the same tree every time). */
function unit(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function sampleMetrics(
  cell: StudyCell,
): { status: RecordStatus; reason?: string; metrics: Record<string, unknown> } {
  const architecture = resolveArchitecture(cell.architecture);
  const skill = SKILL[cell.architecture] ?? 0.7;
  const jitter = (key: string, size = 0.04) =>
    (unit(`${cell.study}/${cell.id}/${key}`) - 0.5) * size;
  const accuracy = (key: string, level = skill) => clamp(level + jitter(key));
  const bins = (count: number, top: number, fall: number, edges?: readonly number[]) =>
    Array.from({ length: count }, (_, k) => ({
      from: edges ? edges[k] : (top * k) / count,
      to: edges ? edges[k + 1] : (top * (k + 1)) / count,
      samples: 100,
      scored: 95,
      accuracy: clamp(accuracy(`bin${k}`) - fall * (k / count) * (1.05 - skill) * 3),
      analyticAccuracy: clamp(accuracy(`analytic${k}`) - fall * (k / count) * (1.05 - skill) * 2),
      ambiguityRate: 0.05,
    }));
  switch (cell.study) {
    case "expressivity":
      return architecture.exactInvariant && cell.init.kind === "exact"
        ? {
          status: "ok",
          metrics: {
            accuracy: 1,
            samples: 500,
            maxInvariantError: 1e-12 * (1 + cell.seed),
            cells: 32,
          },
        }
        : { status: "not-applicable", reason: "no exact weights", metrics: {} };
    case "trainability": {
      const sigma = cell.init.kind === "noise"
        ? cell.init.sigma
        : cell.init.kind === "exact"
        ? 0
        : null;
      const success = sigma === null
        ? (unit(`${cell.id}/s`) < skill ? 1 : 0)
        : (sigma < 0.1 ? 1 : 0);
      const steps = success
        ? Math.round(50 + 400 * (1 - skill) + 200 * unit(`${cell.id}/t`))
        : null;
      const curve = Array.from(
        { length: 6 },
        (
          _,
          k,
        ) => [
          k * 50,
          Math.exp(-k * skill) + 0.05,
          clamp(0.5 + (skill - 0.5) * (k / 5) + jitter(`c${k}`)),
        ],
      );
      const data = /data=([a-z-]+)/.exec(cell.id)?.[1] ?? "clean";
      const ood = success
        ? clamp(0.99 + 0.01 * unit(`${cell.id}/o`))
        : accuracy("ood", skill - 0.2);
      return {
        status: "ok",
        metrics: {
          success,
          trainingData: data,
          oodAccuracy: ood,
          oodAccuracyBySet: Object.fromEntries(cell.testDatasets.map((name) => [name, ood])),
          constantPredictionOn: success || unit(`${cell.id}/k`) < 0.7 ? [] : [cell.testDatasets[0]],
          reachedTarget: steps === null ? 0 : 1,
          stepsToTarget: steps,
          stepsRun: 250,
          finalValidationAccuracy: curve[5][2],
          testAccuracy: accuracy("test"),
          perClassAccuracy: { 0: accuracy("c0"), 1: accuracy("c1") },
          gradientNormAtInit: 1 + unit(`${cell.id}/g`),
          distanceFromExact: architecture.exactInvariant ? (success ? 0.01 : 0.8) : null,
          distanceFromExactAtInit: architecture.exactInvariant ? (sigma ?? 1) : null,
          parameters: 1000 + Math.round(10000 * (1 - skill)),
          curve,
        },
      };
    }
    case "disorder":
      return {
        status: "ok",
        metrics: {
          accuracy: accuracy("a", skill - 0.1),
          samples: 800,
          cleanAccuracy: accuracy("clean"),
          analyticAccuracy: accuracy("analytic", skill - 0.12),
          andersonRegionAccuracy: accuracy("anderson", skill - 0.2),
          bins: bins(8, 8, 1),
          cellsOverXiBins: bins(6, 0, -0.5, [0, 2, 5, 10, 20, 50, 100]),
          cellsOverXiLabelAgreement: [0.7, 0.75, 0.85, 0.95, 1, 1],
          cuts: [0.5, 0.9, 1.1, 1.3].map((v) => ({
            intracell: v,
            dataset: `phase-grid-32-v${String(Math.round(v * 100)).padStart(3, "0")}`,
            criticalDisorder: v < 1 ? [3.9] : [1.7, 3.6],
            bins: bins(8, 8, 1),
            labelAnalyticAgreement: [1, 1, 0.9, 0.6, 0.9, 1, 1, 1],
          })),
        },
      };
    case "gauge": {
      if (cell.representation !== "amplitudes") {
        return {
          status: "not-applicable",
          reason: `${cell.architecture} reads ${cell.representation}`,
          metrics: {},
        };
      }
      const fixed = accuracy("a", skill - 0.1);
      const random = accuracy("r", skill - 0.4);
      const clean = accuracy("clean");
      return {
        status: "ok",
        metrics: {
          accuracy: random,
          fixedGaugeAccuracy: fixed,
          samples: 800,
          cleanAccuracy: clean,
          cleanRandomGaugeAccuracy: accuracy("cr", skill - 0.4),
          changedShare: clamp(fixed - random),
          gaugeShareOfDrop: clean - random < 0.05 ? null : (fixed - random) / (clean - random),
          bins: bins(8, 8, 1),
          fixedGaugeBins: bins(8, 8, 1),
        },
      };
    }
    case "size": {
      if (!architecture.sizeAgnostic) {
        return { status: "not-applicable", reason: "not size-agnostic", metrics: {} };
      }
      const bySize = {
        16: accuracy("16"),
        32: accuracy("32"),
        64: accuracy("64", skill - 0.05),
        128: accuracy("128", skill - 0.1),
      };
      const constant = cell.seed === 2 && cell.architecture === "topo";
      const raw = (bySize[16] + bySize[64] + bySize[128]) / 3;
      return {
        status: "ok",
        metrics: {
          accuracyBySize: constant ? { ...bySize, 128: 0.5 } : bySize,
          constantBySize: { 16: false, 32: false, 64: false, 128: constant },
          samplesBySize: { 16: 500, 32: 500, 64: 500, 128: 500 },
          constantPrediction: constant,
          meanAccuracy: constant ? (bySize[16] + bySize[64]) / 3 : raw,
          rawMeanAccuracy: constant ? (bySize[16] + bySize[64] + 0.5) / 3 : raw,
        },
      };
    }
    case "winding": {
      const unseen = accuracy("unseen", skill - 0.5);
      return {
        status: "ok",
        metrics: {
          accuracyByWinding: {
            "-1": unseen,
            0: accuracy("0"),
            1: accuracy("1"),
            2: accuracy("2", skill - 0.5),
          },
          seenAccuracy: accuracy("seen"),
          unseenAccuracy: unseen,
          head: "integer",
          constantOnUnseen: unseen < 0.3,
          samplesByWinding: { "-1": 400, 0: 400, 1: 400, 2: 400 },
        },
      };
    }
    case "stress":
      return {
        status: "ok",
        metrics: {
          agreement: accuracy("agreement", skill - 0.15),
          samples: 600,
          bins: bins(6, 3, 0.8),
        },
      };
    case "interpretability": {
      if (cell.architecture === "topo") {
        // A first layer of rank 1 (the state weights): nothing to prune.
        return {
          status: "ok",
          metrics: {
            accuracy: accuracy("full"),
            rank2Accuracy: null,
            firstLayerRank: 1,
            pruning: [],
            singularValues: [2],
            edgeShare: null,
            siteProfiles: null,
          },
        };
      }
      const pruning = [1, 2, 4, 8, 16, 64].map((rank) => ({
        rank,
        accuracy: clamp(accuracy(`r${rank}`) - 0.4 / rank),
        samples: 1000,
      }));
      const dense = cell.architecture === "mlp";
      return {
        status: "ok",
        metrics: {
          accuracy: pruning[5].accuracy,
          rank2Accuracy: pruning[1].accuracy,
          firstLayerRank: 64,
          pruning,
          singularValues: [3, 1, 0.5, 0.1],
          edgeShare: dense ? 0.3 + 0.4 * unit(`${cell.id}/e`) : null,
          siteProfiles: dense
            ? [0, 1, 2].map((k) =>
              Array.from({ length: 32 }, (_, c) => (c < 4 || c >= 28 ? (0.2 - 0.05 * k) / 8 : 0))
                .map((x, _c, all) => x + (1 - all.reduce((a, b) => a + b, 0)) / 32)
            )
            : null,
        },
      };
    }
    case "phase-diagram": {
      const columns = [0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5, 1.7, 1.9];
      const rows = 8;
      const grid = (noise: number) =>
        Array.from({ length: rows }, (_, y) =>
          columns.map((v, x) => {
            const w1 = y + 0.5;
            const topological = v < 0.92 + w1 * w1 / 40 && w1 < 4 ? 1 : 0;
            return clamp(topological + noise * (unit(`${cell.id}/${x}/${y}`) - 0.5));
          }));
      return {
        status: "ok",
        metrics: {
          accuracy: accuracy("a", skill - 0.05),
          changedPhaseAccuracy: accuracy("changed", skill - 0.3),
          toTopologicalAccuracy: accuracy("to-topological", skill - 0.3),
          toTopologicalSamples: 60,
          toTrivialAccuracy: accuracy("to-trivial", skill - 0.3),
          toTrivialSamples: 290,
          analyticAgreement: accuracy("b", skill - 0.05),
          finiteSizeCleanBoundary: 0.92,
          maxHalfWidth: 0.05,
          grid: {
            intracell: [0, 2],
            disorder: [0, 8],
            columns,
            rows,
            meanPrediction: grid(2 * (1 - skill)),
            meanInvariant: grid(0),
            meanRealSpaceWinding: grid(0.1),
            samples: grid(0).map((row) => row.map(() => 400)),
            ambiguityRate: grid(0).map((row) => row.map(() => 0.05)),
          },
        },
      };
    }
    // h-lit (issue 14): the literature studies.
    case "literature-cybinski":
    case "literature-cybinski-own-input": {
      if (cell.study === "literature-cybinski" && architecture.exactInvariant) {
        // as the study refuses them: its squared image serves no exact-invariant model
        return { status: "not-applicable", reason: "the protocol's input is squared", metrics: {} };
      }
      const ood = accuracy("ood", skill - 0.1);
      const rmse = clamp(0.5 - ood / 2 + jitter("rmse", 0.1));
      return {
        status: "ok",
        metrics: {
          idAccuracy: accuracy("id"),
          oodAccuracy: ood,
          rmse,
          generalizes: rmse < 0.2,
          epochs: 10,
          recipe: cell.id.includes("recipe=adam") ? "adam" : "theirs",
          input: cell.architecture === "cybinski-cnn" ? "their image [50, 50]" : "squared states",
          accuracyByDisorder: [[0, accuracy("w0")], [5, accuracy("w5", skill - 0.3)]],
        },
      };
    }
    case "literature-holanda": {
      if (cell.architecture !== "holanda-tree" && cell.architecture !== "holanda-forest") {
        return {
          status: "not-applicable",
          reason: "one eigenvector of a periodic chain",
          metrics: {},
        };
      }
      const eigenvectors = 10_000;
      const hamiltonians = 100;
      return {
        status: "ok",
        metrics: {
          model: cell.architecture === "holanda-tree" ? "ssh1" : "ssh2",
          gauge: cell.id.includes("gauge=pinned") ? "pinned" : "solver",
          eigenvectorAccuracy: accuracy("e") - 0.2,
          hamiltonianAccuracy: accuracy("h"),
          eigenvectors,
          eigenvectorsCorrect: Math.round(eigenvectors * (accuracy("e") - 0.2)),
          hamiltonians,
          hamiltoniansCorrect: Math.round(hamiltonians * accuracy("h")),
          testGrid: 120,
          gaplessLeftOut: 20,
          trainHamiltonians: 50,
          trainEigenvectors: 500,
          majorityBaseline: 0.5,
          validationEigenvectorAccuracy: accuracy("ve"),
          validationHamiltonianAccuracy: accuracy("vh"),
        },
      };
    }
    case "literature-holanda-own-input": {
      const tree = cell.architecture === "holanda-tree" || cell.architecture === "holanda-forest";
      const eigenvectors = tree ? 10_000 : null;
      const hamiltonians = 100;
      return {
        status: "ok",
        metrics: {
          model: cell.architecture === "holanda-forest" || cell.id.includes("model=ssh2")
            ? "ssh2"
            : "ssh1",
          gauge: "pinned",
          input: tree ? "one eigenvector [100]" : "the whole ring",
          eigenvectorAccuracy: tree ? accuracy("e") - 0.2 : null,
          hamiltonianAccuracy: accuracy("h"),
          eigenvectors,
          eigenvectorsCorrect: tree ? Math.round(10_000 * (accuracy("e") - 0.2)) : null,
          hamiltonians,
          hamiltoniansCorrect: Math.round(hamiltonians * accuracy("h")),
          testGrid: 120,
          gaplessLeftOut: 20,
          trainHamiltonians: 50,
          trainEigenvectors: tree ? 500 : null,
          majorityBaseline: 0.5,
          validationEigenvectorAccuracy: tree ? accuracy("ve") : null,
          validationHamiltonianAccuracy: accuracy("vh"),
          bandEigenvectorAccuracy: tree ? accuracy("be") - 0.3 : null,
          bandHamiltonianAccuracy: accuracy("bh", skill - 0.1),
          bandHamiltonians: hamiltonians,
          bandHamiltoniansCorrect: Math.round(hamiltonians * accuracy("bh", skill - 0.1)),
          bandMajorityBaseline: 0.5,
        },
      };
    }
    default:
      throw new RangeError(`writeSampleReports: no sample metrics for study "${cell.study}"`);
  }
}

function sampleRecord(cell: StudyCell, version: string): StudyRecord {
  const { status, reason, metrics } = sampleMetrics(cell);
  const partial = {
    schema: "topolearn-record/1" as const,
    suiteVersion: version,
    cell,
    configHash: configHash(cell),
    status,
    ...(reason ? { reason } : {}),
    architectureVersion: resolveArchitecture(cell.architecture).version,
    datasets: [cell.trainDataset, ...cell.testDatasets].filter((d): d is string => d !== null)
      .map((name) => ({ name, hash: createHash("sha256").update(name).digest("hex") })),
    metrics,
    provenance: { ...PROVENANCE, suiteVersion: version },
    timing: {
      startedAt: "2026-01-01T00:00:00.000Z",
      wallSeconds: 1,
      samplesPerSecond: 1000,
      peakMemoryBytes: 2 ** 28,
    },
  };
  return validateRecord({ ...partial, contentHash: recordHash(partial) });
}

/**
 * The sample records of one study: its own `quick` cells (three seeds, noise levels 0, 0.03 and
 * 0.3, every architecture) with made-up metrics, checked against the study's metrics schema (a
 * change there fails here first).
 */
export function sampleStudyRecords(study: Study, version: string = SUITE_VERSION): StudyRecord[] {
  const quick = { ...profileNamed("quick"), seeds: 3, noiseLevels: [0, 0.03, 0.3] };
  // h-lit (issue 14): the literature baselines run only in their own studies; the own-input
  // studies' quick cells are the learnable network's
  const names = study.name.startsWith("literature-")
    ? [...Object.keys(SKILL), "offset-kernel", "cybinski-cnn", "holanda-tree", "holanda-forest"]
    : Object.keys(SKILL);
  const records = study.cells(quick, names, "auto").map((cell) => sampleRecord(cell, version));
  studyRecords(study, records);
  return records;
}

/**
 * Writes a small, complete, synthetic reports tree for tests and the load check: the current
 * suite version with every study of the `quick` profile (three seeds, all architectures),
 * its leaderboards, figures, REPORT.md and one dataset card, and an older version with two
 * studies. The numbers are made up (deterministic), the records valid.
 *
 * @example
 * ```ts ignore
 * await writeSampleReports(await Deno.makeTempDir());
 * ```
 */
export async function writeSampleReports(root: string): Promise<void> {
  for (
    const [version, studies] of [
      [SUITE_VERSION, STUDIES],
      [
        SAMPLE_OLD_VERSION,
        STUDIES.filter((s) => s.name === "disorder" || s.name === "trainability"),
      ],
    ] as const
  ) {
    for (const study of studies) {
      const records = sampleStudyRecords(study, version);
      for (const record of records) {
        const path = join(root, version, "quick", "records", study.name, `${record.cell.id}.json`);
        await writeAtomic(path, JSON.stringify(record, null, 1) + "\n");
      }
      if (version !== SUITE_VERSION) {
        const board = { ...buildLeaderboard(study, records, "quick"), suiteVersion: version };
        await writeAtomic(
          join(root, version, "quick", study.name, "leaderboard.json"),
          JSON.stringify(board, null, 1) + "\n",
        );
      }
    }
  }
  await buildReport("quick", root);
  const cards = join(root, SUITE_VERSION, "datasets");
  await writeAtomic(
    join(cards, "plain-clean-32.md"),
    "# Dataset `plain-clean-32`\n\nA sample card.\n\n![plain-clean-32 phase diagram](plain-clean-32.svg)\n\n<script>alert(1)</script>\n",
  );
  await writeAtomic(
    join(cards, "plain-clean-32.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#2166ac"/></svg>\n',
  );
}
