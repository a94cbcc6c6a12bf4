import type { Distribution } from '../distributions/index.js';

/**
 * Optuna's search-space transform for one parameter: log scale for log distributions,
 * half a step beyond each end for discrete ones, categoricals by index. TPE's Parzen
 * estimator, CMA-ES, QMC and NSGA-II all work in this space.
 */
export type ParzenDimension =
  | {
      readonly kind: 'numerical';
      readonly low: number;
      readonly high: number;
      /** Grid step of a discrete dimension, or null. */
      readonly q: number | null;
      readonly log: boolean;
      readonly distribution: Exclude<Distribution, { kind: 'categorical' }>;
    }
  | { readonly kind: 'categorical'; readonly nChoices: number };

/** Optuna's Parzen bounds for a distribution. */
export function toParzenDimension(distribution: Distribution): ParzenDimension {
  if (distribution.kind === 'categorical') return { kind: 'categorical', nChoices: distribution.choices.length };
  const { low, high, log } = distribution;
  const step = distribution.step;
  if (distribution.kind === 'float') {
    if (log) return { kind: 'numerical', low: Math.log(low), high: Math.log(high), q: null, log, distribution };
    if (step !== null) return { kind: 'numerical', low: low - 0.5 * step, high: high + 0.5 * step, q: step, log, distribution };
    return { kind: 'numerical', low, high, q: null, log, distribution };
  }
  if (log) return { kind: 'numerical', low: Math.log(low - 0.5), high: Math.log(high + 0.5), q: null, log, distribution };
  return { kind: 'numerical', low: low - 0.5 * (step as number), high: high + 0.5 * (step as number), q: step, log, distribution };
}


/** Maps a value of the uniform space back to the distribution's internal value (rounded, clipped). */
export function fromUniform(dim: Extract<ParzenDimension, { kind: 'numerical' }>, x: number): number {
  const dist = dim.distribution;
  if (dist.kind === 'float') {
    if (dist.log) return Math.min(Math.max(Math.exp(x), dist.low), dist.high);
    if (dist.step === null) return Math.min(Math.max(x, dist.low), dist.high);
    const v = Math.round((x - dist.low) / dist.step) * dist.step + dist.low;
    return Math.min(Math.max(v, dist.low), dist.high);
  }
  if (dist.log) return Math.min(Math.max(Math.round(Math.exp(x)), dist.low), dist.high);
  const v = Math.round((x - dist.low) / dist.step) * dist.step + dist.low;
  return Math.min(Math.max(v, dist.low), dist.high);
}
