import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import type { BasePruner } from './base-pruner.js';
import { MedianPruner } from './median-pruner.js';
import { PatientPruner } from './patient-pruner.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';

testPruner('PatientPruner(null)', () => new PatientPruner(null, { patience: 1 }));
testPruner('PatientPruner(MedianPruner)', () => new PatientPruner(new MedianPruner({ nStartupTrials: 1 }), { patience: 0, minDelta: 1 }), {
  needsCompletedTrials: true,
});

describe('PatientPruner', () => {
  it('prunes once the best of the last patience + 1 values is worse than the earlier best by more than minDelta', () => {
    const decide = (values: number[], patience: number, minDelta = 0, direction: 'minimize' | 'maximize' = 'minimize') => {
      const study = new RecordedStudy({ direction });
      return study.shouldPrune(new PatientPruner(null, { patience, minDelta }), study.add({ state: 'RUNNING', values: values.map((v, s): [number, number] => [s, v]) }));
    };
    expect(decide([5, 4, 4.5, 4.2], 2)).toBe(false); // before [5], after [4, 4.5, 4.2]: improved
    expect(decide([5, 4, 4.5, 4.2], 1)).toBe(true); // before [5, 4], after [4.5, 4.2]
    expect(decide([5, 4, 4.2], 0, 0.1)).toBe(true); // worse by 0.2 > minDelta
    expect(decide([5, 4, 4.05], 0, 0.1)).toBe(false); // worse, but within minDelta
    expect(decide([5, 4, 3.95], 0, 0.1)).toBe(false); // improved
    expect(decide([1, 2, 1.5], 0, 0, 'maximize')).toBe(true);
    expect(decide([1, 2, 2.5], 0, 0, 'maximize')).toBe(false);
    expect(decide([5, 6], 1)).toBe(false); // needs more than patience + 1 steps
  });

  it('asks the wrapped pruner only when the trial stalled', () => {
    const calls: number[] = [];
    const wrapped: BasePruner = { prune: (_s, t) => (calls.push(t.number), true) };
    const study = new RecordedStudy();
    const improving = study.add({ state: 'RUNNING', values: [[0, 3], [1, 2], [2, 1]] });
    const stalled = study.add({ state: 'RUNNING', values: [[0, 1], [1, 2], [2, 3]] });
    const pruner = new PatientPruner(wrapped, { patience: 1 });
    expect(study.shouldPrune(pruner, improving)).toBe(false);
    expect(study.shouldPrune(pruner, stalled)).toBe(true);
    expect(calls).toEqual([stalled]);
  });

  it('validates patience and minDelta', () => {
    expect(() => new PatientPruner(null, { patience: -1 })).toThrow(ObjectiveError);
    expect(() => new PatientPruner(null, { patience: 1, minDelta: -0.1 })).toThrow(/`minDelta`.*-0.1/);
  });
});
