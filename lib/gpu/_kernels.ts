// WGSL sources. Matrices are row-major, padded to `np × np` (np a multiple of 4), one per
// chain, chain `z` at offset `z·np²`.

/** Rows and vec4 columns per invocation, invocations per workgroup side. */
export const GEMM_ROWS = 4;
export const GEMM_VEC4_COLUMNS = 2;
export const GEMM_WORKGROUP = 8;

/**
 * Batched `D = α·op(P)·Q + β·R`, `op(P) = Pᵀ` when `transposeP ≠ 0`. Each invocation computes a
 * 4 × 8 block straight from storage (no workgroup memory: on llvmpipe, which runs invocations as
 * SIMD lanes on CPU threads, this measured 4–5 GFLOP/s against 1 GFLOP/s for a shared-memory tiled
 * kernel).
 */
export const GEMM_WGSL = /* wgsl */ `
struct Params { n: u32, n4: u32, transposeP: u32, alpha: f32, beta: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> P: array<f32>;
@group(0) @binding(2) var<storage, read> Q: array<vec4f>;
@group(0) @binding(3) var<storage, read> R: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> D: array<vec4f>;
const ROWS = ${GEMM_ROWS}u;
const COLS = ${GEMM_VEC4_COLUMNS}u;
@compute @workgroup_size(${GEMM_WORKGROUP}, ${GEMM_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let n = params.n;
  let n4 = params.n4;
  let base = gid.z * n * n;
  let base4 = gid.z * n * n4;
  let r0 = gid.y * ROWS;
  let c0 = gid.x * COLS;
  if (r0 >= n || c0 >= n4) { return; }
  let transposed = params.transposeP != 0u;
  var acc: array<array<vec4f, COLS>, ROWS>;
  for (var k = 0u; k < n; k++) {
    var q: array<vec4f, COLS>;
    for (var j = 0u; j < COLS; j++) { q[j] = Q[base4 + k * n4 + min(c0 + j, n4 - 1u)]; }
    for (var i = 0u; i < ROWS; i++) {
      let r = min(r0 + i, n - 1u);
      var p: f32;
      if (transposed) { p = P[base + k * n + r]; } else { p = P[base + r * n + k]; }
      for (var j = 0u; j < COLS; j++) { acc[i][j] = fma(vec4f(p), q[j], acc[i][j]); }
    }
  }
  for (var i = 0u; i < ROWS; i++) {
    for (var j = 0u; j < COLS; j++) {
      let r = r0 + i;
      let c = c0 + j;
      if (r < n && c < n4) {
        let at = base4 + r * n4 + c;
        var value = params.alpha * acc[i][j];
        if (params.beta != 0.0) { value += params.beta * R[at]; }
        D[at] = value;
      }
    }
  }
}
`;

export const WINDING_WORKGROUP = 64;

/**
 * Per chain (one workgroup each): `ν = (1/L') Σ_{j < cells} Σ_{i ∈ [first, end)} (j − i)·X[j, i]²`,
 * each invocation over rows `j ≡ lane (mod 64)`, then a tree reduction.
 */
export const WINDING_WGSL = /* wgsl */ `
struct Params { n: u32, cells: u32, first: u32, end: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> X: array<f32>;
@group(0) @binding(2) var<storage, read_write> nu: array<f32>;
const LANES = ${WINDING_WORKGROUP}u;
var<workgroup> partial: array<f32, LANES>;
@compute @workgroup_size(LANES)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lane: u32) {
  let n = params.n;
  let base = wg.x * n * n;
  var sum = 0.0;
  for (var j = lane; j < params.cells; j += LANES) {
    var row = 0.0;
    for (var i = params.first; i < params.end; i++) {
      let q = X[base + j * n + i];
      row += (f32(j) - f32(i)) * q * q;
    }
    sum += row;
  }
  partial[lane] = sum;
  workgroupBarrier();
  for (var stride = LANES / 2u; stride > 0u; stride /= 2u) {
    if (lane < stride) { partial[lane] += partial[lane + stride]; }
    workgroupBarrier();
  }
  if (lane == 0u) { nu[wg.x] = partial[0] / f32(params.end - params.first); }
}
`;
