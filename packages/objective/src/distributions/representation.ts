import { ObjectiveError, echo } from '../errors.js';
import { rangeBelowStep } from './decimal.js';
import type { CategoricalChoice, Distribution } from './index.js';

/** A parameter value as the objective sees it. */
export type ExternalValue = CategoricalChoice;

function sameChoice(a: CategoricalChoice, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Optuna's internal float representation of an external value: the number itself for
 * floats and ints, the choice's index for categoricals.
 */
export function toInternal(distribution: Distribution, value: unknown): number {
  if (distribution.kind === 'categorical') {
    const index = distribution.choices.findIndex((choice) => sameChoice(choice, value));
    if (index < 0) {
      throw new ObjectiveError(
        'OBJECTIVE_INVALID_ARGUMENT',
        `value ${echo(value)} is not one of the choices ${echo(distribution.choices)}`,
      );
    }
    return index;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a number (not NaN) for a ${distribution.kind} parameter, got ${echo(value)}`);
  }
  return value;
}

/** The external value of an internal representation. */
export function toExternal(distribution: Distribution, internal: number): ExternalValue {
  if (distribution.kind === 'float') return internal;
  if (distribution.kind === 'int') return Math.trunc(internal);
  const choice = distribution.choices[Math.trunc(internal)];
  if (choice === undefined) {
    throw new ObjectiveError(
      'OBJECTIVE_INVALID_ARGUMENT',
      `categorical index ${echo(internal)} is out of range for ${distribution.choices.length} choices`,
    );
  }
  return choice;
}

/** Whether an internal value lies in the distribution (Optuna's `_contains`). */
export function contains(distribution: Distribution, internal: number): boolean {
  if (distribution.kind === 'categorical') {
    const index = Math.trunc(internal);
    return index >= 0 && index < distribution.choices.length;
  }
  if (!(internal >= distribution.low && internal <= distribution.high)) return false;
  if (distribution.kind === 'int') return (internal - distribution.low) % distribution.step === 0;
  if (distribution.step === null) return true;
  const k = (internal - distribution.low) / distribution.step;
  return Math.abs(k - Math.round(k)) < 1e-8;
}

/** Whether the distribution holds exactly one value (Optuna's `single()`). */
export function isSingle(distribution: Distribution): boolean {
  if (distribution.kind === 'categorical') return distribution.choices.length === 1;
  if (distribution.low === distribution.high) return true;
  if (distribution.log) return false;
  if (distribution.kind === 'int') return distribution.high - distribution.low < distribution.step;
  if (distribution.step === null) return false;
  return rangeBelowStep(distribution.low, distribution.high, distribution.step);
}

/** The one value of a single-valued distribution, in external representation. */
export function singleValue(distribution: Distribution): ExternalValue {
  if (distribution.kind === 'categorical') return distribution.choices[0] ?? null;
  return distribution.low;
}
