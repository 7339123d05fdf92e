import { collectProvenance, peakMemoryBytes } from "../records/provenance.ts";
import { makeRecord } from "../records/record.ts";
import type { StudyCell, StudyRecord } from "../records/schema.ts";
import type { CellOutcome, Study } from "./study.ts";

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
    },
  });
}

/** Runs one study cell and returns its record. */
export function runCell(study: Study, cell: StudyCell, useCache = true): Promise<StudyRecord> {
  return recordOutcome(cell, () => study.run(cell, { useCache }));
}
