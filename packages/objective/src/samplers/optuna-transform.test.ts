import { describe, expect, it } from 'vitest';
import { floatDistribution, intDistribution } from '../distributions/index.js';
import { nextBelow, parzenFromUniform, roundHalfEven, transformBounds, untransformNumerical } from './optuna-transform.js';

describe("Optuna's transforms", () => {
  it('rounds halves to even as numpy does', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 3.5000000000000004, 7].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2, 4, 7]);
  });

  it('steps to the largest double below a value', () => {
    expect(nextBelow(1)).toBe(1 - 2 ** -53);
    expect(nextBelow(-1)).toBe(-1 - 2 ** -52);
    expect(nextBelow(0)).toBe(-Number.MIN_VALUE);
    expect(nextBelow(2 ** -1074)).toBe(0);
    expect(nextBelow(1e300)).toBeLessThan(1e300);
    expect(1e300 - nextBelow(1e300)).toBe(2 ** (996 - 52));
  });

  it("widens discrete ranges by half a step and maps back to the grid (Optuna's _SearchSpaceTransform)", () => {
    const stepped = floatDistribution(0, 1, { step: 0.25 });
    expect(transformBounds(stepped)).toEqual([-0.125, 1.125]);
    expect(untransformNumerical(stepped, -0.125)).toBe(0);
    expect(untransformNumerical(stepped, 0.375)).toBe(0.5); // 1.5 steps rounds to 2
    expect(untransformNumerical(stepped, 0.625)).toBe(0.5); // 2.5 steps rounds to 2
    expect(untransformNumerical(stepped, 1.12)).toBe(1);
    const logInt = intDistribution(1, 8, { log: true });
    expect(transformBounds(logInt)).toEqual([Math.log(0.5), Math.log(8.5)]);
    expect(untransformNumerical(logInt, Math.log(8.49))).toBe(8);
    expect(untransformNumerical(logInt, Math.log(0.51))).toBe(1);
    const plain = floatDistribution(-1, 1);
    expect(untransformNumerical(plain, 1)).toBe(nextBelow(1));
    expect(untransformNumerical(floatDistribution(1e-3, 1, { log: true }), 0)).toBe(nextBelow(1));
  });

  it('maps Parzen samples back without clipping continuous values (as _transform_from_uniform)', () => {
    const logFloat = floatDistribution(1e-3, 1, { log: true });
    expect(parzenFromUniform(logFloat, 0)).toBe(1);
    expect(parzenFromUniform(floatDistribution(0, 1, { step: 0.05 }), 0.375)).toBe(0.4);
    expect(parzenFromUniform(intDistribution(1, 32), 32.4)).toBe(32);
    expect(parzenFromUniform(intDistribution(0, 10, { step: 2 }), 3)).toBe(4); // 1.5 steps → 2 steps
  });
});
