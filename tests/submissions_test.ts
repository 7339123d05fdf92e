import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { buildReport } from "../lib/reporting/mod.ts";
import { readSubmissionRecords, recordHash } from "../lib/records/mod.ts";
import { verifyRecord } from "../lib/submissions/mod.ts";
import { submit } from "../lib/submissions/mod.ts";
import { profile } from "../lib/studies/mod.ts";
import { runTask } from "./_cli.ts";
import { SUITE_VERSION } from "../lib/version.ts";

const TEMPLATE = "submissions/_template";
const TEMPLATE_MODULE = await Deno.readTextFile(join(TEMPLATE, "architecture.ts"));
const TEMPLATE_INFO = JSON.parse(await Deno.readTextFile(join(TEMPLATE, "info.json")));
const LIMITS = { seconds: 60, memoryBytes: 1536 * 2 ** 20, parameters: 1_000_000 };

/** A submission folder from the template with a new name, edited info and module. */
async function submission(
  name: string,
  edit: { info?: Record<string, unknown> | string | null; module?: string | null } = {},
): Promise<string> {
  const folder = await Deno.makeTempDir({ prefix: `submission-${name}-` });
  if (edit.info !== null) {
    const info = typeof edit.info === "string"
      ? edit.info
      : JSON.stringify({ ...TEMPLATE_INFO, name, ...edit.info });
    await Deno.writeTextFile(join(folder, "info.json"), info);
  }
  if (edit.module !== null) {
    await Deno.writeTextFile(
      join(folder, "architecture.ts"),
      edit.module ?? TEMPLATE_MODULE.replaceAll("template-net", name),
    );
  }
  return folder;
}

/** The template's module with `build` replaced by a body that misbehaves. */
function misbehaving(name: string, body: string, header = ""): string {
  return `${header}
export default {
  name: "${name}", version: "1.0.0", description: "bad", representations: ["projector"], sizeAgnostic: true,
  build(options) { ${body} },
};`;
}

/** Every file under a folder with its SHA-256: to prove nothing was written. */
async function snapshot(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string) => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else {out.push(
          `${child} ${createHash("sha256").update(await Deno.readFile(child)).digest("hex")}`,
        );}
    }
  };
  await walk(root).catch(() => {});
  return out.sort();
}

async function withRoot(use: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "reports-" });
  // A published board must survive every rejection byte for byte.
  await Deno.mkdir(join(root, SUITE_VERSION, "tiny"), { recursive: true });
  await Deno.writeTextFile(join(root, SUITE_VERSION, "tiny", "REPORT.md"), "# existing board\n");
  try {
    await use(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function assertRejected(
  folder: string,
  root: string,
  message: RegExp,
  limits = LIMITS,
  studies = ["trainability"],
): Promise<void> {
  const before = await snapshot(root);
  await assert.rejects(
    () => submit(folder, { profile: profile("tiny"), studies, root, limits }),
    (error: Error) => {
      assert.match(error.message, message, error.message);
      return true;
    },
  );
  assert.deepEqual(await snapshot(root), before, `${folder}: something was written under reports/`);
}

Deno.test("bad submissions are rejected with what and where, and nothing is written", async () => {
  await withRoot(async (root) => {
    const cases: Array<[string, Promise<string>, RegExp, typeof LIMITS?]> = [
      ["missing info.json", submission("no-info", { info: null }), /info.json is missing/],
      [
        "malformed info.json",
        submission("bad-json", { info: "{ not json" }),
        /info.json: not valid JSON/,
      ],
      [
        "a bad field",
        submission("bad-field", { info: { license: "" } }),
        /info.json: license: .*at least 1/,
      ],
      [
        "a built-in name",
        submission("mlp", {}),
        /info.json: name "mlp" is a built-in architecture/,
      ],
      [
        "no contract",
        submission("no-contract", { module: "export default 42;" }),
        /no-contract, cell trainability\/.*does not implement the contract: no default export/,
      ],
      [
        "a builder that throws",
        submission("throws", { module: misbehaving("throws", 'throw new Error("boom");') }),
        /throws, cell .*build\(\) threw: boom/,
      ],
      [
        "the wrong output shape",
        submission("shape", {
          module: misbehaving(
            "shape",
            "return { variables: [], parameterCount: () => 0, apply: (x) => tf.zeros([x.shape[0], 3]), dispose() {} };",
            'import { tf } from "topolearn/contract";',
          ),
        }),
        /apply\(\) returned shape \[2,3\] for inputs \[2, 32,32\]; expected \[2, 2\]/,
      ],
      [
        "NaN logits",
        submission("nan", {
          module: misbehaving(
            "nan",
            "return { variables: [], parameterCount: () => 0, apply: (x) => tf.fill([x.shape[0], 2], NaN), dispose() {} };",
            'import { tf } from "topolearn/contract";',
          ),
        }),
        /non-finite logits/,
      ],
      [
        "no return",
        submission("loops", { module: misbehaving("loops", "while (true) {}") }),
        /loops, cell .*time limit: the cell ran longer than 8 s/,
        { ...LIMITS, seconds: 8 },
      ],
      [
        "unbounded memory",
        submission("hog", {
          module: misbehaving(
            "hog",
            "const hoard = []; while (true) hoard.push(new Float64Array(1 << 20).fill(1));",
          ),
        }),
        /hog, cell .*memory limit/,
        { ...LIMITS, memoryBytes: 768 * 2 ** 20 },
      ],
      [
        "the network",
        submission("net", {
          module: misbehaving("net", "", 'await fetch("http://127.0.0.1:65500/");'),
        }),
        /net, cell .*denied net access/,
      ],
      [
        "a file write",
        submission("writer", {
          module: misbehaving(
            "writer",
            "",
            'Deno.writeTextFileSync("/tmp/topolearn-escape", "x");',
          ),
        }),
        /writer, cell .*denied write access/,
      ],
      [
        "an environment read",
        submission("env", { module: misbehaving("env", "", 'Deno.env.get("HOME");') }),
        /env, cell .*denied env access/,
      ],
      [
        "a subprocess",
        submission("spawn", {
          module: misbehaving("spawn", "", 'new Deno.Command("/bin/true").outputSync();'),
        }),
        /spawn, cell .*denied run access/,
      ],
      [
        "a comma in the folder's path (permission-list injection)",
        (async () => {
          const parent = await Deno.makeTempDir({ prefix: "submission-comma-" });
          const folder = join(parent, "y", ",", "etc");
          await Deno.mkdir(folder, { recursive: true });
          const source = await submission("comma", {
            module: misbehaving("comma", "", 'Deno.readTextFileSync("/etc/passwd");'),
          });
          for (const name of ["info.json", "architecture.ts"]) {
            await Deno.copyFile(join(source, name), join(folder, name));
          }
          return folder;
        })(),
        /comma, cell .*denied read access/,
      ],
      [
        "a timer that would overflow",
        submission("late", {}),
        /seconds must be an integer in \[1, 86400\]: received 2147484/,
        { ...LIMITS, seconds: 2147484 },
      ],
      [
        "no memory at all",
        submission("starved", {}),
        /memoryBytes must be an integer in \[268435456, \d+\]: received 0/,
        { ...LIMITS, memoryBytes: 0 },
      ],
      [
        "too many parameters",
        submission("big", {}),
        /big, cell .*the model has 20 parameters; the limit is 10/,
        { ...LIMITS, parameters: 10 },
      ],
    ];
    for (const [label, folder, message, limits] of cases) {
      await assertRejected(await folder, root, message, limits).catch((error) => {
        throw new Error(`${label}: ${error.message}`);
      });
    }
  });
});

Deno.test("a child that floods its output cannot grow the parent's memory", async () => {
  await withRoot(async (root) => {
    const flood = "const chunk = new Uint8Array(1 << 20).fill(65);" +
      "for (let i = 0; i < 512; i++) { Deno.stderr.writeSync(chunk); Deno.stdout.writeSync(chunk); }";
    const folder = await submission("flood", {
      module: misbehaving("flood", 'throw new Error("after the flood");', flood),
    });
    // The stress study stages little (one training set, one test set: ~50 MB, where the
    // trainability cell's five test sets take ~250 MB that the parent's RSS would count), and the
    // same rejection without the flood runs first: what the parent allocates once (the datasets'
    // verification, the backend, the plan) is not counted as the flood's.
    const studies = ["stress"];
    const quiet = await submission("flood", {
      module: misbehaving("flood", 'throw new Error("after the flood");'),
    });
    await assertRejected(
      quiet,
      root,
      /flood, cell .*build\(\) threw: after the flood/,
      LIMITS,
      studies,
    );
    const before = Deno.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 20);
    try {
      // 512 MiB on each stream: the parent keeps the last MiB of each and still finds the error.
      await assertRejected(
        folder,
        root,
        /flood, cell .*(build\(\) threw: after the flood|no result|frame)/,
        LIMITS,
        studies,
      );
    } finally {
      clearInterval(sampler);
    }
    assert(
      peak - before < 256 * 2 ** 20,
      `the parent grew by ${((peak - before) / 2 ** 20).toFixed(0)} MiB under a 1 GiB flood`,
    );
  });
});

Deno.test("the template runs end to end, joins the boards and the built site as a community entry, and verifies", async () => {
  await withRoot(async (root) => {
    const folder = await submission("community-net");
    const records = await submit(folder, { profile: profile("tiny"), root, limits: LIMITS });
    assert(records.length >= 8);
    assert(records.every((record) => record.submission?.name === "community-net"));
    const published = join(root, SUITE_VERSION, "submissions", "community-net");
    assert.equal(
      await Deno.readTextFile(join(published, "source", "architecture.ts")),
      await Deno.readTextFile(join(folder, "architecture.ts")),
    );
    assert.equal((await readSubmissionRecords("tiny", root)).length, records.length);
    const boards = await buildReport("tiny", root);
    const trainability = boards.find((board) => board.study === "trainability")!;
    const entry = trainability.entries.find((e) => e.architecture === "community-net")!;
    assert.equal(entry.community, true);
    // And from the records alone, in a process where the submission's architecture is not
    // registered (as `deno task report build` runs after a submission): no board may need it.
    const report = await runTask("report", ["build", "--profile", "tiny", "--root", root]);
    assert.equal(report.code, 0, report.stderr);
    const winding = JSON.parse(
      await Deno.readTextFile(join(root, SUITE_VERSION, "tiny", "winding", "leaderboard.json")),
    );
    assert(
      winding.entries.some((e: { architecture: string }) => e.architecture === "community-net"),
    );
    // The real `deno task site:build` exports the board with the entry marked as community.
    const site = await Deno.makeTempDir({ prefix: "topolearn-site-" });
    try {
      const build = await runTask("site:build", ["--root", root, "--out", site]);
      assert.equal(build.code, 0, build.stderr);
      const page = await Deno.readTextFile(join(site, "v", SUITE_VERSION, "tiny", "index.html"));
      const row = /<tr[^>]*data-architecture="community-net"[^>]*>[\s\S]*?<\/tr>/.exec(page);
      assert(row, "no community-net row on the exported tiny board");
      assert.match(row[0], /class="badge community"/);
      // Numbers the parent cannot check are badged as the child's own.
      assert.match(row[0], /class="badge self-reported"/);
      const home = await Deno.readTextFile(join(site, "index.html"));
      assert.match(home, /data-architecture="community-net"/);
    } finally {
      await Deno.remove(site, { recursive: true });
    }
    // A second submission under the same name is refused.
    await assertRejected(
      await submission("community-net"),
      root,
      /name "community-net" is already taken/,
    );
    // Verification re-runs the published code in the sandbox and agrees.
    const path = join(
      published,
      "tiny",
      "records",
      "trainability",
      `${records.find((r) => r.cell.study === "trainability")!.cell.id}.json`,
    );
    assert.deepEqual((await verifyRecord(resolve(path))).differences, []);
    // A forged record dropped in by hand — with a recomputed content hash — fails verification.
    const forged = JSON.parse(await Deno.readTextFile(path));
    forged.metrics.testAccuracy = 1;
    forged.metrics.success = 1;
    forged.contentHash = recordHash(forged);
    await Deno.writeTextFile(path, JSON.stringify(forged));
    const { differences } = await verifyRecord(resolve(path));
    assert(
      differences.some((difference) => difference.startsWith("metrics.testAccuracy")),
      differences.join("; "),
    );
  });
});
