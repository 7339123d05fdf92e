// The train bench's step profile (bench/_step_profile.ts): multiply-adds counted from kernel
// shapes, and a real profile of a small CNN on wasm.
import assert from "node:assert/strict";
import {
  convolutionMacs,
  formatStepProfile,
  profileTrainingSteps,
} from "../bench/_step_profile.ts";
import { cnn } from "../lib/models/mod.ts";
import { selectBackend } from "../lib/tensor/mod.ts";
import { syntheticSource } from "../lib/train/mod.ts";

Deno.test("convolution multiply-adds: output positions × filter size, for the kernel and both gradients", () => {
  // x [2, 1, 8, 3] * filter [1, 5, 3, 4] → y [2, 1, 8, 4]: 16 positions × 60 taps.
  const x = [2, 1, 8, 3], filter = [1, 5, 3, 4], y = [2, 1, 8, 4];
  assert.equal(convolutionMacs("Conv2D", [x, filter], [y]), 16 * 60);
  assert.equal(convolutionMacs("Conv2DBackpropFilter", [x, y], [filter]), 16 * 60);
  assert.equal(convolutionMacs("Conv2DBackpropInput", [y, filter], [x]), 16 * 60);
  assert.equal(convolutionMacs("Conv2D", [[2, 8, 3], filter], [[2, 8, 4]]), 0, "not 4-D");
});

Deno.test("a profiled wasm CNN step lists its convolution kernels, their rate and a readable line", async () => {
  await selectBackend("wasm");
  const input = { representation: "amplitudes", cells: 8, shape: [8, 16] } as const;
  const model = cnn({ filters: [8], kernelSize: 3 }).build({
    input,
    classWindings: [0, 1],
    seed: 1,
    init: { kind: "random" },
  });
  const source = syntheticSource({
    sampleShape: input.shape,
    seed: 2,
    samples: { train: 64, validation: 1, test: 1 },
  });
  const profile = await profileTrainingSteps(model, source, 16, 3, 1);
  model.dispose();
  const names = profile.kernels.map(({ name }) => name);
  for (const name of ["Conv2D", "Conv2DBackpropFilter"]) assert.ok(names.includes(name), name);
  assert.ok(profile.stepMs > 0);
  const kernelMs = profile.kernels.reduce((total, { ms }) => total + ms, 0);
  assert.ok(kernelMs > 0);
  assert.ok(Math.abs(profile.outsideMs - Math.max(0, profile.stepMs - kernelMs)) < 1e-9);
  assert.ok(profile.convolutionMacsPerSecond > 0);
  const sorted = profile.kernels.map(({ ms }) => ms);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a), "largest first");
  assert.match(formatStepProfile(profile, 2), /^\d+\.\d\d ms per step: \S+ \d+\.\d\d ms \(\d+%\)/);
});
