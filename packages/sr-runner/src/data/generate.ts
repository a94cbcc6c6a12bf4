import { evaluateExpression, parseExpression } from '@hyperopt/symreg';
import type { BenchmarkEquation, FormulaEquation } from '../benchmarks/benchmark.js';
import { SrRunnerError } from '../errors.js';
import { gaussian, seededRandom } from './rng.js';

/** How to turn an equation into data. */
export interface DataSpec {
  /** Rows generated per fit (train + test) for formula equations. */
  readonly rows: number;
  /** Share of rows held out for testing. */
  readonly testFraction: number;
  /**
   * Gaussian noise on the training target, as a fraction of the target's RMS
   * (SRBench's `target_noise`: sd = noise × sqrt(mean(y²))). Test targets stay clean.
   */
  readonly noise: number;
}

/** Column-major data: one array per variable, in `variableNames` order. */
export interface DataSplit {
  readonly X: Float64Array[];
  readonly y: Float64Array;
}

/** The data of one (equation, seed). */
export interface GeneratedData {
  readonly variableNames: string[];
  readonly train: DataSplit;
  readonly test: DataSplit;
}

const MAX_RESAMPLE_ROUNDS = 20;

/**
 * Generates (or, for dataset equations, copies) the data of one fit. Formula equations:
 * every variable uniform in its range, deterministic from `seed`; rows where the
 * formula is not finite are redrawn; the last `testFraction` of rows are the test set;
 * noise (when > 0) is added to the training target only.
 */
export function generateData(equation: BenchmarkEquation, spec: DataSpec, seed: number): GeneratedData {
  const random = seededRandom(seed);
  if (equation.kind === 'dataset') {
    const variableNames = [...equation.features];
    const split = (rows: { X: Readonly<Record<string, readonly number[]>>; y: readonly number[] }): DataSplit => ({
      X: variableNames.map((name) => Float64Array.from(rows.X[name] ?? [])),
      y: Float64Array.from(rows.y),
    });
    const train = split(equation.train);
    return { variableNames, train: { X: train.X, y: addNoise(train.y, spec.noise, random) }, test: split(equation.test) };
  }
  const { names, columns, y } = sampleFormula(equation, spec.rows, random);
  const cut = Math.round(spec.rows * (1 - spec.testFraction));
  if (cut < 1 || cut >= spec.rows) {
    throw new SrRunnerError('SR_RUNNER_INVALID_OPTIONS', `\`rows\` = ${spec.rows} with \`testFraction\` = ${spec.testFraction} leaves an empty train or test set`);
  }
  const trainY = y.slice(0, cut);
  return {
    variableNames: names,
    train: { X: columns.map((c) => c.slice(0, cut)), y: addNoise(trainY, spec.noise, random) },
    test: { X: columns.map((c) => c.slice(cut)), y: y.slice(cut) },
  };
}

function sampleFormula(equation: FormulaEquation, rows: number, random: () => number) {
  const names = equation.variables.map((v) => v.name);
  const expression = parseExpression(equation.formula, { variables: names });
  const columns = equation.variables.map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  let pending = Array.from({ length: rows }, (_, index) => index);
  for (let round = 0; round < MAX_RESAMPLE_ROUNDS && pending.length > 0; round += 1) {
    const draw = equation.variables.map((v) => Float64Array.from(pending, () => v.low + (v.high - v.low) * random()));
    const values = evaluateExpression(expression, Object.fromEntries(names.map((name, i) => [name, draw[i] ?? new Float64Array(0)])));
    const still: number[] = [];
    pending.forEach((row, k) => {
      const value = values[k] ?? NaN;
      if (!Number.isFinite(value)) {
        still.push(row);
        return;
      }
      y[row] = value;
      draw.forEach((column, i) => {
        (columns[i] as Float64Array)[row] = column[k] ?? NaN;
      });
    });
    pending = still;
  }
  if (pending.length > 0) {
    throw new SrRunnerError(
      'SR_RUNNER_DATA_NOT_FINITE',
      `equation \`${equation.id}\`: formula \`${equation.formula}\` is not finite at ${pending.length} of ${rows} sample points after ${MAX_RESAMPLE_ROUNDS} redraws; check the variable ranges`,
    );
  }
  return { names, columns, y };
}

function addNoise(y: Float64Array, noise: number, random: () => number): Float64Array {
  if (noise <= 0) return y;
  let sumSquares = 0;
  for (const value of y) sumSquares += value * value;
  const sd = noise * Math.sqrt(sumSquares / y.length);
  const normal = gaussian(random);
  return y.map((value) => value + sd * normal());
}
