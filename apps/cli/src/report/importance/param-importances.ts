import { fitForest } from './regression-forest.js';
import { treeMainEffects } from './fanova.js';

/** How a parameter maps into [0, 1] for the forest. */
export type ParamScale =
  | { readonly kind: 'float' | 'int'; readonly low: number; readonly high: number; readonly log: boolean }
  | { readonly kind: 'categorical'; readonly choices: readonly unknown[] };

/** One observation: a trial's params and its objective value. */
export interface Observation {
  readonly params: Readonly<Record<string, unknown>>;
  readonly value: number;
}

/** Encodes a value into [0, 1]; undefined when it cannot be placed. */
export function encodeParam(scale: ParamScale, value: unknown): number | undefined {
  if (scale.kind === 'categorical') {
    const index = scale.choices.findIndex((c) => c === value);
    return index < 0 ? undefined : (index + 0.5) / scale.choices.length;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (scale.high === scale.low) return 0.5;
  const t = scale.log ? (Math.log(value) - Math.log(scale.low)) / (Math.log(scale.high) - Math.log(scale.low)) : (value - scale.low) / (scale.high - scale.low);
  return Math.min(1, Math.max(0, t));
}

/**
 * Hyperparameter importances, fANOVA-style (the estimator Optuna uses by default): a
 * random forest of 64 regression trees is fitted on the trials' params (scaled to [0, 1],
 * log-scaled where the distribution is log; categorical choices as equal-width cells)
 * and objective values; each parameter's importance is the share of the prediction
 * variance explained by that parameter alone, averaged over trees and normalised to sum
 * to 1. Needs at least 2 observations with every parameter set; returns {} otherwise.
 */
export function paramImportances(space: Readonly<Record<string, ParamScale>>, observations: readonly Observation[], rng: () => number): Record<string, number> {
  const names = Object.keys(space);
  const rows: Float64Array[] = [];
  const y: number[] = [];
  for (const obs of observations) {
    if (!Number.isFinite(obs.value)) continue;
    const row = new Float64Array(names.length);
    let ok = true;
    names.forEach((name, i) => {
      const v = encodeParam(space[name] as ParamScale, obs.params[name]);
      if (v === undefined) ok = false;
      else row[i] = v;
    });
    if (ok) {
      rows.push(row);
      y.push(obs.value);
    }
  }
  if (rows.length < 2 || names.length === 0) return {};
  const forest = fitForest(rows, y, { rng });
  const sums = new Array<number>(names.length).fill(0);
  let used = 0;
  for (const leaves of forest) {
    const { total, main } = treeMainEffects(leaves, names.length);
    if (total <= 1e-300) continue;
    used += 1;
    main.forEach((m, i) => {
      sums[i] = (sums[i] as number) + m / total;
    });
  }
  const raw = sums.map((s) => (used === 0 ? 0 : s / used));
  const norm = raw.reduce((a, b) => a + b, 0);
  const result: Record<string, number> = {};
  names.forEach((name, i) => {
    result[name] = norm > 0 ? (raw[i] as number) / norm : 0;
  });
  return Object.fromEntries(Object.entries(result).sort((a, b) => b[1] - a[1]));
}
