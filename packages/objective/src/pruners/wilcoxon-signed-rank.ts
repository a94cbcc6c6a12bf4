import { normalCdf, normalSf } from './normal-tail.js';

/** Alternative hypothesis about the differences' location (scipy's names). */
export type WilcoxonAlternative = 'two-sided' | 'greater' | 'less';

export interface WilcoxonResult {
  /** `r_plus` for a one-sided test, `min(r_plus, r_minus)` for a two-sided one. */
  readonly statistic: number;
  readonly pvalue: number;
  /** How the p-value was computed. */
  readonly method: 'exact' | 'permutation' | 'asymptotic';
}

/**
 * Wilcoxon signed-rank test of paired differences `d`, with zero differences split
 * half to each sign (scipy's `zero_method="zsplit"`, what Optuna's WilcoxonPruner
 * uses). The p-value follows current scipy's (≥ 1.13) `method="auto"`:
 * - up to 50 differences with no ties and no zeros: the exact null distribution;
 * - else up to 13 differences: an exact permutation test over all 2ⁿ sign flips;
 * - else: the normal approximation with the tie correction, no continuity correction.
 *
 * (scipy 1.10, Debian 12's, instead uses the exact distribution with ties too,
 * truncating `r_plus`, which is not symmetric in the alternative.) No differences → NaN.
 */
export function wilcoxonSignedRank(d: readonly number[], alternative: WilcoxonAlternative = 'two-sided'): WilcoxonResult {
  const n = d.length;
  if (n === 0) return { statistic: Number.NaN, pvalue: Number.NaN, method: 'exact' };
  const { ranks, tieSizes } = averageRanks(d.map(Math.abs));
  const rPlus = positiveRankSum(d, ranks, d);
  const total = (n * (n + 1)) / 2;
  const statistic = alternative === 'two-sided' ? Math.min(rPlus, total - rPlus) : rPlus;
  const hasZeros = d.some((x) => x === 0);

  if (n <= 50 && tieSizes.length === 0 && !hasZeros) {
    return { statistic, pvalue: exactPValue(n, rPlus, alternative), method: 'exact' };
  }
  if (n <= 13) {
    return { statistic, pvalue: permutationPValue(d, ranks, rPlus, alternative), method: 'permutation' };
  }
  const mean = total / 2;
  let variance = n * (n + 1) * (2 * n + 1);
  for (const t of tieSizes) variance -= 0.5 * (t * t * t - t);
  const z = (rPlus - mean) / Math.sqrt(variance / 24);
  const pvalue =
    alternative === 'two-sided' ? Math.min(1, 2 * normalSf(Math.abs(z))) : alternative === 'greater' ? normalSf(z) : normalCdf(z);
  return { statistic, pvalue, method: 'asymptotic' };
}

/** Sum of ranks of positive differences, plus half the ranks of zero ones (`signs` gives the signs). */
function positiveRankSum(d: readonly number[], ranks: readonly number[], signs: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    const s = signs[i] as number;
    if (s > 0) sum += ranks[i] as number;
    else if (s === 0) sum += (ranks[i] as number) / 2;
  }
  return sum;
}

/** Average ranks (1-based, ties share their mean rank) and the sizes of tie groups > 1. */
function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    if (j > i) tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}

const countsCache = new Map<number, number[]>();

/** Number of subsets of {1..n} with each sum 0..n(n+1)/2 (exact in doubles for n ≤ 50). */
function signedRankCounts(n: number): number[] {
  const cached = countsCache.get(n);
  if (cached) return cached;
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = (k * (k + 1)) / 2; s >= k; s--) counts[s] = (counts[s] as number) + (counts[s - k] as number);
  }
  countsCache.set(n, counts);
  return counts;
}

function exactPValue(n: number, rPlus: number, alternative: WilcoxonAlternative): number {
  const counts = signedRankCounts(n);
  const total = 2 ** n;
  const atMost = (k: number) => counts.slice(0, k + 1).reduce((a, b) => a + b, 0) / total;
  const atLeast = (k: number) => counts.slice(k).reduce((a, b) => a + b, 0) / total;
  if (alternative === 'greater') return atLeast(rPlus);
  if (alternative === 'less') return atMost(rPlus);
  return Math.min(1, 2 * Math.min(atLeast(rPlus), atMost(rPlus)));
}

/**
 * Exact permutation p-value over all 2ⁿ sign flips of `d` (as `scipy.stats.permutation_test`
 * with `permutation_type="samples"`, including its relative tolerance of 1e-14 on ties
 * with the observed statistic).
 */
function permutationPValue(d: readonly number[], ranks: readonly number[], observed: number, alternative: WilcoxonAlternative): number {
  const n = d.length;
  const patterns = 2 ** n;
  const gamma = Math.max(1e-14, Math.abs(1e-14 * observed));
  let greater = 0;
  let less = 0;
  const signs = new Array<number>(n);
  for (let mask = 0; mask < patterns; mask++) {
    for (let i = 0; i < n; i++) signs[i] = mask & (1 << i) ? -(d[i] as number) : (d[i] as number);
    const r = positiveRankSum(d, ranks, signs);
    if (r >= observed - gamma) greater++;
    if (r <= observed + gamma) less++;
  }
  if (alternative === 'greater') return greater / patterns;
  if (alternative === 'less') return less / patterns;
  return Math.min(1, 2 * Math.min(greater, less) / patterns);
}
