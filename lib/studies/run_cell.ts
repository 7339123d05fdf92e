import { collectProvenance, peakMemoryBytes } from "../results/provenance.ts";
import { makeRecord } from "../results/record.ts";
import type { StudyCell, StudyRecord } from "../results/schema.ts";
import type { Study } from "./study.ts";

/**
 * Runs one study cell and returns its record: the study's outcome, the provenance of this run,
 * and its timing (kept out of the content hash).
 */
export async function runCell(
  study: Study,
  cell: StudyCell,
  useCache = true,
): Promise<StudyRecord> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const outcome = await study.run(cell, { useCache });
  return makeRecord({
    cell,
    status: outcome.status,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    architectureVersion: outcome.architectureVersion,
    datasets: [...outcome.datasets],
    metrics: outcome.metrics,
    provenance: await collectProvenance(),
    timing: {
      startedAt,
      wallSeconds: (performance.now() - began) / 1000,
      samplesPerSecond: outcome.samplesPerSecond,
      peakMemoryBytes: peakMemoryBytes(),
    },
  });
}
