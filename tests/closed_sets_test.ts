// Each closed set (backends, profiles, representations, init kinds, optimizers, statuses, splits,
// chain models) is one `as const` list: the zod schemas accept exactly it, and every command
// refuses a name outside it at the edge, with a message listing the set, before any work.
import assert from "node:assert/strict";
import { join } from "node:path";
import { CHAIN_MODELS, REPRESENTATIONS, SPLITS } from "../lib/data/mod.ts";
import { HEADS, INIT_KINDS } from "../lib/models/mod.ts";
import {
  cellSchema,
  PROFILE_NAMES,
  provenanceSchema,
  RECORD_STATUSES,
  recordSchema,
  recordsDir,
  SUBMISSION_TRACKS,
} from "../lib/records/mod.ts";
import { submissionInfoSchema } from "../lib/submissions/info.ts";
import { profile } from "../lib/studies/mod.ts";
import { BACKEND_CHOICES, BACKENDS } from "../lib/tensor/backends.ts";
import { OPTIMIZER_KINDS } from "../lib/train/mod.ts";
import { main as report } from "../lib/cli/report.ts";
import { main as submit } from "../lib/cli/submit.ts";
import { main as train } from "../lib/cli/train.ts";
import { main as verify } from "../lib/cli/verify.ts";
import { PUBLISHED_VERSION } from "./_published.ts";
import { runTask } from "./_cli.ts";

Deno.test("the schemas accept exactly the closed sets", () => {
  assert.deepEqual(provenanceSchema.shape.backend.options, [...BACKENDS]);
  assert.deepEqual(cellSchema.shape.backend.options, [...BACKEND_CHOICES]);
  assert.deepEqual(cellSchema.shape.profile.options, [...PROFILE_NAMES]);
  assert.deepEqual(cellSchema.shape.representation.options, [...REPRESENTATIONS]);
  assert.deepEqual(
    cellSchema.shape.init.options.map((option) => option.shape.kind.value),
    [...INIT_KINDS],
  );
  assert.deepEqual(cellSchema.shape.head.unwrap().options, [...HEADS]);
  assert.deepEqual(recordSchema.shape.status.options, [...RECORD_STATUSES]);
  assert.deepEqual(
    submissionInfoSchema.innerType().shape.representations.element.options,
    [...REPRESENTATIONS],
  );
  assert.deepEqual(
    submissionInfoSchema.innerType().shape.track.removeDefault().options,
    [...SUBMISSION_TRACKS],
  );
  assert.deepEqual(submissionInfoSchema.innerType().shape.output.unwrap().options, [...HEADS]);
  assert.deepEqual(BACKEND_CHOICES, ["auto", ...BACKENDS]);
  assert.deepEqual(OPTIMIZER_KINDS, ["adam", "sgd"]);
  assert.deepEqual(SPLITS, ["train", "validation", "test"]);
  assert.deepEqual(CHAIN_MODELS, ["plain", "extended"]);
  for (const name of PROFILE_NAMES) assert.equal(profile(name).name, name);
});

Deno.test("a record with a backend outside the set is refused", async () => {
  const folder = join("reports", PUBLISHED_VERSION, "standard", "records", "disorder");
  const [file] = [...Deno.readDirSync(folder)].filter((entry) => entry.name.endsWith(".json"));
  const record = JSON.parse(await Deno.readTextFile(join(folder, file.name)));
  assert(recordSchema.safeParse(record).success);
  const bad = { ...record, cell: { ...record.cell, backend: "gpu" } };
  const parsed = recordSchema.safeParse(bad);
  assert(!parsed.success);
  assert.match(parsed.error.issues[0].message, /'auto' \| 'webgpu' \| 'wasm' \| 'cpu'/);
});

Deno.test("records are laid out in one place; no path travels in a name", () => {
  assert.equal(
    recordsDir("tiny", "r", "0.2.0", "my-net"),
    join("r", "0.2.0", "submissions", "my-net", "tiny", "records"),
  );
  assert.throws(() => recordsDir("tiny", "r", "0.2.0", "../x"), /one folder name/);
  assert.throws(() => recordsDir("tiny", "r", "0.2.0", "a/b"), /one folder name/);
  assert.throws(
    () => recordsDir(join("submissions", "x", "tiny") as never, "r"),
    /Unknown profile .*: expected one of tiny, quick, standard, full/,
  );
});

/** Runs a command's `main` in-process; returns its exit code and what it printed to stderr. */
async function capture(main: (args: string[]) => Promise<number>, args: string[]) {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    return { code: await main(args), stderr: lines.join("\n") };
  } finally {
    console.error = original;
  }
}

Deno.test("commands refuse a name outside a closed set, listing the set, before any work", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const base = ["--arch", "mlp", "--dataset", "plain-clean-32", "--cache", empty, "--steps", "0"];
    const cases: Array<[(args: string[]) => Promise<number>, string[], RegExp]> = [
      [train, [...base, "--backend", "gpu"], /--backend must be one of auto, webgpu, wasm, cpu/],
      [train, [...base, "--init", "warm"], /--init must be one of random, exact, noise=σ/],
      [
        train,
        [...base, "--representation", "image"],
        /--representation must be one of hamiltonian, amplitudes, projector, band: received "image"/,
      ],
      [train, [...base, "--optimizer", "lion"], /--optimizer must be one of adam, sgd/],
      [train, [...base, "--head", "ordinal"], /--head must be one of class, integer/],
      [verify, ["missing.json", "--backend", "auto"], /--backend must be one of webgpu, wasm, cpu/],
      [
        report,
        ["build", "--profile", "huge", "--root", empty],
        /Unknown profile "huge": expected one of tiny, quick, standard, full/,
      ],
      [
        report,
        ["merge", join(empty, "missing"), "--profile", "huge", "--root", empty],
        /Unknown profile "huge"/,
      ],
      [submit, [join(empty, "missing"), "--profile", "huge"], /Unknown profile "huge"/],
    ];
    for (const [main, args, message] of cases) {
      const { code, stderr } = await capture(main, args);
      assert.equal(code, 2, `${args}: exit ${code}: ${stderr}`);
      assert.match(stderr, message);
    }
    // Nothing was built, cached or written.
    assert.deepEqual([...Deno.readDirSync(empty)], []);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("bench: an unknown profile stops the run before any benchmark, listing the set", async () => {
  const { code, stdout, stderr } = await runTask("bench", ["--profile", "huge", "--study", "none"]);
  assert.equal(code, 2, stderr);
  assert.match(stderr, /Unknown profile "huge": expected one of tiny, quick, standard, full/);
  assert.doesNotMatch(stdout, /benchmark/i);
});
