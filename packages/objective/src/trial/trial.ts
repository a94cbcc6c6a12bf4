import {
  categoricalDistribution,
  checkDistributionCompatibility,
  contains,
  floatDistribution,
  intDistribution,
  isSingle,
  singleValue,
  toExternal,
  toInternal,
  type CategoricalChoice,
  type Distribution,
  type FloatDistributionOptions,
  type IntDistributionOptions,
} from '../distributions/index.js';
import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { ParamValue } from '../samplers/base-sampler.js';
import type { TrialHost } from './trial-host.js';

/** The system attribute that holds an enqueued trial's fixed parameters (Optuna's `fixed_params`). */
export const FIXED_PARAMS_ATTR = 'fixed_params';

/**
 * A running trial (Optuna's `Trial`): the objective asks it for parameters and reports
 * intermediate values to it. All calls are synchronous and write through to the storage.
 */
export class Trial {
  /** Storage-wide id. */
  readonly trialId: number;
  /** Study-wide number, 0-based. */
  readonly number: number;
  /** The relative search space the sampler chose at creation. */
  readonly relativeSearchSpace: Readonly<Record<string, Distribution>>;
  /** The values the sampler chose for the relative search space. */
  readonly relativeParams: Readonly<Record<string, ParamValue>>;
  private readonly host: TrialHost;

  /** @internal Created by `Study.ask()`. */
  constructor(host: TrialHost, trialId: number) {
    this.host = host;
    this.trialId = trialId;
    const frozen = host.storage.getTrial(trialId);
    this.number = frozen.number;
    const sampler = host.sampler;
    sampler.beforeTrial?.(host.view, frozen);
    this.relativeSearchSpace = sampler.inferRelativeSearchSpace(host.view, frozen);
    this.relativeParams = sampler.sampleRelative(host.view, frozen, this.relativeSearchSpace);
  }

  /** A snapshot of the trial as stored now. */
  get frozen(): FrozenTrial {
    return this.host.storage.getTrial(this.trialId);
  }

  get params(): FrozenTrial['params'] {
    return this.frozen.params;
  }

  get distributions(): FrozenTrial['distributions'] {
    return this.frozen.distributions;
  }

  get userAttrs(): FrozenTrial['userAttrs'] {
    return this.frozen.userAttrs;
  }

  get systemAttrs(): FrozenTrial['systemAttrs'] {
    return this.frozen.systemAttrs;
  }

  get datetimeStart(): Date | undefined {
    return this.frozen.datetimeStart;
  }

  /**
   * A float in `[low, high]` (Optuna's `suggest_float`).
   * @example trial.suggestFloat('lr', 1e-5, 1e-1, { log: true })
   */
  suggestFloat(name: string, low: number, high: number, options: FloatDistributionOptions = {}): number {
    return this.suggest(name, floatDistribution(low, high, options)) as number;
  }

  /**
   * An integer in `[low, high]` (Optuna's `suggest_int`).
   * @example trial.suggestInt('layers', 1, 8)
   */
  suggestInt(name: string, low: number, high: number, options: IntDistributionOptions = {}): number {
    return this.suggest(name, intDistribution(low, high, options)) as number;
  }

  /**
   * One of `choices` (Optuna's `suggest_categorical`).
   * @example trial.suggestCategorical('optimizer', ['adam', 'sgd'] as const)
   */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.suggest(name, categoricalDistribution(choices)) as T;
  }

  /** Suggests a value for any distribution (what the three `suggest*` methods call). */
  suggest(name: string, distribution: Distribution): ParamValue {
    if (typeof name !== 'string' || name.length === 0) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-empty parameter name, got ${echo(name)}`);
    }
    const { storage, sampler, view } = this.host;
    const trial = storage.getTrial(this.trialId);
    const existing = trial.distributions[name];
    if (existing) {
      checkDistributionCompatibility(name, existing, distribution);
      return trial.params[name] as ParamValue;
    }
    let value: ParamValue;
    const fixed = this.fixedParam(trial, name);
    if (fixed.found) {
      value = fixed.value as ParamValue;
      if (!contains(distribution, toInternal(distribution, value))) {
        this.host.emit({ type: 'fixed-param-out-of-range', trialNumber: this.number, name, value });
      }
    } else if (isSingle(distribution)) {
      value = singleValue(distribution);
    } else if (this.isRelative(name, distribution)) {
      value = this.relativeParams[name] as ParamValue;
    } else {
      value = sampler.sampleIndependent(view, trial, name, distribution);
    }
    const internal = toInternal(distribution, value);
    storage.setTrialParam(this.trialId, name, internal, distribution);
    return toExternal(distribution, internal);
  }

  private fixedParam(trial: FrozenTrial, name: string): { found: boolean; value?: unknown } {
    const fixed = trial.systemAttrs[FIXED_PARAMS_ATTR];
    if (fixed === null || typeof fixed !== 'object' || Array.isArray(fixed) || !Object.hasOwn(fixed, name)) {
      return { found: false };
    }
    return { found: true, value: fixed[name] };
  }

  private isRelative(name: string, distribution: Distribution): boolean {
    if (!Object.hasOwn(this.relativeParams, name)) return false;
    const relative = this.relativeSearchSpace[name];
    if (!relative) {
      throw new ObjectiveError(
        'OBJECTIVE_INVALID_ARGUMENT',
        `the sampler returned relative param ${echo(name)} outside its relative search space`,
      );
    }
    checkDistributionCompatibility(name, relative, distribution);
    return contains(distribution, toInternal(distribution, this.relativeParams[name] as ParamValue));
  }

  /**
   * Reports an intermediate objective value at `step` (Optuna's `report`). A second
   * report for the same step is ignored (a `report-ignored` event).
   */
  report(value: number, step: number): void {
    this.requireSingleObjective('report');
    if (typeof value !== 'number') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a number for the reported \`value\`, got ${echo(value)}`);
    }
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-negative integer \`step\`, got ${echo(step)}`);
    }
    if (this.host.storage.getTrial(this.trialId).intermediateValues.has(step)) {
      this.host.emit({ type: 'report-ignored', trialNumber: this.number, step });
      return;
    }
    this.host.storage.setTrialIntermediateValue(this.trialId, step, value);
  }

  /** Asks the study's pruner whether to stop this trial now (then throw `TrialPruned`). */
  shouldPrune(): boolean {
    this.requireSingleObjective('shouldPrune');
    return this.host.pruner.prune(this.host.view, this.host.storage.getTrial(this.trialId));
  }

  setUserAttr(key: string, value: JsonValue): void {
    this.host.storage.setTrialUserAttr(this.trialId, key, value);
  }

  setSystemAttr(key: string, value: JsonValue): void {
    this.host.storage.setTrialSystemAttr(this.trialId, key, value);
  }

  private requireSingleObjective(method: string): void {
    if (this.host.view.directions.length > 1) {
      throw new ObjectiveError(
        'OBJECTIVE_OBJECTIVE_COUNT',
        `\`${method}\` is not supported for multi-objective studies (${this.host.view.directions.length} objectives)`,
      );
    }
  }
}
