// The real-space winding number on degenerate and nearly degenerate spectra (flat bands: the fully
// dimerized limits, tiny hoppings, chains cut by zero bonds), on every path — bidiagonal, dense
// chiral, dense non-chiral, the float64 Newton–Schulz twin and the WebGPU kernel — against the
// analytic value where there is one and a dense Q = 1 − 2P from Jacobi rotations otherwise.
import assert from "node:assert/strict";
import { realSpaceWinding, sshChain, windingDiagnostics } from "../mod.ts";
import type { SshChain } from "../lib/lattice/mod.ts";
import { gpuPolarWinding, newtonSchulzWinding, requestGpuDevice } from "../lib/gpu/mod.ts";
import { jacobiEigen } from "./_matrices.ts";

const MAGNITUDES = [1e-3, 0.1, 1, 3, 10];
const SIZES = [8, 16, 17, 32, 64];

/**
 * ν from the dense Hamiltonian's Q_AB = Σ sign(E) ψ_A ψ_Bᵀ (Jacobi eigenvectors). An edge-mode
 * pair whose energy is below the rotations' precision may come out mixed, so a near-zero pair is
 * taken as what it spans: one A-polarized and one B-polarized vector `a`, `b`, contributing `a bᵀ`
 * (its sign drops out of ν, which has Q_AB squared).
 */
function denseReference(chain: SshChain): number {
  const size = 2 * chain.cells;
  const cells = chain.cells;
  const { values, vectors } = jacobiEigen(chain.denseHamiltonian(), size);
  const q = new Float64Array(cells * cells); // Q_AB[j, i] at j·cells + i
  const zero: number[] = [];
  for (let k = 0; k < size; k++) {
    if (Math.abs(values[k]) < 1e-10) {
      zero.push(k);
      continue;
    }
    const sign = Math.sign(values[k]);
    for (let j = 0; j < cells; j++) {
      for (let i = 0; i < cells; i++) {
        q[j * cells + i] += sign * vectors[k * size + 2 * j] * vectors[k * size + 2 * i + 1];
      }
    }
  }
  assert(zero.length === 0 || zero.length === 2, `${zero.length} near-zero modes`);
  if (zero.length === 2) {
    const part = (offset: number) => {
      const parts = zero.map((k) =>
        Float64Array.from({ length: cells }, (_, n) => vectors[k * size + 2 * n + offset])
      );
      const norms = parts.map((p) => Math.hypot(...p));
      const best = parts[norms[0] >= norms[1] ? 0 : 1];
      const norm = Math.hypot(...best);
      return best.map((x) => x / norm);
    };
    const [a, b] = [part(0), part(1)];
    for (let j = 0; j < cells; j++) {
      for (let i = 0; i < cells; i++) q[j * cells + i] += a[j] * b[i];
    }
  }
  const trim = Math.floor(cells / 4);
  let nu = 0;
  for (let i = trim; i < cells - trim; i++) {
    for (let j = 0; j < cells; j++) nu += (j - i) * q[j * cells + i] ** 2;
  }
  return nu / (cells - 2 * trim);
}

/** The same chain on the dense chiral path (a zero range-2 hopping makes it non-plain). */
function onDenseChiralPath(cells: number, hoppings: Record<number, number | number[]>): SshChain {
  return sshChain({ cells, hoppings: { ...hoppings, 2: 0 } });
}

/** The same chain on the dense non-chiral path (an on-site term far below double precision). */
function onDensePath(cells: number, hoppings: Record<number, number | number[]>): SshChain {
  return sshChain({ cells, hoppings, disorder: { onsite: 1e-200 }, seed: 1 });
}

function everyPath(cells: number, hoppings: Record<number, number | number[]>) {
  const paths = [
    { path: "bidiagonal", chain: sshChain({ cells, hoppings }) },
    { path: "dense-chiral", chain: onDenseChiralPath(cells, hoppings) },
    { path: "dense", chain: onDensePath(cells, hoppings) },
  ];
  // Each chain must really take the path it is named for, or a path would go untested.
  for (const { path, chain } of paths) assert.equal(windingDiagnostics(chain).method, path);
  return paths;
}

Deno.test("fully dimerized plain chains: ν is exactly 0 or 1 on every CPU path, any size and magnitude", () => {
  const failures: string[] = [];
  for (const cells of SIZES) {
    for (const magnitude of MAGNITUDES) {
      for (const sign of [1, -1]) {
        for (
          const [hoppings, exact] of [[{ 0: sign * magnitude, 1: 0 }, 0], [
            { 0: 0, 1: sign * magnitude },
            1,
          ]] as const
        ) {
          for (const { path, chain } of everyPath(cells, hoppings)) {
            const nu = realSpaceWinding(chain);
            if (!(Math.abs(nu - exact) < 1e-9)) {
              failures.push(`${path} N=${cells} ${JSON.stringify(hoppings)}: ν = ${nu}`);
            }
          }
          const twin = newtonSchulzWinding(sshChain({ cells, hoppings })).realSpaceWinding;
          if (!(Math.abs(twin - exact) < 1e-9)) {
            failures.push(`newton-schulz N=${cells} ${JSON.stringify(hoppings)}: ν = ${twin}`);
          }
        }
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("extended chains with one hopping range: ν = m exactly (m = −1, 0, 1, 2)", () => {
  const failures: string[] = [];
  for (const cells of [16, 17, 32]) {
    for (const m of [-1, 0, 1, 2]) {
      for (const magnitude of [1e-3, 1, 10]) {
        const hoppings = { [m]: magnitude, ...(m === 0 ? { 1: 0 } : { 0: 0 }) };
        const nu = realSpaceWinding(sshChain({ cells, hoppings }));
        if (!(Math.abs(nu - m) < 1e-9)) failures.push(`N=${cells} t_${m}=${magnitude}: ν = ${nu}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("nearly degenerate and partially dimerized chains agree with a dense Q = 1 − 2P", () => {
  const cases: { name: string; cells: number; hoppings: Record<number, number | number[]> }[] = [];
  for (const cells of [16, 17, 32]) {
    // Flat bands broken by 1e-12 bond to bond: clusters of nearly equal singular values.
    const ripple = (base: number, count: number) =>
      Array.from({ length: count }, (_, n) => base * (1 + 1e-12 * Math.sin(3 * n + 1)));
    cases.push({ name: "v≈1, w=1e-9", cells, hoppings: { 0: ripple(1, cells), 1: 1e-9 } });
    cases.push({
      name: "v=0.3, w≈2 rippled",
      cells,
      hoppings: { 0: 0.3, 1: ripple(2, cells - 1) },
    });
    cases.push({ name: "v=1e-9, w≈1", cells, hoppings: { 0: 1e-9, 1: ripple(1, cells - 1) } });
    // Cut by a few zero intercell bonds into segments of eight cells or more.
    const cut = (w: number) =>
      Array.from({ length: cells - 1 }, (_, n) => (n + 1) % 8 === 0 ? 0 : w);
    cases.push({ name: "trivial, zero bonds", cells, hoppings: { 0: 1, 1: cut(0.4) } });
    cases.push({ name: "topological, zero bonds", cells, hoppings: { 0: 0.3, 1: cut(1) } });
  }
  const failures: string[] = [];
  for (const { name, cells, hoppings } of cases) {
    for (const { path, chain } of everyPath(cells, hoppings)) {
      const reference = denseReference(chain);
      const nu = realSpaceWinding(chain);
      if (!(Math.abs(nu - reference) < 1e-9)) {
        failures.push(`${name} N=${cells} ${path}: ν = ${nu}, dense Q = 1 − 2P gives ${reference}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("the WebGPU kernel (software adapter here) on flat bands: ν within float32 of 0 or 1", async () => {
  const chains: SshChain[] = [];
  const exact: number[] = [];
  for (const cells of [16, 32]) {
    for (const magnitude of MAGNITUDES) {
      chains.push(sshChain({ cells, hoppings: { 0: magnitude, 1: 0 } }));
      exact.push(0);
      chains.push(sshChain({ cells, hoppings: { 0: 0, 1: magnitude } }));
      exact.push(1);
    }
  }
  const context = await requestGpuDevice({ allowSoftware: true });
  try {
    const errors: number[] = [];
    for (const cells of [16, 32]) {
      const batch = chains.filter((chain) => chain.cells === cells);
      const wanted = exact.filter((_, k) => chains[k].cells === cells);
      const { realSpaceWinding: nu } = await gpuPolarWinding(context, batch);
      errors.push(...wanted.map((value, k) => Math.abs(nu[k] - value)));
    }
    assert(Math.max(...errors) < 1e-4, `largest GPU error ${Math.max(...errors)}`);
  } finally {
    context.device.destroy();
  }
});

Deno.test("all-zero and non-finite hoppings are refused with a physics message, not a stack trace", () => {
  assert.throws(
    () => realSpaceWinding(sshChain({ cells: 8, hoppings: { 0: 0, 1: 0 } })),
    (error: Error) => error instanceof RangeError && /zero/.test(error.message),
  );
  // ν depends on hopping ratios only: 1e308-scale hoppings give the ν of the unit-scale chain.
  const huge = realSpaceWinding(sshChain({ cells: 16, hoppings: { 0: 1e308, 1: 0.5e308 } }));
  const unit = realSpaceWinding(sshChain({ cells: 16, hoppings: { 0: 1, 1: 0.5 } }));
  assert(Math.abs(huge - unit) < 1e-12, `ν at 1e308 hoppings ${huge}, at unit scale ${unit}`);
});
