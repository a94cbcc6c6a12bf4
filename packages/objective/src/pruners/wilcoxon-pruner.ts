import { z } from 'zod';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { nonNegativeInt, parsePrunerOptions } from './pruner-options.js';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.js';

/** Options of {@link WilcoxonPruner}. */
export interface WilcoxonPrunerOptions {
  /**
   * Prune when the one-sided signed-rank test says the trial is worse than the best
   * trial with a p-value below this (in [0, 1]); larger prunes more.
   * @default 0.1
   */
  pThreshold?: number;
  /**
   * No pruning until the trial shares this many steps with the best trial.
   * @default 0
   */
  nStartupSteps?: number;
}

const schema = z
  .object({ pThreshold: z.number().min(0).max(1).default(0.1), nStartupSteps: nonNegativeInt.default(0) })
  .strict();

/**
 * Optuna's `WilcoxonPruner` (Optuna ≥ 3.6), for objectives that aggregate many
 * evaluations (one per problem instance, fold, …) reported as steps, in any order.
 * At each report the trial's values are paired, step by step, with the best complete
 * trial's values; a one-sided Wilcoxon signed-rank test of the differences (zeros
 * split between the signs) gives the p-value that the trial is not worse. The trial
 * is pruned when that p-value is below `pThreshold` — unless the average of its values
 * is at least as good as the best trial's average, which keeps it for safety.
 *
 * Never prunes when there is no complete trial, when the best trial reported nothing,
 * or when either trial has a NaN or infinite value (Optuna also warns then; this
 * package does not log).
 *
 * @example
 * ```ts
 * const pruner = new WilcoxonPruner({ pThreshold: 0.1 });
 * ```
 */
export class WilcoxonPruner implements BasePruner {
  readonly #pThreshold: number;
  readonly #nStartupSteps: number;

  constructor(options: WilcoxonPrunerOptions = {}) {
    const parsed = parsePrunerOptions('WilcoxonPruner', schema, options);
    this.#pThreshold = parsed.pThreshold;
    this.#nStartupSteps = parsed.nStartupSteps;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const mine = trial.intermediateValues;
    if (mine.size === 0 || !allFinite(mine.values())) return false;
    const best = bestCompleteTrial(study);
    if (best === undefined) return false;
    const theirs = best.intermediateValues;
    if (theirs.size === 0 || !allFinite(theirs.values())) return false;

    const common = [...mine.keys()].filter((s) => theirs.has(s)).sort((a, b) => a - b);
    const diffs = common.map((s) => (mine.get(s) as number) - (theirs.get(s) as number));
    if (diffs.length < this.#nStartupSteps) return false;

    const maximize = study.direction === 'maximize';
    const myMean = mean(mine.values(), mine.size);
    const bestMean = mean(theirs.values(), theirs.size);
    const averageIsBest = maximize ? bestMean <= myMean : bestMean >= myMean;
    const { pvalue } = wilcoxonSignedRank(diffs, maximize ? 'less' : 'greater');
    return pvalue < this.#pThreshold && !averageIsBest;
  }
}

function allFinite(values: Iterable<number>): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}

/** Sum in report order, then divide (as Python's `sum(values) / len(values)`). */
function mean(values: Iterable<number>, n: number): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / n;
}

/** The best COMPLETE trial (the first one on ties), as Optuna's `study.best_trial`. */
function bestCompleteTrial(study: StudyView): FrozenTrial | undefined {
  const maximize = study.direction === 'maximize';
  let best: FrozenTrial | undefined;
  for (const t of study.getTrials({ states: ['COMPLETE'] })) {
    if (t.value === undefined || Number.isNaN(t.value)) continue;
    if (best === undefined || (maximize ? t.value > (best.value as number) : t.value < (best.value as number))) best = t;
  }
  return best;
}
