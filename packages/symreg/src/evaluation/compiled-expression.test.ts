import { describe, expect, it } from 'vitest';
import { parseExpression } from '../expression/parse.js';
import { compileExpression } from './compiled-expression.js';

describe('compileExpression', () => {
  it('evaluates repeatedly with the given variable order', () => {
    const compiled = compileExpression(parseExpression('a / b + 1'), ['b', 'a']);
    expect(compiled.size).toBe(5);
    const b = Float64Array.of(2, 4);
    const a = Float64Array.of(1, 2);
    expect([...compiled.evaluate([b, a])]).toEqual([1.5, 1.5]);
    expect([...compiled.evaluate([a, b], 1)]).toEqual([3]);
  });

  it('names a variable missing from the order', () => {
    expect(() => compileExpression(parseExpression('a * z'), ['a'])).toThrow(/variable `z`/);
  });
});
