/**
 * Parameter distributions with Optuna's semantics and internal representation:
 * floats and ints are stored as their float value, categoricals as the index of the
 * choice. `toInternal`/`toExternal` convert; `contains` checks an internal value.
 *
 * JSON (de)serialisation in Optuna's journal format lives in `./serialize.ts`.
 */
export type CategoricalChoice = null | boolean | number | string;

export interface FloatDistribution {
  readonly kind: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** Discretisation step, or `null` for a continuous range. */
  readonly step: number | null;
}

export interface IntDistribution {
  readonly kind: 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly choices: readonly CategoricalChoice[];
}

export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

export { floatDistribution, intDistribution, categoricalDistribution } from './factories.js';
export type { FloatDistributionOptions, IntDistributionOptions } from './factories.js';
export { toInternal, toExternal, contains, isSingle, singleValue } from './representation.js';
export type { ExternalValue } from './representation.js';
export { checkDistributionCompatibility, areDistributionsCompatible } from './compatibility.js';
export { distributionsEqual } from './equality.js';
export { distributionToJson, distributionFromJson } from './serialize.js';
