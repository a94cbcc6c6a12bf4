import { describe, expect, it } from 'vitest';
import { SymregError } from '../errors.js';
import { evaluateAtPoint } from '../evaluation/evaluate.js';
import { binary, constant, unary, variable } from './expression.js';
import { parseExpression } from './parse.js';

describe('parseExpression', () => {
  it('respects precedence and associativity', () => {
    expect(parseExpression('a - b - c')).toEqual(binary('-', binary('-', variable('a'), variable('b')), variable('c')));
    expect(parseExpression('a / b * c')).toEqual(binary('*', binary('/', variable('a'), variable('b')), variable('c')));
    expect(parseExpression('a ^ b ^ c')).toEqual(binary('^', variable('a'), binary('^', variable('b'), variable('c'))));
    expect(parseExpression('-x^2')).toEqual(unary('neg', binary('^', variable('x'), constant(2))));
    expect(parseExpression('x**-2')).toEqual(binary('^', variable('x'), constant(-2)));
    expect(parseExpression('2.5e-3 + .5')).toEqual(binary('+', constant(0.0025), constant(0.5)));
  });

  it('reads the Feynman formulas with their values', () => {
    const gauss = parseExpression('exp(-theta^2/2)/sqrt(2*pi)', { variables: ['theta'] });
    expect(evaluateAtPoint(gauss, { theta: 1.5 })).toBeCloseTo(Math.exp(-1.125) / Math.sqrt(2 * Math.PI), 14);
    const rel = parseExpression('m_0/sqrt(1-v^2/c^2)', { variables: ['m_0', 'v', 'c'] });
    expect(evaluateAtPoint(rel, { m_0: 2, v: 1, c: 4 })).toBeCloseTo(2 / Math.sqrt(1 - 1 / 16), 14);
    const asin = parseExpression('arcsin(x) + arctan(y) + acos(x) + tanh(y) + abs(-x) + square(y) + cube(x) + ln(e)');
    expect(evaluateAtPoint(asin, { x: 0.5, y: 0.25 })).toBeCloseTo(
      Math.asin(0.5) + Math.atan(0.25) + Math.acos(0.5) + Math.tanh(0.25) + 0.5 + 0.0625 + 0.125 + 1,
      14,
    );
    expect(evaluateAtPoint(parseExpression('pow(x, 3)'), { x: 2 })).toBe(8);
  });

  it('uses pi and e as constants unless they are variables', () => {
    expect(parseExpression('pi*e')).toEqual(binary('*', constant(Math.PI), constant(Math.E)));
    expect(parseExpression('e*x', { variables: ['e', 'x'] })).toEqual(binary('*', variable('e'), variable('x')));
  });

  it('names the position and token of an error', () => {
    const attempt = (formula: string, variables?: string[]) => {
      try {
        parseExpression(formula, variables ? { variables } : {});
      } catch (error) {
        return error as SymregError;
      }
      throw new Error(`no error for ${formula}`);
    };
    const e1 = attempt('x + * y');
    expect(e1).toBeInstanceOf(SymregError);
    expect(e1.code).toBe('SYMREG_PARSE_ERROR');
    expect(e1.message).toContain('position 4');
    expect(e1.message).toContain('"*"');
    expect(attempt('foo(x)').message).toContain('unknown function');
    expect(attempt('(x + 1').message).toContain('<end>');
    expect(attempt('x $ y').message).toContain('"$"');
    const unknown = attempt('x + zz', ['x']);
    expect(unknown.code).toBe('SYMREG_PARSE_ERROR');
    expect(unknown.message).toContain('"zz"');
    expect(unknown.message).toContain('position 4');
  });
});
