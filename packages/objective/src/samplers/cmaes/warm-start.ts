/**
 * Initial mean, step size and covariance of CMA-ES from earlier solutions (the idea of
 * WS-CMA-ES, Nomura et al., AAAI 2021): the best `gamma` share of the source solutions
 * define a Gaussian, widened by `alpha` (relative to each dimension's range) so it
 * never collapses; its covariance is split into σ² and a unit-determinant matrix.
 */
export function warmStartDistribution(
  solutions: readonly { x: Float64Array; value: number }[],
  ranges: Float64Array,
  options: { gamma?: number; alpha?: number } = {},
): { mean: Float64Array; sigma: number; cov: Float64Array } {
  const gamma = options.gamma ?? 0.1;
  const alpha = options.alpha ?? 0.1;
  const n = ranges.length;
  const top = [...solutions].sort((a, b) => a.value - b.value).slice(0, Math.max(1, Math.ceil(solutions.length * gamma)));
  const mean = new Float64Array(n);
  for (const s of top) for (let i = 0; i < n; i++) mean[i] = (mean[i] as number) + (s.x[i] as number) / top.length;
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) cov[i * n + i] = (alpha * (ranges[i] as number)) ** 2;
  for (const s of top)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        cov[i * n + j] = (cov[i * n + j] as number) + (((s.x[i] as number) - (mean[i] as number)) * ((s.x[j] as number) - (mean[j] as number))) / top.length;
      }
  // σ = det(Σ)^{1/(2n)} through a Cholesky factorisation (Σ is positive definite).
  const L = new Float64Array(n * n);
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) {
        const d = Math.sqrt(Math.max(s, 1e-300));
        L[i * n + i] = d;
        logDet += 2 * Math.log(d);
      } else L[i * n + j] = s / (L[j * n + j] as number);
    }
  }
  const sigma = Math.exp(logDet / (2 * n));
  for (let i = 0; i < n * n; i++) cov[i] = (cov[i] as number) / (sigma * sigma);
  return { mean, sigma, cov };
}
