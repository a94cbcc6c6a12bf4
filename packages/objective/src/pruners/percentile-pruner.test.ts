import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { nanPercentile } from './nan-percentile.js';
import { PercentilePruner } from './percentile-pruner.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';

testPruner('PercentilePruner(25)', () => new PercentilePruner({ percentile: 25, nStartupTrials: 2 }), { needsCompletedTrials: true });
testPruner('PercentilePruner(80)', () => new PercentilePruner({ percentile: 80, nStartupTrials: 1, nWarmupSteps: 1 }), {
  needsCompletedTrials: true,
});

describe('nanPercentile (numpy linear method)', () => {
  it('interpolates, ignores NaN and handles the ends', () => {
    expect(nanPercentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(nanPercentile([4, Number.NaN, 1, 3, 2], 25)).toBe(1.75);
    expect(nanPercentile([1, 2, 3], 0)).toBe(1);
    expect(nanPercentile([1, 2, 3], 100)).toBe(3);
    expect(nanPercentile([7], 33)).toBe(7);
    expect(nanPercentile([Number.NaN], 50)).toBeNaN();
    expect(nanPercentile([], 50)).toBeNaN();
    expect(nanPercentile([1, Number.POSITIVE_INFINITY], 50)).toBeNaN(); // numpy: inf·0.5 − inf
  });
});

describe('PercentilePruner', () => {
  it('keeps only the given top percentile', () => {
    const study = new RecordedStudy();
    for (let i = 1; i <= 5; i++) study.add({ state: 'COMPLETE', value: i, values: [[0, i]] });
    const pruner = new PercentilePruner({ percentile: 25 });
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: [[0, 2]] }))).toBe(false);
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: [[0, 2.01]] }))).toBe(true);
  });

  it('requires a percentile in [0, 100]', () => {
    expect(() => new PercentilePruner({ percentile: 101 })).toThrow(/`percentile`.*got 101/);
    expect(() => new PercentilePruner({ percentile: -1 })).toThrow(ObjectiveError);
    expect(() => new PercentilePruner({} as never)).toThrow(/`percentile`/);
    expect(new PercentilePruner({ percentile: 0 }).options.percentile).toBe(0);
  });
});
