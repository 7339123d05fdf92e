// Key findings are computed from the boards: every number quoted is a board's mean or interval.
import assert from "node:assert/strict";
import {
  buildLeaderboard,
  entryInterval,
  keyFindings,
  type Leaderboard,
} from "../lib/reporting/mod.ts";
import { formatMetric as formatMetricForTest } from "../lib/studies/format_metric.ts";
import { sampleStudyRecords } from "./_sample_reports.ts";
import { STUDIES } from "../lib/studies/studies.ts";
import { studyRecords } from "../lib/studies/study_records.ts";

const BOARDS = STUDIES.map((study) => ({
  study,
  records: sampleStudyRecords(study).filter((record) => record.cell.profile === "quick"),
}));
const LEADERBOARDS: Leaderboard[] = BOARDS.map(({ study, records }) =>
  buildLeaderboard(study, records, "quick")
);
const FIGURES = BOARDS.map(({ study, records }) => ({
  study: study.name,
  figures: study.figures(studyRecords(study, records)),
}));
const RECORDS = BOARDS.flatMap(({ records }) => records);

Deno.test("key findings: three or four sentences whose numbers are the boards' own", () => {
  const { findings } = keyFindings(LEADERBOARDS, FIGURES, RECORDS);
  assert(findings.length >= 3 && findings.length <= 4, `${findings.length} findings`);
  for (const finding of findings) {
    const board = LEADERBOARDS.find((entry) => entry.study === finding.study)!;
    assert(finding.quoted.length >= 1);
    for (const quoted of finding.quoted) {
      const entry = board.entries.find((e) => e.architecture === quoted.architecture)!;
      assert.equal(quoted.mean, entry.mean);
      assert.deepEqual(quoted.interval, entryInterval(entry));
      assert(finding.text.includes(formatMetricForTest(entry.mean)), finding.text);
      if (quoted.interval) {
        assert(
          finding.text.includes(
            `95% CI ${formatMetricForTest(quoted.interval[0])}–${
              formatMetricForTest(quoted.interval[1])
            }`,
          ),
          finding.text,
        );
      }
    }
  }
  // The expressivity check (all perfect) separates nothing and is not a finding.
  assert(!findings.some((finding) => finding.study === "expressivity"));
});

Deno.test("key findings: a board's own interval wins over the bootstrap; shared ranks are said", () => {
  const board = LEADERBOARDS.find((entry) => entry.study === "disorder")!;
  const [first, second, ...rest] = board.entries;
  const shared: Leaderboard = {
    ...board,
    entries: [
      { ...first, rank: 1, interval: [0.1, 0.9] } as typeof first,
      { ...second, rank: 1, interval: [0.2, 0.8] } as typeof second,
      ...rest,
    ],
  };
  const { findings } = keyFindings([shared], []);
  assert.match(findings[0].text, /95% CI 0\.100–0\.900/);
  assert.match(findings[0].text, /rank 1 shared by 2 models/);
});

Deno.test("key findings: a baseline is quoted against the best learned model", () => {
  const board = LEADERBOARDS.find((entry) => entry.study === "disorder")!;
  const last = board.entries[board.entries.length - 1];
  const withBaseline: Leaderboard = {
    ...board,
    entries: [
      ...board.entries.slice(0, -1),
      { ...last, architecture: "edge-threshold", badges: ["baseline"] },
    ],
  };
  const [finding] = keyFindings([withBaseline], []).findings;
  assert.match(finding.text, /the best baseline, edge-threshold/);
  assert.equal(finding.quoted[1].architecture, "edge-threshold");
});

Deno.test("key findings: the hero is the best learned model's phase diagram", () => {
  const { hero } = keyFindings(LEADERBOARDS, FIGURES, RECORDS);
  assert(hero, "no hero");
  assert.equal(hero.study, "phase-diagram");
  const best = LEADERBOARDS.find((board) => board.study === "phase-diagram")!.entries[0];
  assert.equal(hero.figure.kind, "heatmap");
  assert(hero.figure.heatmap?.overlays?.length);
  assert.match(hero.figure.id, new RegExp(`(^|-)${best.architecture}-(?!full)`));
  assert.equal(keyFindings(LEADERBOARDS, []).hero, null);
  assert.throws(() => keyFindings(LEADERBOARDS, [], [], 0), RangeError);
});
