/** One leaf of a regression tree: a box in the unit cube and the tree's prediction inside it. */
export interface Leaf {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly value: number;
}

/** Options of {@link fitForest}. */
export interface ForestOptions {
  /** @default 64 */
  trees?: number;
  /** @default 12 */
  maxDepth?: number;
  /** @default 1 */
  minSamplesLeaf?: number;
  /** Uniform random numbers in [0, 1) (bootstrap samples). */
  rng: () => number;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Grows one CART regression tree by variance reduction over every feature (thresholds
 * at midpoints between distinct values), and returns its leaves as boxes of [0, 1]^d.
 */
function growTree(x: readonly Float64Array[], y: readonly number[], rows: number[], depth: number, lower: Float64Array, upper: Float64Array, options: Required<Omit<ForestOptions, 'rng'>>, leaves: Leaf[]): void {
  const values = rows.map((r) => y[r] as number);
  const nodeMean = mean(values);
  const dims = lower.length;
  let best: { feature: number; threshold: number; gain: number; left: number[]; right: number[] } | undefined;
  if (depth < options.maxDepth && rows.length >= 2 * options.minSamplesLeaf) {
    let sse = 0;
    for (const v of values) sse += (v - nodeMean) ** 2;
    if (sse > 1e-15) {
      for (let f = 0; f < dims; f++) {
        const sorted = [...rows].sort((a, b) => (x[a] as Float64Array)[f]! - (x[b] as Float64Array)[f]!);
        let leftSum = 0;
        let leftSq = 0;
        let totalSum = 0;
        let totalSq = 0;
        for (const r of sorted) {
          totalSum += y[r] as number;
          totalSq += (y[r] as number) ** 2;
        }
        for (let i = 0; i < sorted.length - 1; i++) {
          const yi = y[sorted[i] as number] as number;
          leftSum += yi;
          leftSq += yi * yi;
          const here = (x[sorted[i] as number] as Float64Array)[f] as number;
          const next = (x[sorted[i + 1] as number] as Float64Array)[f] as number;
          const nLeft = i + 1;
          const nRight = sorted.length - nLeft;
          if (here === next || nLeft < options.minSamplesLeaf || nRight < options.minSamplesLeaf) continue;
          const leftSse = leftSq - (leftSum * leftSum) / nLeft;
          const rightSse = totalSq - leftSq - ((totalSum - leftSum) * (totalSum - leftSum)) / nRight;
          const gain = sse - leftSse - rightSse;
          if (best === undefined || gain > best.gain + 1e-12) {
            best = { feature: f, threshold: (here + next) / 2, gain, left: sorted.slice(0, nLeft), right: sorted.slice(nLeft) };
          }
        }
      }
    }
  }
  if (best === undefined || best.gain <= 1e-15) {
    leaves.push({ lower, upper, value: nodeMean });
    return;
  }
  const leftUpper = Float64Array.from(upper);
  leftUpper[best.feature] = best.threshold;
  const rightLower = Float64Array.from(lower);
  rightLower[best.feature] = best.threshold;
  growTree(x, y, best.left, depth + 1, lower, leftUpper, options, leaves);
  growTree(x, y, best.right, depth + 1, rightLower, upper, options, leaves);
}

/** Fits a random forest (bootstrap samples, full trees) on points of [0, 1]^d; returns each tree's leaves. */
export function fitForest(x: readonly Float64Array[], y: readonly number[], options: ForestOptions): Leaf[][] {
  const resolved = { trees: options.trees ?? 64, maxDepth: options.maxDepth ?? 12, minSamplesLeaf: options.minSamplesLeaf ?? 1 };
  const dims = x[0]?.length ?? 0;
  const forest: Leaf[][] = [];
  for (let t = 0; t < resolved.trees; t++) {
    const rows = Array.from({ length: x.length }, () => Math.min(x.length - 1, Math.floor(options.rng() * x.length)));
    const leaves: Leaf[] = [];
    growTree(x, y, rows, 0, new Float64Array(dims).fill(0), new Float64Array(dims).fill(1), resolved, leaves);
    forest.push(leaves);
  }
  return forest;
}
