/**
 * Coefficient of determination R² = 1 − SS_res / SS_tot (SRBench's accuracy metric).
 * Returns `null` when a prediction is not finite or the lengths differ; a constant
 * target scores 1 when predicted exactly and 0 otherwise.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  const n = yTrue.length;
  if (n === 0 || yPred.length !== n) return null;
  let mean = 0;
  for (let i = 0; i < n; i += 1) mean += yTrue[i] as number;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i += 1) {
    const t = yTrue[i] as number;
    const p = yPred[i] as number;
    if (!Number.isFinite(p)) return null;
    ssRes += (t - p) ** 2;
    ssTot += (t - mean) ** 2;
  }
  if (!Number.isFinite(ssRes)) return null;
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Mean squared error; `null` when a prediction is not finite or the lengths differ. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  const n = yTrue.length;
  if (n === 0 || yPred.length !== n) return null;
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += ((yTrue[i] as number) - (yPred[i] as number)) ** 2;
  return Number.isFinite(sum) ? sum / n : null;
}
