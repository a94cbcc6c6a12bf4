import { isExactRecovery } from '@hyperopt/symreg';
import { rangesOf, type BenchmarkEquation } from '../benchmarks/benchmark.js';
import type { FitOutcome } from '../backends/backend.js';
import type { GeneratedData } from '../data/generate.js';
import { SrRunnerError, describeError } from '../errors.js';
import { meanSquaredError, r2Score } from '../metrics/regression.js';
import type { EquationRunItem } from './items.js';
import type { EquationRunResult, ResultError } from './result.js';

/** Identity of a result: which item, seed, backend and cache key. */
export interface ResultIdentity {
  readonly item: EquationRunItem;
  readonly seed: number;
  readonly backend: string;
  readonly backendVersion: string;
  readonly cacheKey: string;
}

/** Scores a successful fit: R² and MSE on train and test, exact recovery, complexity. */
export function scoreFit(identity: ResultIdentity, equation: BenchmarkEquation, data: GeneratedData, outcome: FitOutcome, wallMs: number): EquationRunResult {
  const trainPred = toNumbers(outcome.trainPred);
  const testPred = toNumbers(outcome.testPred);
  return {
    ...identityFields(identity),
    expression: outcome.expression,
    complexity: Number.isFinite(outcome.complexity) ? outcome.complexity : null,
    trainR2: r2Score(data.train.y, trainPred),
    testR2: r2Score(data.test.y, testPred),
    trainLoss: meanSquaredError(data.train.y, trainPred),
    testLoss: meanSquaredError(data.test.y, testPred),
    exactRecovery: exactRecovery(equation, outcome.expression, identity.seed),
    paretoFront: outcome.paretoFront.map((point) => ({
      expression: point.expression,
      complexity: point.complexity,
      loss: point.loss !== null && Number.isFinite(point.loss) ? point.loss : null,
    })),
    stopReason: outcome.stopReason,
    wallMs,
    error: null,
  };
}

/** A failed (equation, run) as data. */
export function errorResult(identity: ResultIdentity, error: unknown, wallMs: number): EquationRunResult {
  return {
    ...identityFields(identity),
    expression: null,
    complexity: null,
    trainR2: null,
    testR2: null,
    trainLoss: null,
    testLoss: null,
    exactRecovery: null,
    paretoFront: [],
    stopReason: null,
    wallMs,
    error: toResultError(error),
  };
}

/** Maps a thrown value to the error recorded in a result. */
export function toResultError(error: unknown): ResultError {
  const code = error instanceof SrRunnerError ? error.code : 'SR_RUNNER_FIT_FAILED';
  return { code, message: describeError(error), timedOut: code === 'SR_RUNNER_FIT_TIMEOUT', isCanceled: code === 'SR_RUNNER_ABORTED' };
}

function exactRecovery(equation: BenchmarkEquation, expression: string, seed: number): boolean | null {
  if (equation.formula === undefined) return null;
  try {
    return isExactRecovery(expression, equation.formula, { ranges: rangesOf(equation), seed });
  } catch {
    return false;
  }
}

function identityFields(identity: ResultIdentity) {
  return {
    equationId: identity.item.equationId,
    run: identity.item.run,
    seed: identity.seed,
    backend: identity.backend,
    backendVersion: identity.backendVersion,
    cacheKey: identity.cacheKey,
  };
}

function toNumbers(values: ArrayLike<number | null>): Float64Array {
  return Float64Array.from({ length: values.length }, (_, i) => values[i] ?? NaN);
}
