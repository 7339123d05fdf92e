import assert from "node:assert/strict";
import { Rng } from "../lib/rng.ts";

Deno.test("xoshiro128** matches the reference outputs from state [1, 2, 3, 4]", () => {
  const rng = Rng.fromState([1, 2, 3, 4]);
  const outputs = Array.from({ length: 8 }, () => rng.nextUint32());
  assert.deepEqual(outputs, [
    11520,
    0,
    5927040,
    70819200,
    2031721883,
    1637235492,
    1287239034,
    3734860849,
  ]);
});

Deno.test("a derived stream is pinned: first outputs for seed 1", () => {
  const rng = Rng.stream(1);
  assert.deepEqual(
    Array.from({ length: 4 }, () => rng.nextUint32()),
    [3085726134, 3451884533, 1252821530, 2698066113],
  );
});

Deno.test("streams depend only on their path", () => {
  const draw = (rng: Rng) => Array.from({ length: 16 }, () => rng.next());
  assert.deepEqual(draw(Rng.stream(5, "sample", 9)), draw(Rng.stream(5, "sample", 9)));
  assert.deepEqual(draw(Rng.stream(5, "sample", 9)), draw(Rng.stream(5).derive("sample", 9)));
  const streams = [
    Rng.stream(5, "sample", 9),
    Rng.stream(5, "sample", 10),
    Rng.stream(6, "sample", 9),
    Rng.stream(5, "init", 9),
    Rng.stream(5, "sample9"),
    Rng.stream(5, 2 ** 32 + 9),
  ];
  const firsts = new Set(streams.map((rng) => rng.nextUint32()));
  assert.equal(firsts.size, streams.length);
});

Deno.test("uniform draws have the right moments and range", () => {
  const rng = Rng.stream(3, "moments");
  const count = 200_000;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const x = rng.next();
    assert(x >= 0 && x < 1);
    sum += x;
    squares += x * x;
  }
  const mean = sum / count;
  assert(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert(Math.abs(squares / count - mean * mean - 1 / 12) < 0.002);
});

Deno.test("integer draws are unbiased over a small bound", () => {
  const rng = Rng.stream(4, "integer");
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) counts[rng.integer(6)]++;
  for (const count of counts) assert(Math.abs(count - 10_000) < 500, `${counts}`);
});

Deno.test("bad seeds and keys are refused with the value named", () => {
  assert.throws(() => Rng.stream(-1), /non-negative safe integer: received -1/);
  assert.throws(() => Rng.stream(1.5), /received 1.5/);
  assert.throws(() => Rng.stream(1, 2.5), /received 2.5/);
  assert.throws(() => Rng.fromState([0, 0, 0, 0]), RangeError);
  assert.throws(() => Rng.stream(1).integer(0), /received 0/);
});
