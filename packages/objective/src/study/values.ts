import { ObjectiveError, echo } from '../errors.js';

/**
 * Checks objective values like Optuna's `_check_values_are_feasible`: one finite-or-
 * infinite, non-NaN number per objective. Returns the reason they are not acceptable,
 * or `undefined` when they are.
 */
export function valuesProblem(values: readonly unknown[], nObjectives: number): string | undefined {
  for (const value of values) {
    if (typeof value !== 'number') return `the objective returned ${echo(value)}, which is not a number`;
    if (Number.isNaN(value)) return 'the objective returned NaN';
  }
  if (values.length !== nObjectives) {
    return `the objective returned ${values.length} values but the study has ${nObjectives} objective(s)`;
  }
  return undefined;
}

/** Normalises `number | number[]` to an array, rejecting anything else. */
export function asValueArray(result: unknown): unknown[] | undefined {
  if (result === undefined || result === null) return undefined;
  if (Array.isArray(result)) return [...(result as unknown[])];
  return [result];
}

export function requireValues(values: readonly unknown[], nObjectives: number): number[] {
  const problem = valuesProblem(values, nObjectives);
  if (problem !== undefined) throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', problem);
  return values as number[];
}
