import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, parseExpression, variablesOf } from '@hyperopt/symreg';
import { BENCH_FEYNMAN_EQUATION_IDS, FEYNMAN_EQUATIONS, feynmanDatasetName, feynmanEquation, QUICK_FEYNMAN_EQUATION_IDS } from './feynman.js';
import { validateBenchmark } from './validate.js';
import { FEYNMAN_BENCHMARK } from './feynman.js';
import { seededRandom } from '../data/rng.js';

const REFERENCE = new URL('../../../../../shared/reference/feynman/FeynmanEquations.csv', import.meta.url);

describe('the Feynman table', () => {
  it('holds 100 equations with unique ids and passes benchmark validation', () => {
    expect(FEYNMAN_EQUATIONS).toHaveLength(100);
    expect(new Set(FEYNMAN_EQUATIONS.map((e) => e.id)).size).toBe(100);
    expect(validateBenchmark(FEYNMAN_BENCHMARK)).toBe(FEYNMAN_BENCHMARK);
  });

  it.each(FEYNMAN_EQUATIONS.map((e) => [e.id, e] as const))('%s parses, uses exactly its variables and is finite over its ranges', (_id, equation) => {
    const names = equation.variables.map((v) => v.name);
    const expression = parseExpression(equation.formula, { variables: names });
    expect(variablesOf(expression).sort()).toEqual([...names].sort());
    const random = seededRandom(42);
    const rows = 500;
    const columns = Object.fromEntries(equation.variables.map((v) => [v.name, Float64Array.from({ length: rows }, () => v.low + (v.high - v.low) * random())]));
    const values = evaluateExpression(expression, columns);
    expect(values).toHaveLength(rows);
    const bad = Array.from(values).filter((value) => !Number.isFinite(value));
    expect(bad).toEqual([]);
  });

  it.runIf(existsSync(REFERENCE))('matches the AI Feynman reference CSV fact for fact', () => {
    const lines = readFileSync(REFERENCE, 'utf8').trim().split(/\r?\n/).slice(1);
    expect(lines).toHaveLength(100);
    lines.forEach((line, index) => {
      const cells = line.split(',');
      const equation = FEYNMAN_EQUATIONS[index];
      expect(equation?.id).toBe(cells[0]);
      expect(equation?.output).toBe(cells[2]);
      expect(equation?.formula).toBe(cells[3]);
      const variables = [];
      for (let v = 0; v < 10; v += 1) {
        const name = cells[5 + 3 * v];
        if (!name) break;
        variables.push({ name, low: Number(cells[6 + 3 * v]), high: Number(cells[7 + 3 * v]) });
      }
      expect(equation?.variables).toEqual(variables);
    });
  });

  it('finds equations by AI Feynman id or SRBench name, and names unknown ids', () => {
    expect(feynmanEquation('I.6.2a').formula).toBe('exp(-theta**2/2)/sqrt(2*pi)');
    expect(feynmanEquation('feynman_I_6_2a').id).toBe('I.6.2a');
    expect(feynmanDatasetName('II.11.27')).toBe('feynman_II_11_27');
    expect(() => feynmanEquation('I.99.9')).toThrow(/unknown Feynman equation id `I\.99\.9`/);
    for (const id of [...QUICK_FEYNMAN_EQUATION_IDS, ...BENCH_FEYNMAN_EQUATION_IDS]) expect(feynmanEquation(id).id).toBe(id);
  });
});
