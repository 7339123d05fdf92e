// Test helper: roots of a real polynomial by the Aberth–Ehrlich iteration, an independent way to
// count the zeros of z^M·h(z) inside the unit circle (PHYSICS.md §1).

/** Complex number as [re, im]. */
export type Complex = [number, number];

/** Roots of `coefficients[0] + coefficients[1]·z + …` (trailing zeros dropped). */
export function polynomialRoots(coefficients: readonly number[]): Complex[] {
  const c = [...coefficients];
  while (c.length > 1 && c[c.length - 1] === 0) c.pop();
  const degree = c.length - 1;
  if (degree < 1) return [];
  const a = c.map((x) => x / c[degree]);
  const radius = 1 + Math.max(...a.slice(0, degree).map(Math.abs));
  const roots: Complex[] = Array.from({ length: degree }, (_, k) => {
    const angle = (2 * Math.PI * k) / degree + 0.4;
    return [0.5 * radius * Math.cos(angle), 0.5 * radius * Math.sin(angle)];
  });
  for (let iteration = 0; iteration < 500; iteration++) {
    let moved = 0;
    for (let k = 0; k < degree; k++) {
      const [pr, pi, dr, di] = evaluate(a, roots[k]);
      if (pr === 0 && pi === 0) continue;
      const denominator = dr * dr + di * di;
      const ratioRe = (pr * dr + pi * di) / denominator;
      const ratioIm = (pi * dr - pr * di) / denominator;
      let sumRe = 0;
      let sumIm = 0;
      for (let j = 0; j < degree; j++) {
        if (j === k) continue;
        const xr = roots[k][0] - roots[j][0];
        const xi = roots[k][1] - roots[j][1];
        const size = xr * xr + xi * xi;
        sumRe += xr / size;
        sumIm -= xi / size;
      }
      const qr = 1 - (ratioRe * sumRe - ratioIm * sumIm);
      const qi = -(ratioRe * sumIm + ratioIm * sumRe);
      const q = qr * qr + qi * qi;
      const stepRe = (ratioRe * qr + ratioIm * qi) / q;
      const stepIm = (ratioIm * qr - ratioRe * qi) / q;
      roots[k] = [roots[k][0] - stepRe, roots[k][1] - stepIm];
      moved = Math.max(moved, Math.hypot(stepRe, stepIm));
    }
    if (moved < 1e-15) break;
  }
  return roots;
}

function evaluate(a: number[], z: Complex): [number, number, number, number] {
  let pr = 0;
  let pi = 0;
  let dr = 0;
  let di = 0;
  for (let k = a.length - 1; k >= 0; k--) {
    [dr, di] = [dr * z[0] - di * z[1] + pr, dr * z[1] + di * z[0] + pi];
    [pr, pi] = [pr * z[0] - pi * z[1] + a[k], pr * z[1] + pi * z[0]];
  }
  return [pr, pi, dr, di];
}
