/**
 * `numpy.nanpercentile(values, percentile)` with numpy's default "linear" method:
 * NaN values are dropped, the rest sorted, and the value at virtual index
 * `(n - 1)·q` interpolated between its neighbours with numpy's two-sided lerp (so
 * results match numpy bit for bit). NaN when no non-NaN value is left.
 */
export function nanPercentile(values: readonly number[], percentile: number): number {
  // A typed array sorts numerically in native code, NaN last; drop the NaNs after sorting.
  const all = Float64Array.from(values).sort();
  let n = all.length;
  while (n > 0 && Number.isNaN(all[n - 1] as number)) n--;
  const sorted = all.subarray(0, n);
  if (n === 0) return Number.NaN;
  const q = percentile / 100;
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return sorted[n - 1] as number;
  if (virtualIndex < 0) return sorted[0] as number;
  const below = Math.floor(virtualIndex);
  const gamma = virtualIndex - below;
  const a = sorted[below] as number;
  const b = sorted[below + 1] as number;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
