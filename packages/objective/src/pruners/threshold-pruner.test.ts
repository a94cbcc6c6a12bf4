import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';
import { ThresholdPruner } from './threshold-pruner.js';

testPruner('ThresholdPruner', () => new ThresholdPruner({ lower: -5, upper: 15 }), { directionSymmetric: false });

describe('ThresholdPruner', () => {
  it('prunes when the latest value leaves [lower, upper] or is NaN, after warm-up and on the interval', () => {
    const pruner = new ThresholdPruner({ lower: 0, upper: 1, nWarmupSteps: 1, intervalSteps: 2 });
    const decide = (values: [number, number][]) => {
      const study = new RecordedStudy();
      return study.shouldPrune(pruner, study.add({ state: 'RUNNING', values }));
    };
    expect(decide([[0, 5]])).toBe(false); // warm-up
    expect(decide([[0, 0.5], [1, 5]])).toBe(true);
    expect(decide([[0, 0.5], [1, -0.1]])).toBe(true);
    expect(decide([[0, 0.5], [1, Number.NaN]])).toBe(true);
    expect(decide([[0, 0.5], [1, 1]])).toBe(false); // bounds are inclusive
    expect(decide([[1, 0.5], [2, 5]])).toBe(false); // step 2 is off the interval (1, 3, 5, …)
  });

  it('needs a bound and lower <= upper', () => {
    expect(() => new ThresholdPruner({})).toThrow(ObjectiveError);
    expect(() => new ThresholdPruner({ lower: 2, upper: 1 })).toThrow(/lower 2 and upper 1/);
    expect(() => new ThresholdPruner({ lower: Number.NaN })).toThrow(/`lower`/);
    expect(() => new ThresholdPruner({ upper: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
