// The studies, driven by `deno bench`: one Deno.bench per study cell (n: 1, warmup: 0: a cell
// is a whole training run), grouped by study, then the report and a summary table.
//
//   deno task bench [--profile quick|standard|full] [--study S]... [--arch A]... [--backend B]
//                   [--shard k/n] [--root DIR] [--fresh]
//
// --fresh retrains the models that cells share instead of loading them from .cache/models;
// --study none runs no study (the micro-benchmarks in the other bench files only).
//
// Records are written as cells complete; an interrupted run resumes (cells whose record, same
// config hash, exists are skipped).
import { FLAGS as flags } from "./_args.ts";
import { buildReport } from "../lib/reporting/mod.ts";
import { runOrResume } from "../lib/studies/mod.ts";
import { selectBackend } from "../lib/tensor/mod.ts";

const backend = flags.backend;
const root = flags.root;
// Planned from the options (`--study none`: none, micro-benchmarks only).
const planned = flags.planned;
const began = performance.now();
let done = 0;
let ran = 0;
let ranSeconds = 0;

function log(line: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(line + "\n"));
}

/** Deno.bench may call a function more than once even with n: 1; each step runs once. */
function runOnce(step: () => Promise<void>): () => Promise<void> {
  let run: Promise<void> | null = null;
  return async () => {
    await (run ??= step()); // an async function: Deno.bench awaits only those
  };
}

async function prepare(): Promise<void> {
  const info = await selectBackend(backend);
  const adapter = info.adapter ? ` (${info.adapter.description})` : "";
  const shard = flags.shard ? `, shard ${flags.shard}` : "";
  log(
    `backend ${info.backend}${adapter}; ${planned.length} cells, profile ${flags.profile.name}${shard}`,
  );
}

Deno.bench({
  name: `select backend (${backend})`,
  group: "studies: setup",
  n: 1,
  warmup: 0,
  fn: runOnce(prepare),
});

for (const cell of planned) {
  const step = async () => {
    const start = performance.now();
    const { skipped } = await runOrResume(cell, root, !flags.fresh);
    done++;
    if (!skipped) {
      ran++;
      ranSeconds += (performance.now() - start) / 1000;
    }
    const elapsed = ((performance.now() - began) / 1000).toFixed(0);
    const left = (ran ? (ranSeconds / ran) * (planned.length - done) : 0).toFixed(0);
    const note = skipped ? " (record exists: skipped)" : "";
    log(
      `cell ${done}/${planned.length} ${cell.study.name}/${cell.cell.id}${note}  elapsed ${elapsed} s, ~${left} s left`,
    );
  };
  Deno.bench({
    name: `${cell.study.name}/${cell.cell.id}`,
    group: `study: ${cell.study.name}`,
    n: 1,
    warmup: 0,
    fn: runOnce(step),
  });
}

async function writeReport(): Promise<void> {
  if (flags.shard) return; // a shard writes records only; `deno task report merge` builds the report
  const boards = await buildReport(flags.profile.name, root);
  const rows = boards.map((board) => {
    // rank 1 may be shared (entries whose 95% intervals overlap the best one's)
    const leaders = board.entries.filter((entry) => entry.rank === 1).map((entry) =>
      `${entry.architecture} ${entry.mean.toFixed(3)}${
        entry.interval && entry.values.length > 1
          ? ` [${entry.interval[0].toFixed(3)}, ${entry.interval[1].toFixed(3)}]`
          : ""
      }`
    );
    return `| ${board.study} | ${board.rankingRule.metric} | ${leaders.join(", ") || "—"} |`;
  });
  log(
    [
      "",
      "| study | metric | rank 1 (mean over seeds and draws [95% interval]) |",
      "| --- | --- | --- |",
      ...rows,
      "",
    ].join(
      "\n",
    ),
  );
}

Deno.bench({
  name: "report: leaderboards, figures, REPORT.md",
  group: "studies: report",
  n: 1,
  warmup: 0,
  fn: runOnce(writeReport),
});
