import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  checkDistributionCompatibility,
  contains,
  distributionFromJson,
  distributionToJson,
  floatDistribution,
  intDistribution,
  isSingle,
  singleValue,
  toExternal,
  toInternal,
} from './index.js';

const invalid = expect.objectContaining({ code: 'OBJECTIVE_INVALID_ARGUMENT' });

describe('factories', () => {
  it('validates floats with messages that name the field and echo the value', () => {
    expect(() => floatDistribution(2, 1)).toThrow(/`low` <= `high`, got low 2 and high 1/);
    expect(() => floatDistribution(0, 1, { log: true })).toThrow(/`low` > 0 .* got 0/);
    expect(() => floatDistribution(1, 2, { log: true, step: 0.5 })).toThrow(invalid);
    expect(() => floatDistribution(0, 1, { step: 0 })).toThrow(/positive `step`, got 0/);
    expect(() => floatDistribution(Number.NaN, 1)).toThrow(/`low`, got NaN/);
  });

  it('lowers a stepped float high to the grid with exact decimals', () => {
    expect(floatDistribution(0, 1, { step: 0.3 }).high).toBe(0.9);
    expect(floatDistribution(0.1, 1, { step: 0.2 }).high).toBe(0.9);
    expect(floatDistribution(0, 1, { step: 0.25 }).high).toBe(1);
    expect(floatDistribution(-5, 5, { step: 0.1 }).high).toBe(5);
  });

  it('validates ints and lowers high to the grid', () => {
    expect(intDistribution(1, 10, { step: 2 }).high).toBe(9);
    expect(() => intDistribution(1, 2.5)).toThrow(/safe integer for `high`, got 2.5/);
    expect(() => intDistribution(0, 10, { log: true })).toThrow(invalid);
    expect(() => intDistribution(1, 10, { log: true, step: 2 })).toThrow(invalid);
  });

  it('validates categorical choices', () => {
    expect(() => categoricalDistribution([])).toThrow(invalid);
    expect(() => categoricalDistribution([{} as never])).toThrow(invalid);
    expect(categoricalDistribution(['a', null, 1.5, true]).choices).toEqual(['a', null, 1.5, true]);
  });
});

describe('representation', () => {
  it('converts like Optuna (categorical as index)', () => {
    const c = categoricalDistribution(['a', 'b', null, 1.5]);
    expect(toInternal(c, null)).toBe(2);
    expect(toExternal(c, 3)).toBe(1.5);
    expect(() => toInternal(c, 'z')).toThrow(invalid);
    expect(toExternal(intDistribution(1, 10), 3)).toBe(3);
    expect(() => toInternal(floatDistribution(0, 1), Number.NaN)).toThrow(invalid);
  });

  it('checks containment with grid tolerance', () => {
    const f = floatDistribution(0, 1, { step: 0.1 });
    expect(contains(f, 0.30000000000000004)).toBe(true);
    expect(contains(f, 0.35)).toBe(false);
    expect(contains(intDistribution(1, 9, { step: 2 }), 4)).toBe(false);
    expect(contains(intDistribution(1, 9, { step: 2 }), 5)).toBe(true);
    expect(contains(categoricalDistribution(['a']), 1)).toBe(false);
  });

  it('detects single-valued distributions', () => {
    expect(isSingle(floatDistribution(1, 1))).toBe(true);
    expect(isSingle(floatDistribution(0, 0.3, { step: 0.5 }))).toBe(true);
    expect(isSingle(intDistribution(1, 2, { step: 2 }))).toBe(true);
    expect(isSingle(intDistribution(1, 3, { step: 2 }))).toBe(false);
    expect(singleValue(categoricalDistribution(['only']))).toBe('only');
  });
});

describe('compatibility rule', () => {
  it('allows range changes but not kind, log or choices changes', () => {
    expect(() => checkDistributionCompatibility('x', floatDistribution(0, 1), floatDistribution(-1, 5, { step: 0.5 }))).not.toThrow();
    expect(() => checkDistributionCompatibility('x', floatDistribution(1, 2), floatDistribution(1, 2, { log: true }))).toThrow(
      /parameter "x": cannot change the log setting/,
    );
    expect(() => checkDistributionCompatibility('x', floatDistribution(0, 1), intDistribution(0, 1))).toThrow(
      expect.objectContaining({ code: 'OBJECTIVE_INCOMPATIBLE_DISTRIBUTION' }),
    );
    expect(() => checkDistributionCompatibility('c', categoricalDistribution(['a']), categoricalDistribution(['a', 'b']))).toThrow(
      /cannot change its choices/,
    );
  });
});

describe('Optuna JSON', () => {
  it('writes exactly what Optuna 3.1 writes', () => {
    expect(distributionToJson(floatDistribution(-5, 5))).toBe(
      '{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}',
    );
    expect(distributionToJson(floatDistribution(1e-5, 0.1, { log: true }))).toBe(
      '{"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-05, "high": 0.1, "log": true}}',
    );
    expect(distributionToJson(floatDistribution(0, 1, { step: 0.25 }))).toBe(
      '{"name": "FloatDistribution", "attributes": {"step": 0.25, "low": 0.0, "high": 1.0, "log": false}}',
    );
    expect(distributionToJson(intDistribution(1, 64, { log: true }))).toBe(
      '{"name": "IntDistribution", "attributes": {"log": true, "step": 1, "low": 1, "high": 64}}',
    );
    expect(distributionToJson(categoricalDistribution(['a', 'b', null, 1.5]))).toBe(
      '{"name": "CategoricalDistribution", "attributes": {"choices": ["a", "b", null, 1.5]}}',
    );
  });

  it('round-trips and reads deprecated classes and the abbreviated form', () => {
    for (const d of [floatDistribution(0, 1, { step: 0.1 }), intDistribution(2, 9, { step: 3 }), categoricalDistribution([true, 's', 2])]) {
      expect(distributionFromJson(distributionToJson(d))).toEqual(d);
    }
    expect(distributionFromJson('{"name": "UniformDistribution", "attributes": {"low": 0.0, "high": 2.0}}')).toEqual(floatDistribution(0, 2));
    expect(distributionFromJson('{"name": "LogUniformDistribution", "attributes": {"low": 0.1, "high": 2.0}}')).toEqual(
      floatDistribution(0.1, 2, { log: true }),
    );
    expect(distributionFromJson('{"name": "DiscreteUniformDistribution", "attributes": {"low": 0.0, "high": 1.0, "q": 0.5}}')).toEqual(
      floatDistribution(0, 1, { step: 0.5 }),
    );
    expect(distributionFromJson('{"name": "IntUniformDistribution", "attributes": {"low": 0, "high": 10, "step": 5}}')).toEqual(
      intDistribution(0, 10, { step: 5 }),
    );
    expect(distributionFromJson('{"name": "IntLogUniformDistribution", "attributes": {"low": 1, "high": 8}}')).toEqual(
      intDistribution(1, 8, { log: true }),
    );
    expect(distributionFromJson({ type: 'int', low: 1, high: 5 })).toEqual(intDistribution(1, 5));
    expect(() => distributionFromJson('{"name": "Bogus", "attributes": {}}')).toThrow(/unknown distribution class "Bogus"/);
    expect(() => distributionFromJson('{"name": "FloatDistribution", "attributes": {"low": "a"}}')).toThrow(invalid);
  });
});
