// The exact pairing sign of an unresolved near-null singular pair of a lower bidiagonal block
// (the edge modes of a topological plain chain), shared by the CPU and GPU paths.

const EPSILON = 2 ** -52;

/**
 * Whether (u, v) is the near-null pair of the bidiagonal block: `hᵀu ≈ 0` and `h v ≈ 0` to
 * working precision (an edge-mode pair of a topological chain below float64 resolution).
 */
export function isNearNull(
  d: Float64Array,
  e: Float64Array,
  u: Float64Array,
  v: Float64Array,
): boolean {
  let norm = 0;
  let left = 0;
  let right = 0;
  const n = d.length;
  for (let j = 0; j < n; j++) {
    norm = Math.max(norm, Math.abs(d[j]) + (j < n - 1 ? Math.abs(e[j]) : 0));
    left = Math.max(left, Math.abs(d[j] * u[j] + (j < n - 1 ? e[j] * u[j + 1] : 0)));
    right = Math.max(right, Math.abs(d[j] * v[j] + (j > 0 ? e[j - 1] * v[j - 1] : 0)));
  }
  return Math.max(left, right) <= 1e3 * EPSILON * norm;
}

/**
 * Fixes the pairing sign of an unresolved near-null pair exactly: the null vectors of a lower
 * bidiagonal block follow the recurrences ũ_{j+1} = −(d_j/e_j)·ũ_j (ũ_0 = 1) and
 * ṽ_{j−1} = −(d_j/e_{j−1})·ṽ_j (ṽ_{n−1} = 1), and the pair's energy is ũᵀhṽ = d_0·ṽ_0, whose sign
 * is a product of signs — exact however small the energy. `u` keeps its sign; `v` is flipped when
 * the pairing `sign(uᵀhv)` would otherwise be negative.
 */
export function exactPairing(
  d: Float64Array,
  e: Float64Array,
  u: Float64Array,
  v: Float64Array,
): void {
  const n = d.length;
  if (e.some((x) => x === 0)) return; // a split chain: the recurrences do not span it
  const at = (x: Float64Array) =>
    x.reduce((best, value, j) => (Math.abs(value) > Math.abs(x[best]) ? j : best), 0);
  const signUTilde = (j: number) => { // sign of ũ_j
    let sign = 1;
    for (let k = 0; k < j; k++) sign *= -Math.sign(d[k]) * Math.sign(e[k]) || 1;
    return sign;
  };
  const signVTilde = (j: number) => { // sign of ṽ_j
    let sign = 1;
    for (let k = n - 1; k > j; k--) sign *= -Math.sign(d[k]) * Math.sign(e[k - 1]) || 1;
    return sign;
  };
  const energySign = (Math.sign(d[0]) || 1) * signVTilde(0); // sign of ũᵀhṽ
  const mu = at(u);
  const mv = at(v);
  const alignment = Math.sign(u[mu]) * signUTilde(mu) * Math.sign(v[mv]) * signVTilde(mv);
  if (alignment * energySign < 0) { for (let j = 0; j < n; j++) v[j] = -v[j]; }
}
