import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';
import { WilcoxonPruner } from './wilcoxon-pruner.js';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.js';

testPruner('WilcoxonPruner', () => new WilcoxonPruner({ pThreshold: 0.3 }), { needsCompletedTrials: true });

describe('wilcoxonSignedRank', () => {
  it('matches textbook values', () => {
    // All 8 differences positive: exact one-sided p = 1 / 2^8.
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8], 'greater')).toEqual({ statistic: 36, pvalue: 1 / 256, method: 'exact' });
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8], 'less').pvalue).toBe(1);
    expect(wilcoxonSignedRank([]).pvalue).toBeNaN();
    // Ties: all 2^3 sign flips of ranks (1.5, 1.5, 3); r_plus = 6 is reached only by all-positive.
    expect(wilcoxonSignedRank([1, 1, 2], 'greater')).toEqual({ statistic: 6, pvalue: 1 / 8, method: 'permutation' });
    expect(wilcoxonSignedRank([0, 0], 'greater').pvalue).toBe(1);
  });
});

describe('WilcoxonPruner', () => {
  const instances = (offset: number, n = 20) => Array.from({ length: n }, (_, i) => [i, Math.sin(i) + offset] as [number, number]);

  it('prunes a trial consistently worse than the best one, not one that is better', () => {
    const study = new RecordedStudy();
    study.add({ state: 'COMPLETE', value: 0, values: instances(0) });
    const pruner = new WilcoxonPruner();
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: instances(0.5, 10) }))).toBe(true);
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: instances(-0.5, 10) }))).toBe(false);
    expect(study.shouldPrune(new WilcoxonPruner({ nStartupSteps: 11 }), study.add({ state: 'RUNNING', values: instances(0.5, 10) }))).toBe(false);
  });

  it('keeps the trial while its average is at least as good as the best trial average', () => {
    const study = new RecordedStudy();
    // Best trial: bad on the first instances, good on the rest.
    study.add({ state: 'COMPLETE', value: 0, values: Array.from({ length: 20 }, (_, i) => [i, i < 10 ? 0 : -10] as [number, number]) });
    // This trial is worse on its first 10 instances but its average (1) beats the best's (-5)? no: minimize, -5 is better.
    const worse = study.add({ state: 'RUNNING', values: Array.from({ length: 10 }, (_, i) => [i, 1] as [number, number]) });
    expect(study.shouldPrune(new WilcoxonPruner(), worse)).toBe(true);
    // Its average -6 beats the best's -5: kept even though the test says worse on the shared steps.
    const goodAverage = study.add({ state: 'RUNNING', values: [...Array.from({ length: 10 }, (_, i) => [i, 1] as [number, number]), [30, -70]] });
    expect(study.shouldPrune(new WilcoxonPruner(), goodAverage)).toBe(false);
  });

  it('never prunes with NaN or infinite values, or without a complete trial with reports', () => {
    const study = new RecordedStudy();
    const pruner = new WilcoxonPruner({ pThreshold: 1 });
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: instances(5) }))).toBe(false);
    study.add({ state: 'COMPLETE', value: -100 });
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: instances(5) }))).toBe(false);
    const other = new RecordedStudy();
    other.add({ state: 'COMPLETE', value: 0, values: instances(0) });
    expect(other.shouldPrune(pruner, other.add({ state: 'RUNNING', values: [...instances(5), [99, Number.NaN]] }))).toBe(false);
    expect(other.shouldPrune(pruner, other.add({ state: 'RUNNING', values: [...instances(5), [98, Number.POSITIVE_INFINITY]] }))).toBe(false);
  });

  it('validates options', () => {
    expect(() => new WilcoxonPruner({ pThreshold: 1.5 })).toThrow(/`pThreshold`.*1.5/);
    expect(() => new WilcoxonPruner({ nStartupSteps: -1 })).toThrow(ObjectiveError);
  });
});
