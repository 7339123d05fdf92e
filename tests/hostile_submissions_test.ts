// Hostile submissions (issue 15), each a folder under tests/hostile/: every one is refused, or
// accepted with metrics that are the parent's and honest; reports/ (the real one and the test's
// own) stays byte-identical after every refusal.
import assert from "node:assert/strict";
import { treeDigests } from "./_tree_digests.ts";
import { join, resolve } from "node:path";
import type { StudyRecord } from "../lib/records/mod.ts";
import { type SandboxLimits, submit, verifyRecord } from "../lib/submissions/mod.ts";
import { SELF_REPORTED } from "../lib/submissions/sandbox.ts";
import { profile } from "../lib/studies/mod.ts";
import { SUITE_VERSION } from "../lib/version.ts";
import { runTask } from "./_cli.ts";

const LIMITS: SandboxLimits = { seconds: 120, memoryBytes: 1536 * 2 ** 20, parameters: 1_000_000 };
const MiB = 2 ** 20;

/** A fresh copy of a fixture, optionally under a given folder path. */
async function fixture(name: string, folder?: string): Promise<string> {
  const target = folder ?? await Deno.makeTempDir({ prefix: `hostile-${name}-` });
  await Deno.mkdir(target, { recursive: true });
  for (const file of ["info.json", "architecture.ts"]) {
    await Deno.copyFile(join("tests/hostile", name, file), join(target, file));
  }
  return target;
}

const REAL_REPORTS = await treeDigests("reports");

async function withRoot<T>(use: (root: string) => Promise<T>): Promise<T> {
  const root = await Deno.makeTempDir({ prefix: "reports-" });
  await Deno.mkdir(join(root, SUITE_VERSION, "tiny"), { recursive: true });
  await Deno.writeTextFile(join(root, SUITE_VERSION, "tiny", "REPORT.md"), "# existing board\n");
  try {
    return await use(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

function evaluate(folder: string, root: string, limits = LIMITS): Promise<StudyRecord[]> {
  return submit(folder, { profile: profile("tiny"), studies: ["trainability"], root, limits });
}

async function assertRefused(
  folder: string,
  root: string,
  message: RegExp,
  limits = LIMITS,
): Promise<void> {
  const before = await treeDigests(root);
  await assert.rejects(() => evaluate(folder, root, limits), (error: Error) => {
    assert.match(error.message, message, error.message);
    return true;
  });
  assert.deepEqual(await treeDigests(root), before, `${folder}: something was written`);
  assert.deepEqual(await treeDigests("reports"), REAL_REPORTS, `${folder}: reports/ changed`);
}

/**
 * The peak resident memory (VmHWM) of any sandbox child seen while `during` runs, sampled by a
 * shell every 10 ms (Deno grants /proc only with --allow-all).
 */
async function childPeak(during: Promise<unknown>): Promise<number> {
  const sampler = new Deno.Command("/bin/sh", {
    args: [
      "-c",
      // "[d]" keeps the sampler's own command line from matching.
      String.raw`while :; do
        for f in $(grep -l "_sandbox_chil[d].ts" /proc/[0-9]*/cmdline 2>/dev/null); do
          grep VmHWM "$(dirname "$f")/status" 2>/dev/null
        done; sleep 0.01; done`,
    ],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const text = new Response(sampler.stdout).text();
  try {
    await during;
  } finally {
    sampler.kill("SIGKILL");
  }
  const values = [...(await text).matchAll(/VmHWM:\s*(\d+)\s*kB/g)].map((m) => Number(m[1]));
  await sampler.status;
  return Math.max(0, ...values) * 1024;
}

Deno.test("hostile submissions that cannot be scored honestly are refused, and nothing is written", async () => {
  await withRoot(async (root) => {
    const cases: Array<[string, Promise<string>, RegExp, SandboxLimits?]> = [
      // The old child printed its own result line; now stdout carries frames, and stray bytes
      // there break the channel: the submission is refused, nothing it says is a metric.
      ["forge-import-time", fixture("forge-import-time"), /a frame header|not JSON|frame/],
      ["lookup-table", fixture("lookup-table"), /build\(\) threw: .*denied|denied read access/],
      [
        "comma-path",
        (async () => {
          const parent = await Deno.makeTempDir({ prefix: "hostile-comma-" });
          return fixture("comma-path", join(parent, "y", ",", "etc"));
        })(),
        /hostile-comma-path, cell .*denied read access/,
      ],
      [
        "nan-except-probe",
        fixture("nan-except-probe"),
        // The parent refuses non-finite logits; the child's own loop may stop on the NaN loss first.
        /validation logits at step 0: non-finite|training diverged: the loss is NaN at step 0/,
      ],
      [
        "timeout overflow",
        fixture("forge-console-log"),
        /seconds must be an integer in \[1, 86400\]: received 2147484/,
        { ...LIMITS, seconds: 2147484 },
      ],
      [
        "no memory",
        fixture("forge-console-log"),
        /memoryBytes must be an integer in \[268435456, \d+\]: received 0/,
        { ...LIMITS, memoryBytes: 0 },
      ],
    ];
    for (const [label, folder, message, limits] of cases) {
      await assertRefused(await folder, root, message, limits).catch((error) => {
        throw new Error(`${label}: ${error.message}`);
      });
    }
  });
});

Deno.test("a slow ArrayBuffer memory bomb is killed below 1.1x the memory limit", async () => {
  await withRoot(async (root) => {
    const limits = { ...LIMITS, memoryBytes: 512 * MiB };
    const folder = await fixture("memory-bomb");
    const peak = await childPeak(
      assertRefused(folder, root, /hostile-memory-bomb, cell .*memory limit/, limits),
    );
    assert(peak > 0, "the sampler never saw the sandbox child");
    assert(
      peak <= 1.1 * limits.memoryBytes,
      `the child peaked at ${(peak / MiB).toFixed(0)} MiB under a 512 MiB limit`,
    );
    console.error(`memory bomb: child peak ${(peak / MiB).toFixed(0)} MiB, limit 512 MiB`);
  });
});

Deno.test("a 2 GiB stderr flood leaves the parent's memory bounded", async () => {
  await withRoot(async (root) => {
    const folder = await fixture("stderr-flood");
    const before = Deno.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 20);
    try {
      await assertRefused(folder, root, /hostile-stderr-flood, cell .*after the flood/);
    } finally {
      clearInterval(sampler);
    }
    const grown = (peak - before) / MiB;
    console.error(`stderr flood: parent grew by ${grown.toFixed(0)} MiB under 2 GiB`);
    assert(grown < 128, `the parent grew by ${grown.toFixed(0)} MiB under a 2 GiB flood`);
  });
});

Deno.test("forgeries that run are scored by the parent: their metrics equal an honest twin's", async () => {
  await withRoot(async (root) => {
    const [honest] = await evaluate(await fixture("honest"), root);
    assert.equal(honest.status, "ok");
    const honestMetrics = honest.metrics as Record<string, unknown>;
    assert((honestMetrics.testAccuracy as number) < 0.99, "the honest twin is not perfect");
    assert.deepEqual(honest.submission?.selfReported, [...SELF_REPORTED]);
    for (const name of ["forge-console-log", "argmax-kernel"]) {
      const [record] = await evaluate(await fixture(name), root);
      assert.deepEqual(
        record.metrics,
        honest.metrics,
        `${name}: metrics differ from the honest twin's`,
      );
    }
    // A parameter count the parent cannot check is published as the child says, and badged.
    const [lie] = await evaluate(await fixture("parameter-lie"), root);
    const { parameters, ...rest } = lie.metrics as Record<string, unknown>;
    assert.equal(parameters, 3);
    const { parameters: _, ...honestRest } = honestMetrics;
    assert.deepEqual(rest, honestRest);
    assert(lie.submission?.selfReported?.includes("parameters"));
    // verify re-runs the child and recomputes every metric in the parent.
    const path = join(
      root,
      SUITE_VERSION,
      "submissions",
      "hostile-forge-console-log",
      "tiny",
      "records",
      "trainability",
      `${honest.cell.id.replace("hostile-honest", "hostile-forge-console-log")}.json`,
    );
    assert.deepEqual((await verifyRecord(resolve(path))).differences, []);
  });
});

Deno.test("the submit command refuses --timeout 2147484 and --memory 0 before any work", async () => {
  const folder = await fixture("honest");
  for (
    const [flag, value, message] of [
      ["--timeout", "2147484", /seconds must be an integer in \[1, 86400\]: received 2147484/],
      ["--memory", "0", /memoryBytes must be an integer in \[268435456, \d+\]: received 0/],
    ] as const
  ) {
    const result = await runTask("submit", [folder, flag, value]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, message, result.stderr);
  }
  assert.deepEqual(await treeDigests("reports"), REAL_REPORTS);
});
