// The sandboxed side of a submission's evaluation: a separate Deno process started by
// `runInSandbox` with read access to the submission folder, the dataset cache and the wasm files
// only (no network, writes, environment, subprocesses or FFI). It loads the submission, checks
// that it implements the architecture contract, probes one model, runs one study cell, and
// prints the outcome on one line, `TOPOLEARN-RESULT <json>`; failures print
// `TOPOLEARN-ERROR <message>` and exit 1.
import { pathToFileURL } from "node:url";
// The contract is loaded before the submission: it is the one suite module a submission may
// import (the sandbox grants no read access to the rest of the suite's files).
import "../contract.ts";
import { registerArchitecture, resolveArchitecture } from "../models/registry.ts";
import type { Architecture } from "../models/architecture.ts";
import type { StudyCell } from "../records/schema.ts";
import { catalogSpec, classWindingsOf, loadDataset } from "../data/mod.ts";
import { selectStudies } from "../studies/studies.ts";
import { selectBackend, tf } from "../tensor/mod.ts";

function fail(message: string): never {
  console.log(`TOPOLEARN-ERROR ${message.replace(/\s+/g, " ")}`);
  Deno.exit(1);
}

const [modulePath, cellJson, infoJson, parameterLimit] = Deno.args;
const cell = JSON.parse(cellJson) as StudyCell;
const info = JSON.parse(infoJson) as {
  sizeAgnostic: boolean;
  exactInvariant: boolean;
  representations: string[];
};
try {
  await selectBackend(cell.backend === "auto" ? "wasm" : cell.backend);
  let loaded: Record<string, unknown>;
  try {
    loaded = await import(pathToFileURL(modulePath).href);
  } catch (error) {
    fail(`architecture.ts failed to load: ${(error as Error).message}`);
  }
  const architecture = (loaded.default ?? loaded.architecture) as Architecture | undefined;
  const problems: string[] = [];
  if (!architecture || typeof architecture !== "object") {
    problems.push("no default export (or `architecture` export) of an Architecture object");
  } else {
    if (architecture.name !== cell.architecture) {
      problems.push(`name is "${architecture.name}", info.json says "${cell.architecture}"`);
    }
    if (typeof architecture.version !== "string") problems.push("version must be a string");
    if (typeof architecture.description !== "string") problems.push("description must be a string");
    if (!Array.isArray(architecture.representations)) {
      problems.push("representations must be an array");
    } else if (architecture.representations.join() !== info.representations.join()) {
      problems.push(
        `representations [${architecture.representations}] differ from info.json [${info.representations}]`,
      );
    }
    if (architecture.sizeAgnostic !== info.sizeAgnostic) {
      problems.push(
        `sizeAgnostic is ${architecture.sizeAgnostic}, info.json says ${info.sizeAgnostic}`,
      );
    }
    if ((architecture.exactInvariant ?? false) !== info.exactInvariant) {
      problems.push(`exactInvariant differs from info.json`);
    }
    if (typeof architecture.build !== "function") problems.push("build must be a function");
  }
  if (problems.length) {
    fail(`architecture.ts does not implement the contract: ${problems.join("; ")}`);
  }
  registerArchitecture(cell.architecture, () => architecture!);
  // Probe: a model for the cell's input, its parameter count, output shape and finiteness.
  if (cell.trainDataset !== null || cell.testDatasets.length > 0) {
    const spec = catalogSpec(cell.trainDataset ?? cell.testDatasets[0]);
    const file = await loadDataset(spec);
    const shape = [...file.sampleShape(cell.representation)];
    file.close();
    const classes = classWindingsOf(spec.model);
    let model;
    try {
      model = resolveArchitecture(cell.architecture).build({
        input: { representation: cell.representation, cells: spec.cells, shape },
        classWindings: classes,
        seed: cell.seed,
        init: cell.init.kind === "exact" && !info.exactInvariant ? { kind: "random" } : cell.init,
        ...(cell.head === undefined ? {} : { head: cell.head }),
      });
    } catch (error) {
      fail(`build() threw: ${(error as Error).message}`);
    }
    const parameters = model.parameterCount();
    if (!(parameters <= Number(parameterLimit))) {
      fail(`the model has ${parameters} parameters; the limit is ${parameterLimit}`);
    }
    const probe = tf.zeros([2, ...shape]);
    let output;
    try {
      output = model.apply(probe);
    } catch (error) {
      fail(`apply() threw on inputs [2, ${shape}]: ${(error as Error).message}`);
    }
    const width = model.head === "integer" ? 1 : classes.length;
    if (output.shape.length !== 2 || output.shape[0] !== 2 || output.shape[1] !== width) {
      fail(
        `apply() returned shape [${output.shape}] for inputs [2, ${shape}]; expected [2, ${width}] (batch, ${
          model.head === "integer" ? "ν̂" : "classes"
        })`,
      );
    }
    const values = await output.data();
    if (!values.every(Number.isFinite)) {
      fail("apply() returned non-finite logits (NaN or infinity)");
    }
    tf.dispose([probe, output]);
    model.dispose();
  }
  const [study] = selectStudies([cell.study]);
  const outcome = await study.run(cell, { useCache: false });
  console.log(`TOPOLEARN-RESULT ${JSON.stringify(outcome)}`);
  Deno.exit(0);
} catch (error) {
  fail(`${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
}
