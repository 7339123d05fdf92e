import assert from "node:assert/strict";
import {
  batches,
  buildDataset,
  catalogSpec,
  DatasetFile,
  DatasetIntegrityError,
  datasetSpec,
  type DatasetSpecInput,
  loadDataset,
  PARAMETER_NAMES,
  siteMoment,
  summarize,
  ZERO_MODE_TOLERANCE,
} from "../lib/data/mod.ts";
import {
  centralCells,
  chainFactors,
  projectorWinding,
  realSpaceWinding,
} from "../lib/invariants/mod.ts";
import { type Hoppings, sshChain } from "../lib/lattice/mod.ts";
import pins from "../lib/data/catalog_hashes.json" with { type: "json" };

const SPECS: Record<string, DatasetSpecInput> = {
  disordered: {
    name: "test-disorder",
    model: "plain",
    cells: 16,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    disorder: { intracell: { min: 0, max: 6 }, intercellRatio: 0.5 },
    splits: { train: 40, validation: 10, test: 14 },
    seed: 5,
  },
  extended: {
    name: "test-extended",
    model: "extended",
    cells: 16,
    minGap: 0.3,
    splits: { train: 16, validation: 4, test: 4 },
    seed: 6,
  },
  onsite: {
    name: "test-onsite",
    model: "plain",
    cells: 12,
    intracell: { min: 0, max: 2 },
    intercell: 1,
    disorder: { onsite: { min: 0, max: 2 } },
    splits: { train: 10, validation: 0, test: 6 },
    balance: false,
    seed: 7,
  },
};

async function build(input: DatasetSpecInput, workers: number, chunkSize = 7): Promise<Uint8Array> {
  const path = await Deno.makeTempFile({ suffix: ".tlds" });
  try {
    await buildDataset(datasetSpec(input), path, { workers, chunkSize });
    return await Deno.readFile(path);
  } finally {
    await Deno.remove(path);
  }
}

Deno.test("datasets are byte-identical across builds, worker counts and chunk sizes", async () => {
  for (const [label, input] of Object.entries(SPECS)) {
    const reference = await build(input, 1);
    assert.deepEqual(await build(input, 1), reference, `${label}: second build`);
    assert.deepEqual(await build(input, 2, 5), reference, `${label}: two workers`);
  }
});

Deno.test("the catalog's smallest set reproduces its pinned hash", async () => {
  const path = await Deno.makeTempFile({ suffix: ".tlds" });
  try {
    const header = await buildDataset(catalogSpec("plain-clean-16"), path);
    assert.equal(header.hash, (pins as Record<string, string>)["plain-clean-16"]);
  } finally {
    await Deno.remove(path);
  }
});

async function withDataset<T>(input: DatasetSpecInput, use: (file: DatasetFile) => T): Promise<T> {
  const path = await Deno.makeTempFile({ suffix: ".tlds" });
  await buildDataset(datasetSpec(input), path, { workers: 1 });
  const file = await DatasetFile.open(path);
  try {
    return use(file);
  } finally {
    file.close();
    await Deno.remove(path);
  }
}

Deno.test("labels agree with realSpaceWinding of the public API, rebuilt from the stored parameters", async () => {
  for (const input of Object.values(SPECS)) {
    await withDataset(input, (file) => {
      const spec = file.spec;
      for (const split of ["train", "test"] as const) {
        const labels = file.labels(split);
        for (let i = 0; i < labels.winding.length; i++) {
          const p = (name: string) =>
            labels.parameters[i * PARAMETER_NAMES.length + PARAMETER_NAMES.indexOf(name as never)];
          const hoppings: Record<number, number> = spec.model === "plain"
            ? { 0: p("t0"), 1: p("t1") }
            : { [-1]: p("t-1"), 0: p("t0"), 1: p("t1"), 2: p("t2") };
          const chain = sshChain({
            cells: spec.cells,
            hoppings: hoppings as Hoppings,
            disorder: {
              intracell: p("intracellDisorder"),
              intercell: p("intercellDisorder"),
              onsite: p("onsiteDisorder"),
            },
            seed: p("disorderSeed"),
          });
          const nu = realSpaceWinding(chain);
          assert(
            Math.abs(nu - labels.realSpaceWinding[i]) < 1e-9,
            `${spec.name} ${split} ${i}: ${nu}`,
          );
          assert.equal(labels.winding[i], Math.round(nu) + 0);
          assert.equal(!!labels.ambiguous[i], Math.abs(nu - Math.round(nu)) > 0.2);
        }
      }
    });
  }
});

function chainOf(file: DatasetFile, split: "train" | "test", i: number) {
  const spec = file.spec;
  const labels = file.labels(split);
  const p = (name: string) =>
    labels.parameters[i * PARAMETER_NAMES.length + PARAMETER_NAMES.indexOf(name as never)];
  const hoppings: Record<number, number> = spec.model === "plain"
    ? { 0: p("t0"), 1: p("t1") }
    : { [-1]: p("t-1"), 0: p("t0"), 1: p("t1"), 2: p("t2") };
  return sshChain({
    cells: spec.cells,
    hoppings: hoppings as Hoppings,
    disorder: {
      intracell: p("intracellDisorder"),
      intercell: p("intercellDisorder"),
      onsite: p("onsiteDisorder"),
    },
    seed: p("disorderSeed"),
  });
}

Deno.test("amplitudes reproduce Q_AB and the RSWN to float32 precision, in the site-moment/1 gauge", async () => {
  let edgeBlocks = 0;
  for (const input of [SPECS.disordered, SPECS.extended]) {
    await withDataset(input, (file) => {
      const cells = file.spec.cells;
      const sites = 2 * cells;
      const count = file.spec.splits.train;
      const indices = Array.from({ length: count }, (_, i) => i);
      const amplitudes = file.readSamples("train", "amplitudes", indices);
      const projectors = file.readSamples("train", "projector", indices);
      const labels = file.labels("train");
      const centre = centralCells(cells, 0.25, file.spec.model === "plain" ? 1 : 2);
      for (let s = 0; s < count; s++) {
        const psi = amplitudes.subarray(s * cells * sites, (s + 1) * cells * sites);
        const q = new Float64Array(cells * cells);
        for (let k = 0; k < cells; k++) {
          for (let j = 0; j < cells; j++) {
            for (let i = 0; i < cells; i++) {
              q[j * cells + i] += 2 * psi[k * sites + 2 * j] * psi[k * sites + 2 * i + 1];
            }
          }
        }
        const stored = projectors.subarray(s * cells * cells, (s + 1) * cells * cells);
        let worst = 0;
        for (let x = 0; x < q.length; x++) worst = Math.max(worst, Math.abs(q[x] - stored[x]));
        assert(worst < 2e-6, `sample ${s}: |Q(amplitudes) − projector| = ${worst}`);
        const nu = projectorWinding(q, cells, centre);
        assert(Math.abs(nu - labels.realSpaceWinding[s]) < 1e-4, `sample ${s}: ν ${nu}`);
        // site-moment/1: a resolved state's moment over A1 B1 A2 B2 … is positive; in the
        // edge-mode block (σ ≤ 1e-6·σ_max) the A-polarized part's moment over the cells is.
        const sigma = chainFactors(chainOf(file, "train", s)).spectrum!.singularValues;
        const zero = sigma.filter((x) => x <= ZERO_MODE_TOLERANCE * sigma[cells - 1]).length;
        if (zero > 0) edgeBlocks++;
        for (let k = 0; k < cells; k++) {
          if (k >= zero) assert(siteMoment(psi, 1, k * sites, sites) > 0, `sample ${s} state ${k}`);
          else assert(siteMoment(psi, 2, k * sites, cells) > 0, `sample ${s} edge state ${k}`);
        }
      }
    });
  }
  assert(edgeBlocks > 0, "no sample with an edge-mode block");
});

Deno.test("the hamiltonian representation lays the bond hoppings out per cell", async () => {
  await withDataset(SPECS.onsite, (file) => {
    const cells = file.spec.cells;
    assert.deepEqual(file.sampleShape("hamiltonian"), [cells, 3]);
    const labels = file.labels("test");
    const h = file.readSamples("test", "hamiltonian", [2]);
    const p = (name: string) =>
      labels.parameters[2 * PARAMETER_NAMES.length + PARAMETER_NAMES.indexOf(name as never)];
    const chain = sshChain({
      cells,
      hoppings: { 0: p("t0"), 1: p("t1") },
      disorder: { onsite: p("onsiteDisorder") },
      seed: p("disorderSeed"),
    });
    for (let n = 0; n < cells; n++) {
      assert.equal(h[n * 3], Math.fround(chain.hoppings.get(0)![n]));
      assert.equal(h[n * 3 + 1], n < cells - 1 ? Math.fround(chain.hoppings.get(1)![n]) : 0);
      assert.equal(h[n * 3 + 2], Math.fround(chain.onsite![n]));
    }
  });
});

Deno.test("balanced specs alternate classes; the extended set covers windings −1 … 2", async () => {
  await withDataset(SPECS.extended, (file) => {
    // The extended model balances the clean (momentum-space) winding; the label is the RSWN,
    // which at 16 cells can fall short of it where the decay length is long (finite size).
    const labels = file.labels("train");
    const column = PARAMETER_NAMES.indexOf("cleanWinding");
    const clean = Array.from(
      { length: 16 },
      (_, i) => labels.parameters[i * PARAMETER_NAMES.length + column],
    );
    assert.deepEqual(clean, [-1, 0, 1, 2, -1, 0, 1, 2, -1, 0, 1, 2, -1, 0, 1, 2]);
    const agreeing = clean.filter((winding, i) => winding === labels.winding[i]).length;
    assert(agreeing >= 12, `${agreeing} of 16 labels equal the clean winding`);
  });
  await withDataset(SPECS.disordered, (file) => {
    const counts = summarize(file).classCounts.train;
    assert.deepEqual(counts, { "0": 20, "1": 20 });
  });
});

Deno.test("a tampered byte is detected and the cached file refused, then rebuilt", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    const spec = datasetSpec(SPECS.disordered);
    const original = await loadDataset(spec, { cacheDir, workers: 1 });
    const { path, hash } = original;
    original.close();
    const bytes = await Deno.readFile(path);
    for (const at of [bytes.length - 3, Math.floor(bytes.length / 2)]) {
      const tampered = Uint8Array.from(bytes);
      tampered[at] ^= 0x01;
      await Deno.writeFile(path, tampered);
      await assert.rejects(() => DatasetFile.open(path), (error: Error) => {
        assert(error instanceof DatasetIntegrityError);
        assert(error.message.includes(path), error.message);
        assert.match(error.message, /content hash .* does not match/);
        return true;
      });
      const refused: string[] = [];
      const rebuilt = await loadDataset(spec, {
        cacheDir,
        workers: 1,
        onRefused: (reason) => refused.push(reason),
      });
      assert.equal(refused.length, 1);
      assert.equal(rebuilt.hash, hash);
      rebuilt.close();
    }
    await Deno.writeFile(path, bytes.subarray(0, bytes.length - 8));
    await assert.rejects(() => DatasetFile.open(path), /truncated or padded/);
    await Deno.writeFile(path, new TextEncoder().encode("not a dataset"));
    await assert.rejects(() => DatasetFile.open(path), /bad magic/);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("a bad spec gets a clear error and writes nothing", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    const base = SPECS.disordered;
    const cases: Array<[DatasetSpecInput, RegExp]> = [
      [
        { ...base, cells: -4 },
        /cells must be an integer in \[4, 4096\] for the plain model: received -4/,
      ],
      [{ ...base, intracell: { min: 2, max: 1 } }, /intracell is an empty range: min 2 > max 1/],
      [{ ...base, model: "ladder" as never }, /Unknown model "ladder"/],
      [
        { ...base, representations: ["wavefunction" as never] },
        /Unknown representation "wavefunction"/,
      ],
      [{ ...base, splits: { train: 0, validation: 0, test: 0 } }, /at least one sample/],
      [
        { ...base, disorder: { intracell: -1 } },
        /disorder.intracell must be a number or \{ min, max \} of finite numbers ≥ 0: received -1/,
      ],
      [{ ...base, seed: 1.5 }, /seed must be a non-negative safe integer: received 1.5/],
      [{ ...base, name: "Bad Name" }, /name must be lowercase/],
      [
        { ...base, labels: { trim: 0.6, ambiguityThreshold: 0.2 } },
        /labels.trim must be in \(0, 0.5\): received 0.6/,
      ],
    ];
    for (const [input, message] of cases) {
      await assert.rejects(async () => {
        const spec = datasetSpec(input);
        await loadDataset(spec, { cacheDir, workers: 1 });
      }, (error: Error) => {
        assert(error instanceof RangeError || error instanceof TypeError, `${error}`);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.deepEqual([...Deno.readDirSync(cacheDir)], [], "nothing written");
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("batches: seeded shuffles, ambiguous samples excluded, reads match readSamples", async () => {
  await withDataset(SPECS.disordered, (file) => {
    const options = {
      split: "train" as const,
      representation: "projector" as const,
      batchSize: 8,
      seed: 4,
    };
    const first = [...batches(file, options)];
    const second = [...batches(file, options)];
    assert.deepEqual(first.map((b) => [...b.indices]), second.map((b) => [...b.indices]));
    const other = [...batches(file, { ...options, seed: 5 })];
    assert.notDeepEqual(first.map((b) => [...b.indices]), other.map((b) => [...b.indices]));
    const { ambiguous, winding } = file.labels("train");
    const seen = first.flatMap((b) => [...b.indices]);
    assert.equal(seen.length, ambiguous.reduce((sum, flag) => sum + (flag ? 0 : 1), 0));
    assert.equal(new Set(seen).size, seen.length);
    for (const batch of first) {
      batch.indices.forEach((index, k) => {
        assert.equal(ambiguous[index], 0);
        assert.equal(batch.labels[k], winding[index]); // plain classes [0, 1]: index = winding
        assert.deepEqual(
          batch.inputs.subarray(k * 256, (k + 1) * 256),
          file.readSamples("train", "projector", [index]),
        );
      });
    }
    const withAmbiguous = [...batches(file, { ...options, includeAmbiguous: true })].flatMap((
      b,
    ) => [...b.indices]);
    assert.equal(withAmbiguous.length, 40);
  });
});
