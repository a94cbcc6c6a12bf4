import { z } from 'zod';
import type { FrozenTrial } from '../frozen-trial.js';
import type { StudyView } from '../study-view.js';
import type { BasePruner } from './base-pruner.js';
import { BracketStudyView } from './bracket-study-view.js';
import { correctlyRoundedLog } from './correctly-rounded-log.js';
import { crc32 } from './crc32.js';
import { intAtLeast, invalidPrunerOption, nonNegativeInt, parsePrunerOptions } from './pruner-options.js';
import { lastStep } from './pruning-steps.js';
import { SuccessiveHalvingPruner } from './successive-halving-pruner.js';

/** Options of {@link HyperbandPruner}. */
export interface HyperbandPrunerOptions {
  /**
   * Steps a trial runs before the first rung of the most aggressive bracket.
   * @default 1
   */
  minResource?: number;
  /**
   * The most steps a trial runs (Hyperband's `R`). `"auto"` takes, once a trial has
   * completed, its largest last step + 1 over the completed trials, and keeps it.
   * @default "auto"
   */
  maxResource?: number | 'auto';
  /**
   * Promotion ratio of every bracket's successive halving (`η`); at least 2.
   * @default 3
   */
  reductionFactor?: number;
  /**
   * Trials that must reach a rung before any is promoted; needs a numeric `maxResource`.
   * @default 0
   */
  bootstrapCount?: number;
}

const schema = z
  .object({
    minResource: intAtLeast(1).default(1),
    maxResource: z.union([z.literal('auto'), intAtLeast(1)]).default('auto'),
    reductionFactor: intAtLeast(2).default(3),
    bootstrapCount: nonNegativeInt.default(0),
  })
  .strict();

/**
 * Optuna's `HyperbandPruner`: several {@link SuccessiveHalvingPruner} brackets, bracket
 * `s` with `minEarlyStoppingRate = s`. There are `floor(log_η(maxResource /
 * minResource)) + 1` brackets; bracket `s` gets a share of trials proportional to
 * `ceil(nBrackets · η^(nBrackets−1−s) / (nBrackets−s))`, and a trial goes to the bracket
 * picked by `crc32("<studyName>_<trialNumber>")` modulo the total, exactly as Optuna
 * does, so a study shared with Python Optuna assigns the same brackets. Each bracket
 * judges a trial against the trials of its own bracket only.
 *
 * Not replicated: Optuna also narrows the study its *sampler* sees to the trial's
 * bracket (`optuna.pruners._filter_study`). Here the study decides that; it can call
 * {@link HyperbandPruner.filterStudy} to do the same.
 *
 * @example
 * ```ts
 * const pruner = new HyperbandPruner({ minResource: 1, maxResource: 100, reductionFactor: 3 });
 * ```
 */
export class HyperbandPruner implements BasePruner {
  readonly #minResource: number;
  #maxResource: number | 'auto';
  readonly #reductionFactor: number;
  readonly #bootstrapCount: number;
  #brackets: SuccessiveHalvingPruner[] = [];
  #budgets: number[] = [];
  #totalBudget = 0;
  /** Bracket ids by study name, indexed by trial number (crc32 per trial only once). */
  readonly #bracketCache = new Map<string, number[]>();

  constructor(options: HyperbandPrunerOptions = {}) {
    const parsed = parsePrunerOptions('HyperbandPruner', schema, options);
    if (parsed.bootstrapCount > 0 && parsed.maxResource === 'auto') {
      throw invalidPrunerOption(
        'HyperbandPruner',
        `\`bootstrapCount\` > 0 needs a numeric \`maxResource\`, got bootstrapCount ${parsed.bootstrapCount} with maxResource "auto"`,
      );
    }
    if (parsed.maxResource !== 'auto' && parsed.maxResource < parsed.minResource) {
      throw invalidPrunerOption(
        'HyperbandPruner',
        `expected \`maxResource\` >= \`minResource\`, got maxResource ${parsed.maxResource} and minResource ${parsed.minResource}`,
      );
    }
    this.#minResource = parsed.minResource;
    this.#maxResource = parsed.maxResource;
    this.#reductionFactor = parsed.reductionFactor;
    this.#bootstrapCount = parsed.bootstrapCount;
  }

  /** Number of brackets, or `undefined` until `maxResource: "auto"` could be resolved. */
  get nBrackets(): number | undefined {
    return typeof this.#maxResource === 'number' ? this.#brackets.length : undefined;
  }

  /** Each bracket's share of trials, in bracket order (empty until resolved). */
  get trialAllocationBudgets(): readonly number[] {
    return this.#budgets;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (this.#brackets.length === 0) {
      this.#initialize(study);
      if (this.#brackets.length === 0) return false;
    }
    const bracket = this.bracketOf(study.studyName, trial.number);
    return (this.#brackets[bracket] as SuccessiveHalvingPruner).prune(this.#bracketStudy(study, bracket), trial);
  }

  /**
   * The bracket a trial belongs to (0 while the brackets are not set up yet).
   * @param studyName the study's name, part of the hash as in Optuna
   */
  bracketOf(studyName: string, trialNumber: number): number {
    if (this.#brackets.length === 0) return 0;
    let cache = this.#bracketCache.get(studyName);
    if (cache === undefined) {
      cache = [];
      this.#bracketCache.set(studyName, cache);
    }
    const cached = cache[trialNumber];
    if (cached !== undefined) return cached;
    let n = crc32(`${studyName}_${trialNumber}`) % this.#totalBudget;
    for (let bracket = 0; bracket < this.#budgets.length; bracket++) {
      n -= this.#budgets[bracket] as number;
      if (n < 0) {
        cache[trialNumber] = bracket;
        return bracket;
      }
    }
    /* c8 ignore next */
    throw new Error('unreachable: the budgets sum to the total');
  }

  /**
   * The study restricted to the trials of `trial`'s bracket, as Optuna gives its
   * sampler when the study's pruner is a Hyperband pruner. Returns `study` itself
   * while the brackets are not set up.
   */
  filterStudy(study: StudyView, trial: FrozenTrial): StudyView {
    if (this.#brackets.length === 0) return study;
    return this.#bracketStudy(study, this.bracketOf(study.studyName, trial.number));
  }

  #bracketStudy(study: StudyView, bracket: number): StudyView {
    const name = study.studyName;
    return new BracketStudyView(study, (t) => this.bracketOf(name, t.number) === bracket);
  }

  #initialize(study: StudyView): void {
    if (this.#maxResource === 'auto') {
      let last: number | undefined;
      for (const t of study.getTrials({ states: ['COMPLETE'] })) {
        const s = lastStep(t);
        if (s !== undefined && (last === undefined || s > last)) last = s;
      }
      if (last === undefined) return;
      this.#maxResource = last + 1;
    }
    const eta = this.#reductionFactor;
    // Optuna's `floor(math.log(max / min, eta)) + 1` with a correctly rounded log (as
    // glibc's), so the count matches Python even where the ratio lands a hair below an integer.
    const nBrackets = Math.floor(correctlyRoundedLog(this.#maxResource / this.#minResource) / correctlyRoundedLog(eta)) + 1;
    for (let bracket = 0; bracket < nBrackets; bracket++) {
      const s = nBrackets - 1 - bracket;
      const budget = Math.ceil((nBrackets * eta ** s) / (s + 1));
      this.#budgets.push(budget);
      this.#totalBudget += budget;
      this.#brackets.push(
        new SuccessiveHalvingPruner({
          minResource: this.#minResource,
          reductionFactor: eta,
          minEarlyStoppingRate: bracket,
          bootstrapCount: this.#bootstrapCount,
        }),
      );
    }
  }
}
