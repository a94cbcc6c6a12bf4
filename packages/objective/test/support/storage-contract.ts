import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../src/distributions/index.js';
import type { BaseStorage } from '../../src/storages/base-storage.js';
import type { StorageOptions } from '../../src/storages/model-storage.js';
import { FakeClock } from './fake-clock.js';

/**
 * The behaviour every storage must have (Optuna's storage semantics). `factory`
 * returns a fresh, empty storage; `reopen` (when the storage persists) returns a
 * second handle on the same data, as another process would see it.
 */
export function testStorage(
  name: string,
  factory: (options?: StorageOptions) => BaseStorage,
  reopen?: (storage: BaseStorage) => BaseStorage,
): void {
  describe(`storage contract: ${name}`, () => {
    it('creates studies with increasing ids and refuses duplicate names', () => {
      const storage = factory();
      expect(storage.createNewStudy(['minimize'], 'a')).toBe(0);
      expect(storage.createNewStudy(['maximize', 'minimize'], 'b')).toBe(1);
      expect(() => storage.createNewStudy(['minimize'], 'a')).toThrow(expect.objectContaining({ code: 'OBJECTIVE_DUPLICATED_STUDY' }));
      expect(storage.getStudyIdFromName('b')).toBe(1);
      expect(storage.getStudyNameFromId(0)).toBe('a');
      expect(storage.getStudyDirections(1)).toEqual(['maximize', 'minimize']);
      expect(() => storage.getStudyIdFromName('nope')).toThrow(expect.objectContaining({ code: 'OBJECTIVE_STUDY_NOT_FOUND' }));
      expect(storage.getAllStudies().map((s) => s.studyName)).toEqual(['a', 'b']);
    });

    it('deletes a study without reusing its id', () => {
      const storage = factory();
      const a = storage.createNewStudy(['minimize'], 'a');
      storage.deleteStudy(a);
      expect(() => storage.getStudyNameFromId(a)).toThrow(expect.objectContaining({ code: 'OBJECTIVE_STUDY_NOT_FOUND' }));
      expect(storage.createNewStudy(['minimize'], 'a')).toBe(1);
    });

    it('keeps study user and system attrs', () => {
      const storage = factory();
      const id = storage.createNewStudy(['minimize'], 's');
      storage.setStudyUserAttr(id, 'k', { nested: [1, 2.5, null, 'x'] });
      storage.setStudySystemAttr(id, 'sys', 'v');
      storage.setStudyUserAttr(id, 'k2', true);
      expect(storage.getStudyUserAttrs(id)).toEqual({ k: { nested: [1, 2.5, null, 'x'] }, k2: true });
      expect(storage.getStudySystemAttrs(id)).toEqual({ sys: 'v' });
    });

    it('numbers trials per study and ids across studies', () => {
      const storage = factory();
      const a = storage.createNewStudy(['minimize'], 'a');
      const b = storage.createNewStudy(['minimize'], 'b');
      const t0 = storage.createNewTrial(a);
      const t1 = storage.createNewTrial(b);
      const t2 = storage.createNewTrial(a);
      expect([t0, t1, t2]).toEqual([0, 1, 2]);
      expect(storage.getTrial(t2).number).toBe(1);
      expect(storage.getTrial(t1).number).toBe(0);
      expect(storage.getTrialIdFromStudyIdTrialNumber(a, 1)).toBe(t2);
      expect(storage.getTrial(t0).state).toBe('RUNNING');
      expect(storage.getTrial(t0).datetimeStart).toBeInstanceOf(Date);
    });

    it('records params, intermediate values, attrs and the final state', () => {
      const storage = factory();
      const study = storage.createNewStudy(['minimize'], 's');
      const id = storage.createNewTrial(study);
      storage.setTrialParam(id, 'x', 0.25, floatDistribution(0, 1));
      storage.setTrialParam(id, 'n', 3, intDistribution(1, 10));
      storage.setTrialParam(id, 'c', 1, categoricalDistribution(['a', null, 1.5]));
      storage.setTrialIntermediateValue(id, 0, 1.5);
      storage.setTrialIntermediateValue(id, 1, Number.NaN);
      storage.setTrialIntermediateValue(id, 2, -Infinity);
      storage.setTrialUserAttr(id, 'u', 'x');
      storage.setTrialSystemAttr(id, 's', [1, 2]);
      expect(storage.setTrialStateValues(id, 'COMPLETE', [Infinity])).toBe(true);
      const trial = storage.getTrial(id);
      expect(trial.params).toEqual({ x: 0.25, n: 3, c: null });
      expect(trial.distributions.c).toEqual(categoricalDistribution(['a', null, 1.5]));
      expect([...trial.intermediateValues]).toEqual([
        [0, 1.5],
        [1, Number.NaN],
        [2, -Infinity],
      ]);
      expect(trial.userAttrs).toEqual({ u: 'x' });
      expect(trial.systemAttrs).toEqual({ s: [1, 2] });
      expect(trial.state).toBe('COMPLETE');
      expect(trial.values).toEqual([Infinity]);
      expect(trial.value).toBe(Infinity);
      expect(trial.datetimeComplete).toBeInstanceOf(Date);
    });

    it('refuses updates of a finished trial', () => {
      const storage = factory();
      const study = storage.createNewStudy(['minimize'], 's');
      const id = storage.createNewTrial(study);
      storage.setTrialStateValues(id, 'FAIL');
      const finished = expect.objectContaining({ code: 'OBJECTIVE_TRIAL_FINISHED' });
      expect(() => storage.setTrialParam(id, 'x', 0.5, floatDistribution(0, 1))).toThrow(finished);
      expect(() => storage.setTrialIntermediateValue(id, 0, 1)).toThrow(finished);
      expect(() => storage.setTrialUserAttr(id, 'k', 1)).toThrow(finished);
      expect(() => storage.setTrialStateValues(id, 'COMPLETE', [1])).toThrow(finished);
      expect(storage.getTrial(id).values).toBeUndefined();
    });

    it('refuses an incompatible distribution for a param name within a study only', () => {
      const storage = factory();
      const s = storage.createNewStudy(['minimize'], 's');
      const other = storage.createNewStudy(['minimize'], 'other');
      storage.setTrialParam(storage.createNewTrial(s), 'x', 0.5, floatDistribution(0, 1));
      const t = storage.createNewTrial(s);
      expect(() => storage.setTrialParam(t, 'x', 1, intDistribution(0, 3))).toThrow(
        expect.objectContaining({ code: 'OBJECTIVE_INCOMPATIBLE_DISTRIBUTION' }),
      );
      // A changed range is compatible; another study may use any kind.
      storage.setTrialParam(t, 'x', 1.5, floatDistribution(0, 2));
      storage.setTrialParam(storage.createNewTrial(other), 'x', 1, intDistribution(0, 3));
      expect(storage.getTrial(t).params).toEqual({ x: 1.5 });
    });

    it('lets exactly one caller take a WAITING trial', () => {
      const storage = factory();
      const s = storage.createNewStudy(['minimize'], 's');
      const id = storage.createNewTrial(s, { state: 'WAITING', systemAttrs: { fixed_params: { x: 1 } } });
      expect(storage.getTrial(id).datetimeStart).toBeUndefined();
      expect(storage.setTrialStateValues(id, 'RUNNING')).toBe(true);
      expect(storage.setTrialStateValues(id, 'RUNNING')).toBe(false);
      expect(storage.getTrial(id).datetimeStart).toBeInstanceOf(Date);
    });

    it('creates trials from templates with params in external form', () => {
      const storage = factory();
      const s = storage.createNewStudy(['minimize'], 's');
      const start = new Date('2026-01-02T03:04:05.678Z');
      const id = storage.createNewTrial(s, {
        state: 'COMPLETE',
        values: [2.5],
        params: { c: 'b', k: 4 },
        distributions: { c: categoricalDistribution(['a', 'b']), k: intDistribution(1, 64, { log: true }) },
        userAttrs: { u: 1 },
        systemAttrs: { s: 'x' },
        intermediateValues: new Map([[3, 0.5]]),
        datetimeStart: start,
        datetimeComplete: start,
      });
      const trial = storage.getTrial(id);
      expect(trial).toMatchObject({ state: 'COMPLETE', values: [2.5], params: { c: 'b', k: 4 }, userAttrs: { u: 1 } });
      expect(trial.intermediateValues.get(3)).toBe(0.5);
      expect(trial.datetimeStart?.getTime()).toBe(start.getTime());
    });

    it('filters trials by state and serves a stable snapshot', () => {
      const storage = factory();
      const s = storage.createNewStudy(['minimize'], 's');
      const a = storage.createNewTrial(s);
      const b = storage.createNewTrial(s);
      storage.setTrialStateValues(a, 'COMPLETE', [1]);
      const before = storage.getAllTrials(s);
      expect(storage.getAllTrials(s)).toBe(before);
      expect(storage.getAllTrials(s, { states: ['RUNNING'] }).map((t) => t.trialId)).toEqual([b]);
      storage.setTrialStateValues(b, 'PRUNED');
      expect(before[1]?.state).toBe('RUNNING');
      expect(storage.getAllTrials(s, { states: ['COMPLETE', 'PRUNED'] })).toHaveLength(2);
    });

    it('tracks heartbeats of RUNNING trials and reports the stale ones', () => {
      const clock = new FakeClock();
      const storage = factory({ clock, heartbeatInterval: 1, gracePeriod: 3 });
      expect(storage.heartbeat).toMatchObject({ interval: 1, gracePeriod: 3 });
      const s = storage.createNewStudy(['minimize'], 's');
      const beating = storage.createNewTrial(s);
      const silent = storage.createNewTrial(s);
      const never = storage.createNewTrial(s);
      storage.recordHeartbeat(beating);
      storage.recordHeartbeat(silent);
      clock.advance(2000);
      storage.recordHeartbeat(beating);
      expect(storage.getStaleTrialIds(s)).toEqual([]);
      clock.advance(2000);
      expect(storage.getStaleTrialIds(s)).toEqual([silent]);
      storage.setTrialStateValues(silent, 'FAIL');
      expect(storage.getStaleTrialIds(s)).toEqual([]);
      expect(storage.getTrial(never).systemAttrs).toEqual({});
      expect(factory().heartbeat).toBeUndefined();
    });

    if (reopen) {
      it('shows the same studies and trials through a second handle', () => {
        const storage = factory();
        const s = storage.createNewStudy(['maximize'], 's');
        const id = storage.createNewTrial(s);
        storage.setTrialParam(id, 'x', 0.5, floatDistribution(0, 1));
        storage.setTrialStateValues(id, 'COMPLETE', [Number.NEGATIVE_INFINITY]);
        const second = reopen(storage);
        expect(second.getAllTrials(s)).toEqual(storage.getAllTrials(s));
        const fromSecond = second.createNewTrial(s);
        expect(storage.getTrial(fromSecond).number).toBe(1);
      });
    }
  });
}
