import { _parameter, _scoreTransfer, _transferCells } from "./_transfer.ts";
import { scoredAccuracy } from "./predict.ts";
import type { Study } from "./study.ts";

const _GRID = 8;

/**
 * Study 8, phase diagram: the winding predicted by a clean-trained model over a grid of
 * intracell hopping `v ∈ [0, 2]` × disorder `W1 ∈ [0, 8]` (`plain-disorder-32`, W2 = W1/2),
 * against the invariant and the analytic boundary. Ranked by agreement with the invariant where
 * disorder moved the phase (the invariant differs from the clean chain's phase, `v < w = 1`):
 * the region where following the clean phase, a proxy, and following the invariant part.
 */
export const phaseDiagram: Study = {
  name: "phase-diagram",
  title: "Phase diagram against the analytic boundary",
  question:
    "Where in (v, W) do networks agree with the invariant, and where do they follow the clean phase?",
  ranking: {
    metric: "changedPhaseAccuracy",
    higherIsBetter: true,
    description:
      "agreement with the invariant where disorder moved the phase away from the clean chain's (non-ambiguous samples), mean over seeds",
    tieBreak: {
      metric: "accuracy",
      higherIsBetter: true,
      description: "higher agreement over the whole grid",
    },
  },
  cells: (profile, architectures, backend) =>
    _transferCells("phase-diagram", profile, architectures, backend, ["plain-disorder-32"]),
  run: (cell, { useCache }) =>
    _scoreTransfer(cell, useCache, "plain-disorder-32", (file, predictions) => {
      const v = _parameter(file, "t0");
      const w1 = _parameter(file, "intracellDisorder");
      const { winding, ambiguous, analyticPhase } = file.labels("test");
      const gridCell = (index: number) => [
        Math.min(_GRID - 1, Math.floor((v(index) / 2) * _GRID)),
        Math.min(_GRID - 1, Math.floor((w1(index) / 8) * _GRID)),
      ];
      const sum = Array.from({ length: _GRID }, () => new Array<number>(_GRID).fill(0));
      const count = Array.from({ length: _GRID }, () => new Array<number>(_GRID).fill(0));
      const invariant = Array.from({ length: _GRID }, () => new Array<number>(_GRID).fill(0));
      for (const index of predictions.indices) {
        if (ambiguous[index]) continue;
        const [x, y] = gridCell(index);
        sum[y][x] += predictions.winding[index];
        invariant[y][x] += winding[index];
        count[y][x]++;
      }
      const mean = (grid: number[][]) =>
        grid.map((row, y) => row.map((total, x) => (count[y][x] ? total / count[y][x] : null)));
      const cleanPhase = (index: number) => (v(index) < 1 ? 1 : 0); // w = 1 on plain chains
      return {
        accuracy: scoredAccuracy(file, "test", predictions).accuracy,
        changedPhaseAccuracy: scoredAccuracy(
          file,
          "test",
          predictions,
          (index) => winding[index] !== cleanPhase(index),
        ).accuracy,
        changedPhaseSamples: predictions.indices.filter((index) =>
          !ambiguous[index] && winding[index] !== cleanPhase(index)
        ).length,
        analyticAgreement: _agreement(
          predictions.indices,
          (i) =>
            !ambiguous[i],
          (i) => predictions.winding[i] === analyticPhase[i],
        ),
        grid: {
          intracell: [0, 2],
          disorder: [0, 8],
          size: _GRID,
          meanPrediction: mean(sum),
          meanInvariant: mean(invariant),
          samples: count,
        },
      };
    }),
};

function _agreement(
  indices: Int32Array,
  keep: (i: number) => boolean,
  agrees: (i: number) => boolean,
): number | null {
  let kept = 0;
  let agreeing = 0;
  for (const index of indices) {
    if (!keep(index)) continue;
    kept++;
    if (agrees(index)) agreeing++;
  }
  return kept === 0 ? null : agreeing / kept;
}
