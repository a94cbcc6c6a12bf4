import { describe, expect, it } from 'vitest';
import { PyFloat, parsePython, pyFloatRepr, stringifyPython } from './python-json.js';

describe('Python JSON', () => {
  it('formats floats like Python repr', () => {
    const cases: [number, string][] = [
      [3, '3.0'],
      [1e-5, '1e-05'],
      [1e-4, '0.0001'],
      [0.1, '0.1'],
      [4.5634999999999994, '4.5634999999999994'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [123456789.125, '123456789.125'],
      [-2.5e-7, '-2.5e-07'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [-0, '-0.0'],
      [Number.NaN, 'NaN'],
      [-Infinity, '-Infinity'],
    ];
    for (const [x, repr] of cases) expect(pyFloatRepr(x)).toBe(repr);
  });

  it('writes both spacing styles, escapes non-ASCII and keeps ints as ints', () => {
    const value = { a: [1, 2.5, null, 'é'], b: new PyFloat(3), c: Number.NaN, d: true };
    expect(stringifyPython(value)).toBe('{"a": [1, 2.5, null, "\\u00e9"], "b": 3.0, "c": NaN, "d": true}');
    expect(stringifyPython(value, { compact: true })).toBe('{"a":[1,2.5,null,"\\u00e9"],"b":3.0,"c":NaN,"d":true}');
  });

  it('parses bare non-finite tokens outside strings only', () => {
    expect(parsePython('{"v": [NaN, Infinity, -Infinity], "s": "NaN, Infinity", "n": -1.5e-3}')).toEqual({
      v: [Number.NaN, Infinity, -Infinity],
      s: 'NaN, Infinity',
      n: -0.0015,
    });
    expect(() => parsePython('{"v": NaN')).toThrow(SyntaxError);
    expect(() => parsePython('{"v": nan}')).toThrow(SyntaxError);
  });
});
