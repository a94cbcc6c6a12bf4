import { describe, expect, it } from 'vitest';
import { parseExpression } from '../expression/parse.js';
import { nestingRules, respectsNesting } from './nesting.js';
import { resolveOptions } from './options.js';

describe('nested constraints', () => {
  const rules = nestingRules({ sin: { sin: 0, cos: 0 }, exp: { exp: 1 }, '/': { '/': 0 } });
  const ok = (formula: string) => respectsNesting(parseExpression(formula), rules);

  it('limits nestings of inner operators inside outer ones', () => {
    expect(ok('sin(x) + cos(sin(x))')).toBe(true);
    expect(ok('sin(cos(x))')).toBe(false);
    expect(ok('sin(x + sin(y))')).toBe(false);
    expect(ok('exp(exp(x))')).toBe(true);
    expect(ok('exp(exp(exp(x)))')).toBe(false);
    expect(ok('exp(x + exp(y)) * exp(exp(z))')).toBe(true);
    expect(ok('x / (y / z)')).toBe(false);
    expect(ok('x / y + z / x')).toBe(true);
  });

  it('is validated as an option', () => {
    expect(resolveOptions({ nestedConstraints: { sin: { cos: 0 } } }).nestedConstraints).toEqual({ sin: { cos: 0 } });
    expect(() => resolveOptions({ nestedConstraints: { sin: { frob: 0 } } })).toThrow(/`nestedConstraints`.*frob/);
    expect(() => resolveOptions({ nestedConstraints: { sin: { cos: -1 } } })).toThrow(/nestedConstraints/);
  });
});
