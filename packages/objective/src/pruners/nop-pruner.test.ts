import { expect, it } from 'vitest';
import { NopPruner } from './nop-pruner.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';

testPruner('NopPruner', () => new NopPruner(), { needsCompletedTrials: true, prunesSomething: false });

it('NopPruner keeps even an all-NaN trial far behind the others', () => {
  const study = new RecordedStudy();
  for (let i = 0; i < 5; i++) study.add({ state: 'COMPLETE', value: 0, values: [[0, 0]] });
  const t = study.add({ state: 'RUNNING', values: [[0, Number.NaN]] });
  expect(study.shouldPrune(new NopPruner(), t)).toBe(false);
});
