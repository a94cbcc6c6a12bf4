import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { MedianPruner } from './median-pruner.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';

testPruner('MedianPruner', () => new MedianPruner({ nStartupTrials: 2 }), { needsCompletedTrials: true });
testPruner('MedianPruner (warm-up, interval, nMinTrials)', () => new MedianPruner({ nStartupTrials: 1, nWarmupSteps: 2, intervalSteps: 3, nMinTrials: 2 }), {
  needsCompletedTrials: true,
});

function studyWith(completedCurves: number[][], direction: 'minimize' | 'maximize' = 'minimize'): RecordedStudy {
  const study = new RecordedStudy({ direction });
  for (const curve of completedCurves) study.add({ state: 'COMPLETE', value: curve.at(-1) as number, values: curve.map((v, s): [number, number] => [s, v]) });
  return study;
}

describe('MedianPruner', () => {
  it("has Optuna's defaults", () => {
    expect(new MedianPruner().options).toEqual({ nStartupTrials: 5, nWarmupSteps: 0, intervalSteps: 1, nMinTrials: 1 });
  });

  it('prunes a trial whose best value is worse than the median at its step, and keeps one that is not', () => {
    const study = studyWith([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    const pruner = new MedianPruner();
    const worse = study.add({ state: 'RUNNING', values: [[0, 3.5], [1, 3.5]] });
    expect(study.shouldPrune(pruner, worse)).toBe(true);
    const equal = study.add({ state: 'RUNNING', values: [[0, 3], [1, 3]] });
    expect(study.shouldPrune(pruner, equal)).toBe(false);
    // The best value over all steps counts, not the latest one.
    const earlyGood = study.add({ state: 'RUNNING', values: [[0, 0], [1, 9]] });
    expect(study.shouldPrune(pruner, earlyGood)).toBe(false);
  });

  it('mirrors for maximization', () => {
    const study = studyWith([[1], [2], [3], [4], [5]], 'maximize');
    const pruner = new MedianPruner();
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: [[0, 2.5]] }))).toBe(true);
    expect(study.shouldPrune(pruner, study.add({ state: 'RUNNING', values: [[0, 3]] }))).toBe(false);
  });

  it('waits for nStartupTrials completed trials, nWarmupSteps and the interval', () => {
    const study = studyWith([[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]);
    expect(study.shouldPrune(new MedianPruner({ nStartupTrials: 3 }), study.add({ state: 'RUNNING', values: [[0, 1]] }))).toBe(false);
    const pruner = new MedianPruner({ nStartupTrials: 2, nWarmupSteps: 2, intervalSteps: 2 });
    const t = study.start();
    const decisions = [0, 1, 2, 3, 4, 5].map((step) => {
      study.report(t, step, 1);
      return study.shouldPrune(pruner, t);
    });
    expect(decisions).toEqual([false, false, true, false, true, false]);
    // A check that falls between reports happens at the next report.
    const sparse = study.start();
    study.report(sparse, 1, 1);
    expect(study.shouldPrune(pruner, sparse)).toBe(false);
    study.report(sparse, 3, 1);
    expect(study.shouldPrune(pruner, sparse)).toBe(true);
  });

  it('keeps a trial when fewer than nMinTrials completed trials reported its step', () => {
    const study = studyWith([[0, 0], [0], [0]]);
    const t = study.add({ state: 'RUNNING', values: [[0, 1], [1, 1]] });
    expect(study.shouldPrune(new MedianPruner({ nStartupTrials: 0, nMinTrials: 2 }), t)).toBe(false);
    expect(study.shouldPrune(new MedianPruner({ nStartupTrials: 0, nMinTrials: 1 }), t)).toBe(true);
  });

  it('prunes a trial whose values are all NaN', () => {
    const study = studyWith([[0], [0], [0], [0], [0]]);
    expect(study.shouldPrune(new MedianPruner(), study.add({ state: 'RUNNING', values: [[0, Number.NaN]] }))).toBe(true);
  });

  it('rejects bad options with OBJECTIVE_INVALID_ARGUMENT naming the field and value', () => {
    for (const bad of [{ nStartupTrials: -1 }, { nWarmupSteps: 1.5 }, { intervalSteps: 0 }, { nMinTrials: 0 }]) {
      const [field, value] = Object.entries(bad)[0] as [string, number];
      expect(() => new MedianPruner(bad)).toThrow(ObjectiveError);
      expect(() => new MedianPruner(bad)).toThrow(new RegExp(`\`${field}\`.*got ${value}`));
      try {
        new MedianPruner(bad);
      } catch (error) {
        expect((error as ObjectiveError).code).toBe('OBJECTIVE_INVALID_ARGUMENT');
        expect((error as ObjectiveError).cause).toBeDefined();
      }
    }
    expect(() => new MedianPruner({ nStartupTrial: 3 } as never)).toThrow(ObjectiveError);
  });
});
