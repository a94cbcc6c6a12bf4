import { parseExpression, variablesOf } from '@hyperopt/symreg';
import type { Benchmark, BenchmarkEquation } from './benchmark.js';
import { SrRunnerError } from '../errors.js';

/**
 * Checks a benchmark and returns it: unique equation ids, unique variable names,
 * non-empty finite ranges, formulas that parse and use only declared variables.
 * Throws `SR_RUNNER_INVALID_BENCHMARK` naming the equation and the field.
 */
export function validateBenchmark(benchmark: Benchmark): Benchmark {
  const seen = new Set<string>();
  for (const equation of benchmark.equations) {
    const where = `benchmark \`${benchmark.name}\`, equation \`${equation.id}\``;
    if (seen.has(equation.id)) fail(`${where}: duplicate equation id \`${equation.id}\``);
    seen.add(equation.id);
    const names = declaredVariables(equation, where);
    if (equation.kind === 'formula') {
      for (const variable of equation.variables) {
        if (!Number.isFinite(variable.low) || !Number.isFinite(variable.high)) {
          fail(`${where}: range of \`${variable.name}\` must be finite, got [${variable.low}, ${variable.high}]`);
        }
        if (!(variable.high > variable.low)) {
          fail(`${where}: empty range for \`${variable.name}\`: expected low < high, got [${variable.low}, ${variable.high}]`);
        }
      }
    } else {
      checkDataset(equation, where);
    }
    if (equation.formula !== undefined) checkFormula(equation.formula, names, where);
  }
  return benchmark;
}

function declaredVariables(equation: BenchmarkEquation, where: string): Set<string> {
  const list = equation.kind === 'formula' ? equation.variables.map((v) => v.name) : equation.features;
  if (list.length === 0) fail(`${where}: needs at least one variable`);
  const names = new Set<string>();
  for (const name of list) {
    if (names.has(name)) fail(`${where}: duplicate variable \`${name}\``);
    names.add(name);
  }
  return names;
}

function checkFormula(formula: string, names: Set<string>, where: string): void {
  let expression;
  try {
    expression = parseExpression(formula);
  } catch (cause) {
    fail(`${where}: formula \`${formula}\` does not parse`, cause);
  }
  const unknown = variablesOf(expression).filter((name) => !names.has(name));
  if (unknown.length > 0) {
    fail(`${where}: formula \`${formula}\` uses unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `\`${n}\``).join(', ')} (declared: ${[...names].join(', ')})`);
  }
}

function checkDataset(equation: BenchmarkEquation & { kind: 'dataset' }, where: string): void {
  for (const [part, rows] of [['train', equation.train], ['test', equation.test]] as const) {
    if (rows.y.length === 0) fail(`${where}: the ${part} set has no rows`);
    for (const name of equation.features) {
      const column = rows.X[name];
      if (!column) fail(`${where}: the ${part} set has no column \`${name}\``);
      if (column.length !== rows.y.length) {
        fail(`${where}: column \`${name}\` of the ${part} set has ${column.length} rows, the target has ${rows.y.length}`);
      }
    }
  }
}

function fail(message: string, cause?: unknown): never {
  throw new SrRunnerError('SR_RUNNER_INVALID_BENCHMARK', message, { cause });
}
