import { ObjectiveError, echo } from '../errors.js';
import { adjustSteppedHigh } from './decimal.js';
import type { CategoricalChoice, CategoricalDistribution, FloatDistribution, IntDistribution } from './index.js';

/** Options of {@link floatDistribution}. */
export interface FloatDistributionOptions {
  /**
   * Sample in log space (needs `low > 0`; not combinable with `step`).
   * @default false
   */
  log?: boolean;
  /**
   * Discretisation step; `high` is lowered to the last `low + k·step`.
   * @default null (continuous)
   */
  step?: number | null;
}

/** Options of {@link intDistribution}. */
export interface IntDistributionOptions {
  /**
   * Sample in log space (needs `low >= 1` and `step = 1`).
   * @default false
   */
  log?: boolean;
  /**
   * Step between values; `high` is lowered to the last `low + k·step`.
   * @default 1
   */
  step?: number;
}

function invalid(message: string): ObjectiveError {
  return new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', message);
}

function requireFinite(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`expected a finite number for \`${field}\`, got ${echo(value)}`);
  }
}

/** A float range, validated like Optuna's `FloatDistribution`. */
export function floatDistribution(low: number, high: number, options: FloatDistributionOptions = {}): FloatDistribution {
  const log = options.log ?? false;
  const step = options.step ?? null;
  requireFinite('low', low);
  requireFinite('high', high);
  if (log && step !== null) {
    throw invalid(`\`step\` is not supported when \`log\` is true (got step ${echo(step)})`);
  }
  if (low > high) throw invalid(`expected \`low\` <= \`high\`, got low ${echo(low)} and high ${echo(high)}`);
  if (log && low <= 0) throw invalid(`expected \`low\` > 0 for a log distribution, got ${echo(low)}`);
  let adjustedHigh = high;
  if (step !== null) {
    requireFinite('step', step);
    if (step <= 0) throw invalid(`expected a positive \`step\`, got ${echo(step)}`);
    adjustedHigh = adjustSteppedHigh(low, high, step);
  }
  return Object.freeze({ kind: 'float', low, high: adjustedHigh, log, step });
}

/** An integer range, validated like Optuna's `IntDistribution`. */
export function intDistribution(low: number, high: number, options: IntDistributionOptions = {}): IntDistribution {
  const log = options.log ?? false;
  const step = options.step ?? 1;
  for (const [field, value] of [['low', low], ['high', high], ['step', step]] as const) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw invalid(`expected a safe integer for \`${field}\`, got ${echo(value)}`);
    }
  }
  if (log && step !== 1) throw invalid(`\`step\` must be 1 when \`log\` is true, got ${echo(step)}`);
  if (low > high) throw invalid(`expected \`low\` <= \`high\`, got low ${echo(low)} and high ${echo(high)}`);
  if (log && low < 1) throw invalid(`expected \`low\` >= 1 for a log distribution, got ${echo(low)}`);
  if (step <= 0) throw invalid(`expected a positive \`step\`, got ${echo(step)}`);
  const adjustedHigh = Math.floor((high - low) / step) * step + low;
  return Object.freeze({ kind: 'int', low, high: adjustedHigh, log, step });
}

/** A finite set of choices (`null`, booleans, numbers, strings), like Optuna's `CategoricalDistribution`. */
export function categoricalDistribution(choices: readonly CategoricalChoice[]): CategoricalDistribution {
  if (!Array.isArray(choices) || choices.length === 0) {
    throw invalid(`expected a non-empty array for \`choices\`, got ${echo(choices)}`);
  }
  for (const choice of choices) {
    const type = typeof choice;
    if (!(choice === null || type === 'boolean' || type === 'number' || type === 'string')) {
      throw invalid(`expected every choice to be null, a boolean, a number or a string, got ${echo(choice)}`);
    }
  }
  return Object.freeze({ kind: 'categorical', choices: Object.freeze([...choices]) });
}
