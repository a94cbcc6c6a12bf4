import type { FrozenTrial } from '@hyperopt/objective';

/** The best trial by the first objective, or undefined. */
export function bestTrialOf(trials: readonly FrozenTrial[], direction: 'minimize' | 'maximize'): FrozenTrial | undefined {
  let best: FrozenTrial | undefined;
  for (const t of trials) {
    const v = t.values?.[0];
    if (t.state !== 'COMPLETE' || v === undefined || Number.isNaN(v)) continue;
    const b = best?.values?.[0];
    if (b === undefined || (direction === 'maximize' ? v > b : v < b)) best = t;
  }
  return best;
}
