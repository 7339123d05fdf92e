import { collectProvenance, peakMemoryBytes } from "../records/provenance.ts";
import { makeRecord } from "../records/record.ts";
import type { StudyCell, StudyRecord } from "../records/schema.ts";
import type { CellOutcome, Study } from "./study.ts";
import { catalogSpec, representationShape } from "../data/mod.ts";
import { resolveArchitecture } from "../models/registry.ts";
import { selectStudies } from "./studies.ts";
import { notApplicable } from "./_cells.ts";
import { activeBackend } from "../tensor/mod.ts";

/**
 * Times `produce` and turns its outcome into a validated record with this run's provenance
 * (timing kept out of the content hash). Shared by built-in cells and sandboxed submissions.
 */
export async function recordOutcome(
  cell: StudyCell,
  produce: () => Promise<CellOutcome>,
  submission?: StudyRecord["submission"],
): Promise<StudyRecord> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const outcome = await produce();
  return makeRecord({
    cell,
    status: outcome.status,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    architectureVersion: outcome.architectureVersion,
    datasets: [...outcome.datasets],
    metrics: outcome.metrics,
    provenance: await collectProvenance(),
    ...(submission ? { submission } : {}),
    timing: {
      startedAt,
      wallSeconds: (performance.now() - began) / 1000,
      samplesPerSecond: outcome.samplesPerSecond,
      peakMemoryBytes: peakMemoryBytes(),
      threads: activeBackend().wasmThreads ?? null,
    },
  });
}

/** Runs one study cell and returns its record. */
export function runCell(study: Study, cell: StudyCell, useCache = true): Promise<StudyRecord> {
  return recordOutcome(cell, () => {
    const outcome = unavailableOutcome(cell);
    return outcome ? Promise.resolve(outcome) : study.run(cell, { useCache });
  });
}

/**
 * A "not applicable" outcome when the cell's architecture was trained elsewhere (the ONNX track)
 * and its study does not score fixed models, or when it cannot read the input of one of its
 * datasets (`Architecture.inputUnavailable`: a proxy whose feature exists only on plain chains,
 * say), else `null`: such cells are refused before any work, with the reason recorded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCells, profile } from "./mod.ts";
 * import { unavailableOutcome } from "./run_cell.ts";
 *
 * const cells = planCells({ profile: profile("tiny"), studies: ["winding"], architectures: ["lyapunov-threshold"] });
 * assert.equal(unavailableOutcome(cells[0].cell)?.status, "not-applicable");
 * ```
 */
export function unavailableOutcome(cell: StudyCell): CellOutcome | null {
  const architecture = resolveArchitecture(cell.architecture, cell.architectureConfig);
  const refuse = (reason: string): CellOutcome => notApplicable(reason, architecture.version);
  if (architecture.trainedElsewhere && !selectStudies([cell.study])[0].scoresFixedModels) {
    return refuse(
      `${cell.architecture} was trained elsewhere (ONNX track): the ${cell.study} study trains models or reads their weights, and scores only models the suite trains`,
    );
  }
  const names = [cell.trainDataset, ...cell.testDatasets].filter((name) => name !== null);
  const inputs = names.map((name) => {
    const spec = catalogSpec(name);
    const shape = representationShape(spec, cell.representation);
    return { name, input: { representation: cell.representation, cells: spec.cells, shape } };
  });
  for (const { name, input } of inputs) {
    const reason = architecture.inputUnavailable?.(input) ?? null;
    if (reason !== null) return refuse(`${name}: ${reason}`);
  }
  // A fixed-shape model cannot read a test input of the same size with other channels (a
  // hamiltonian model trained on plain chains, tested with on-site energies). Other sizes are
  // the studies' own business (resizing).
  const [trained] = inputs;
  for (const { name, input } of inputs.slice(1)) {
    const same = input.shape.every((extent, i) => extent === trained.input.shape[i]);
    if (input.cells === trained.input.cells && !same) {
      return refuse(
        `${name}: ${cell.representation} [${input.shape}] is not the trained input [${trained.input.shape}] (${trained.name})`,
      );
    }
  }
  return null;
}
