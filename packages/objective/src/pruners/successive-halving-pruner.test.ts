import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { SuccessiveHalvingPruner } from './successive-halving-pruner.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';

testPruner('SuccessiveHalvingPruner (auto)', () => new SuccessiveHalvingPruner(), { needsCompletedTrials: true, prunesSomething: false });
testPruner('SuccessiveHalvingPruner(1, 2)', () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }));
testPruner('SuccessiveHalvingPruner(1, 3, s=1, bootstrap 1)', () =>
  new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3, minEarlyStoppingRate: 1, bootstrapCount: 1 }),
);

describe('SuccessiveHalvingPruner', () => {
  it('promotes only the top 1/reductionFactor at each rung', () => {
    const study = new RecordedStudy();
    const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // Rung 0 is at step 1. Record values 1..4 for four trials that stop there.
    const outcomes = [1, 2, 3, 4, 2.5, 1.5].map((v) => {
      const t = study.start();
      study.report(t, 0, 100);
      study.report(t, 1, v);
      const pruned = study.shouldPrune(pruner, t);
      study.finish(t, pruned ? 'PRUNED' : 'COMPLETE', v);
      return pruned;
    });
    // 1: alone → best → kept; 2: [1,2], index 0 → pruned; 3: [1,2,3] → pruned;
    // 4: [1..4], keep top 2 (<= 2) → pruned; 2.5: 5 values, top 2 → pruned; 1.5: 6 values, top 3 (<= 2) → kept.
    expect(outcomes).toEqual([false, true, true, true, true, false]);
    expect(study.trial(0).systemAttrs).toEqual({ completed_rung_0: 1 });
  });

  it('prunes a NaN value at a rung without recording it, and needs bootstrapCount trials at a rung', () => {
    const study = new RecordedStudy();
    const pruner = new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 2, bootstrapCount: 2 });
    const t = study.add({ state: 'RUNNING', values: [[0, 1], [2, Number.NaN]] });
    expect(study.shouldPrune(pruner, t)).toBe(true);
    expect(study.trial(t).systemAttrs).toEqual({});
    const first = study.add({ state: 'RUNNING', values: [[2, 0]] });
    expect(study.shouldPrune(pruner, first)).toBe(true); // only 1 value at the rung, bootstrap needs > 2
    const second = study.add({ state: 'RUNNING', values: [[2, 0]] });
    expect(study.shouldPrune(pruner, second)).toBe(true);
    const third = study.add({ state: 'RUNNING', values: [[2, -1]] });
    expect(study.shouldPrune(pruner, third)).toBe(false);
  });

  it('estimates minResource "auto" from the completed trials once, then keeps it', () => {
    const study = new RecordedStudy();
    const pruner = new SuccessiveHalvingPruner();
    const running = study.add({ state: 'RUNNING', values: [[0, 1]] });
    expect(study.shouldPrune(pruner, running)).toBe(false);
    expect(pruner.minResource).toBeUndefined();
    study.add({ state: 'COMPLETE', value: 0, values: [[0, 0], [450, 0]] });
    study.shouldPrune(pruner, running);
    expect(pruner.minResource).toBe(4);
    study.add({ state: 'COMPLETE', value: 0, values: [[0, 0], [2000, 0]] });
    study.shouldPrune(pruner, running);
    expect(pruner.minResource).toBe(4);
  });

  it("validates options as Optuna does, with Optuna's defaults", () => {
    expect(() => new SuccessiveHalvingPruner({ minResource: 0 })).toThrow(/`minResource`.*got 0/);
    expect(() => new SuccessiveHalvingPruner({ minResource: 'big' as never })).toThrow(ObjectiveError);
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(/`reductionFactor`/);
    expect(() => new SuccessiveHalvingPruner({ minEarlyStoppingRate: -1 })).toThrow(/`minEarlyStoppingRate`/);
    expect(() => new SuccessiveHalvingPruner({ bootstrapCount: -1 })).toThrow(/`bootstrapCount`/);
    expect(() => new SuccessiveHalvingPruner({ bootstrapCount: 1 })).toThrow(/minResource "auto"/);
    expect(new SuccessiveHalvingPruner().minResource).toBeUndefined();
  });
});
