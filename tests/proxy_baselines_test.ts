// The proxy baselines of the dataset cards: they reproduce the audit's findings (one edge
// amplitude solves the clean family; the disorder strength predicts plain-disorder-32), the
// stratified set removes the disorder-strength proxy, and the fits are deterministic. The
// finite-size label boundary is where the stored labels actually flip.
import assert from "node:assert/strict";
import { polynomialRoots } from "./_polynomial_roots.ts";
import {
  catalogSpec,
  datasetCard,
  labelBoundary,
  loadDataset,
  PARAMETER_NAMES,
  PROXY_BASELINES,
  proxyBaselines,
} from "../lib/data/mod.ts";

async function scores(name: string, only: Parameters<typeof proxyBaselines>[1]) {
  const file = await loadDataset(catalogSpec(name), { workers: 2 });
  try {
    return Object.fromEntries(proxyBaselines(file, only).map((s) => [s.name, s.accuracy]));
  } finally {
    file.close();
  }
}

Deno.test("proxies: the clean family falls to one edge amplitude, plain-disorder-32 to W1, the stratified set does not", async () => {
  const clean = await scores("plain-clean-32", ["edge-threshold", "disorder-threshold"]);
  assert(clean["edge-threshold"]! > 0.99, JSON.stringify(clean));
  assert.equal(clean["disorder-threshold"], null); // no drawn W1
  // Redrawn edge bonds take the edge amplitude's signal away (plain-wide-32 keeps it).
  const edges = await scores("plain-edges-32", ["edge-threshold"]);
  assert(edges["edge-threshold"]! < 0.75, JSON.stringify(edges));
  const disorder = await scores("plain-disorder-32", ["disorder-threshold"]);
  assert(disorder["disorder-threshold"]! > 0.78, JSON.stringify(disorder));
  const balanced = await scores("plain-disorder-balanced-32", ["disorder-threshold"]);
  assert(Math.abs(balanced["disorder-threshold"]! - 0.5) < 0.05, JSON.stringify(balanced));
  // Deterministic: the same fit twice gives the same number.
  assert.deepEqual(await scores("plain-disorder-balanced-32", ["disorder-threshold"]), balanced);
  // Four classes: the offset sums still read the winding; the oracle is for plain chains.
  const extended = await scores("extended-clean-32", ["ridge-offset-sums", "lyapunov-oracle"]);
  assert(extended["ridge-offset-sums"]! > 0.9, JSON.stringify(extended));
  assert.equal(extended["lyapunov-oracle"], null);
  const file = await loadDataset(catalogSpec("plain-clean-16"));
  try {
    const none = proxyBaselines(file, ["edge-threshold"]);
    assert.equal(none[0].accuracy, null);
    assert.equal(none[0].reason, "no train split");
    assert.throws(() => proxyBaselines(file, ["nope" as "edge-threshold"]), /Unknown proxy/);
  } finally {
    file.close();
  }
});

Deno.test("labelBoundary: the stored clean labels flip at the computed |v/w|, which tends to 1 with N", async () => {
  const rule = { trim: 0.25, ambiguityThreshold: 0.2 };
  const boundaries = [16, 32, 64, 128].map((cells) => labelBoundary(cells, rule).boundary);
  boundaries.forEach((b, k) => assert(k === 0 || b > boundaries[k - 1]));
  assert(boundaries[3] > 0.97 && boundaries[3] < 1);
  const at32 = labelBoundary(32, rule);
  assert(Math.abs(at32.boundary - 0.9225) < 1e-3, String(at32.boundary));
  const file = await loadDataset(catalogSpec("plain-clean-32"));
  try {
    const labels = file.labels("train");
    const column = PARAMETER_NAMES.indexOf("t0");
    let checked = 0;
    labels.winding.forEach((winding, i) => {
      const v = labels.parameters[i * PARAMETER_NAMES.length + column]; // w = 1
      if (Math.abs(v - at32.boundary) < 1e-3) return;
      assert.equal(winding, v < at32.boundary ? 1 : 0, `v = ${v}`);
      const inside = v > at32.ambiguity[0] + 1e-4 && v < at32.ambiguity[1] - 1e-4;
      const outside = v < at32.ambiguity[0] - 1e-4 || v > at32.ambiguity[1] + 1e-4;
      if (inside) assert.equal(labels.ambiguous[i], 1, `v = ${v}`);
      if (outside) assert.equal(labels.ambiguous[i], 0, `v = ${v}`);
      checked++;
    });
    assert(checked > 3900);
  } finally {
    file.close();
  }
});

Deno.test("stored cellsOverXi: N·|ln(v/w)| on clean chains, the zero-mode roots on extended ones, small where labels are ambiguous", async () => {
  const stride = PARAMETER_NAMES.length;
  const clean = await loadDataset(catalogSpec("plain-clean-32"));
  try {
    const ratio = clean.labels("test").cellsOverXi;
    const parameters = clean.labels("test").parameters;
    ratio.forEach((value, i) => {
      const v = parameters[i * stride + PARAMETER_NAMES.indexOf("t0")];
      assert(Math.abs(value - 32 * Math.abs(Math.log(v))) < 1e-4 * Math.max(1, value), `v = ${v}`);
    });
  } finally {
    clean.close();
  }
  const extended = await loadDataset(catalogSpec("extended-clean-32"));
  try {
    const ratio = extended.labels("test").cellsOverXi;
    const parameters = extended.labels("test").parameters;
    const errors = Array.from(ratio, (value, i) => {
      const t = [0, 1, 2, 3].map((c) => parameters[i * stride + c]); // t-1, t0, t1, t2
      const exact = 32 *
        Math.min(...polynomialRoots(t).map(([re, im]) => Math.abs(Math.log(Math.hypot(re, im)))));
      return Math.abs(value - exact) / Math.max(exact, 1);
    }).sort((a, b) => a - b);
    // A 32-cell product converges to the exponents within a few per cent.
    assert(errors[errors.length >> 1] < 0.05 && errors.at(-1)! < 0.3, String(errors.at(-1)));
  } finally {
    extended.close();
  }
  const disorder = await loadDataset(catalogSpec("plain-disorder-32"));
  try {
    const ratio = disorder.labels("test").cellsOverXi;
    const { ambiguous } = disorder.labels("test");
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
    const flagged = median(Array.from(ratio).filter((_, i) => ambiguous[i]));
    const clear = median(Array.from(ratio).filter((_, i) => !ambiguous[i]));
    assert(flagged * 3 < clear, `${flagged} vs ${clear}`);
  } finally {
    disorder.close();
  }
});

Deno.test("the dataset card states the label boundary, N/ξ and every proxy's accuracy", async () => {
  const file = await loadDataset(catalogSpec("plain-clean-32"));
  try {
    const card = datasetCard(file);
    assert.match(card, /crosses 1\/2 at \|v\/w\| = 0\.922\d/);
    assert.match(card, /ambiguous .* for \|v\/w\| in \(0\.868\d, 0\.972\d\)/);
    assert.match(card, /N\/ξ from each sample's own hoppings .*: median \d+\.\d\d/);
    for (const name of PROXY_BASELINES) assert(card.includes(`| \`${name}\` |`), name);
    assert.match(card, /\| `edge-threshold` \| baseline \| .* \| 1\.000 \|/);
    assert.match(card, /\| `lyapunov-oracle` \| oracle \|/);
    assert.match(
      card,
      /\| `disorder-threshold` \| baseline \| .* \| n\/a \(W1 is not drawn per sample\) \|/,
    );
  } finally {
    file.close();
  }
});
