import type { Leaf } from './regression-forest.js';

/**
 * The share of a tree's prediction variance (over the uniform distribution on the unit
 * cube) explained by each feature alone — fANOVA's main effects, computed exactly for an
 * axis-aligned tree: the marginal of feature j is piecewise constant between the leaves'
 * bounds on j, so its variance is a finite sum.
 */
export function treeMainEffects(leaves: readonly Leaf[], dims: number): { total: number; main: number[] } {
  const volume = leaves.map((leaf) => {
    let v = 1;
    for (let d = 0; d < dims; d++) v *= (leaf.upper[d] as number) - (leaf.lower[d] as number);
    return v;
  });
  let mu = 0;
  let second = 0;
  leaves.forEach((leaf, i) => {
    mu += (volume[i] as number) * leaf.value;
    second += (volume[i] as number) * leaf.value * leaf.value;
  });
  const total = Math.max(0, second - mu * mu);
  const main: number[] = [];
  for (let j = 0; j < dims; j++) {
    const points = new Set<number>([0, 1]);
    for (const leaf of leaves) {
      points.add(leaf.lower[j] as number);
      points.add(leaf.upper[j] as number);
    }
    const cuts = [...points].sort((a, b) => a - b);
    let var2 = 0;
    for (let k = 0; k < cuts.length - 1; k++) {
      const a = cuts[k] as number;
      const b = cuts[k + 1] as number;
      if (b <= a) continue;
      const mid = (a + b) / 2;
      let f = 0;
      leaves.forEach((leaf, i) => {
        const lo = leaf.lower[j] as number;
        const hi = leaf.upper[j] as number;
        if (mid >= lo && mid < hi) f += (leaf.value * (volume[i] as number)) / (hi - lo);
      });
      var2 += (b - a) * f * f;
    }
    main.push(Math.max(0, var2 - mu * mu));
  }
  return { total, main };
}
