import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { crc32 } from './crc32.js';
import { HyperbandPruner } from './hyperband-pruner.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { testPruner } from './test-support/test-pruner.js';

testPruner('HyperbandPruner (auto)', () => new HyperbandPruner(), { needsCompletedTrials: true });
testPruner('HyperbandPruner(1, 12, 2)', () => new HyperbandPruner({ minResource: 1, maxResource: 12, reductionFactor: 2 }));

describe('HyperbandPruner', () => {
  it('uses CRC-32 as zlib does', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('étude_3')).toBe(crc32('\u00e9tude_3'));
  });

  it('sets up brackets from maxResource "auto" at the first completed trial', () => {
    const study = new RecordedStudy({ studyName: 'hb' });
    const pruner = new HyperbandPruner();
    const t = study.add({ state: 'RUNNING', values: [[0, 1]] });
    expect(study.shouldPrune(pruner, t)).toBe(false);
    expect(pruner.nBrackets).toBeUndefined();
    study.add({ state: 'COMPLETE', value: 1, values: [[0, 1], [26, 1]] });
    study.shouldPrune(pruner, t);
    // max resource 27, η = 3: floor(log_3 27) + 1 = 4 brackets.
    expect(pruner.nBrackets).toBe(4);
    expect(pruner.trialAllocationBudgets).toEqual([27, 12, 6, 4]);
  });

  it('judges a trial only against trials of its own bracket, and filterStudy gives that view', () => {
    const study = new RecordedStudy({ studyName: 'brackets' });
    const pruner = new HyperbandPruner({ minResource: 1, maxResource: 9, reductionFactor: 3 });
    for (let i = 0; i < 30; i++) study.add({ state: 'COMPLETE', value: i, values: [[0, i], [1, i], [3, i]] });
    const t = study.add({ state: 'RUNNING', values: [[0, 0]] });
    study.shouldPrune(pruner, t);
    const bracket = pruner.bracketOf('brackets', t);
    const view = pruner.filterStudy(study, study.trial(t));
    const numbers = view.getTrials().map((x) => x.number);
    expect(numbers).toContain(t);
    expect(numbers.length).toBeLessThan(31);
    for (const n of numbers) expect(pruner.bracketOf('brackets', n)).toBe(bracket);
    expect(view.direction).toBe('minimize');
    view.stop();
    expect(study.stopped).toBe(true);
  });

  it('validates its options', () => {
    expect(() => new HyperbandPruner({ bootstrapCount: 1 })).toThrow(/maxResource "auto"/);
    expect(() => new HyperbandPruner({ minResource: 10, maxResource: 5 })).toThrow(ObjectiveError);
    expect(() => new HyperbandPruner({ reductionFactor: 1 })).toThrow(/`reductionFactor`/);
    expect(() => new HyperbandPruner({ maxResource: 'max' as never })).toThrow(/`maxResource`/);
  });
});
