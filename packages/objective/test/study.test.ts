import { describe, expect, it } from 'vitest';
import {
  copyStudy,
  createStudy,
  deleteStudy,
  floatDistribution,
  InMemoryStorage,
  listStudies,
  loadStudy,
  ObjectiveError,
  RandomSampler,
  TrialPruned,
  type BaseSampler,
  type FrozenTrial,
  type ObjectiveEvent,
} from '../src/index.js';
import { FakeClock } from './support/fake-clock.js';

describe('optimize', () => {
  it('runs an async objective for nTrials and finds the best trial', async () => {
    const study = createStudy({ sampler: new RandomSampler({ seed: 1 }) });
    await study.optimize(
      async (trial) => {
        const x = trial.suggestFloat('x', -10, 10);
        const n = trial.suggestInt('n', 1, 5);
        const c = trial.suggestCategorical('c', ['a', 'b'] as const);
        await Promise.resolve();
        return (x - 2) ** 2 + n + (c === 'a' ? 0 : 1);
      },
      { nTrials: 30 },
    );
    expect(study.trials).toHaveLength(30);
    expect(study.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    const values = study.trials.map((t) => t.value as number);
    expect(study.bestValue).toBe(Math.min(...values));
    expect(study.bestParams).toEqual(study.bestTrial.params);
    for (const t of study.trials) {
      expect(t.params.x).toBeGreaterThanOrEqual(-10);
      expect(t.params.x).toBeLessThanOrEqual(10);
      expect(Number.isInteger(t.params.n)).toBe(true);
    }
  });

  it('maximises when asked', async () => {
    const study = createStudy({ direction: 'maximize', sampler: new RandomSampler({ seed: 2 }) });
    await study.optimize((trial) => trial.suggestFloat('x', 0, 1), { nTrials: 10 });
    expect(study.bestValue).toBe(Math.max(...study.trials.map((t) => t.value as number)));
  });

  it('turns TrialPruned into PRUNED with the last intermediate value', async () => {
    const study = createStudy();
    await study.optimize(
      (trial) => {
        if (trial.number === 0) throw new TrialPruned();
        trial.report(5, 0);
        trial.report(3, 4);
        trial.report(7, 2);
        throw new TrialPruned();
      },
      { nTrials: 2 },
    );
    expect(study.trials.map((t) => [t.state, t.values])).toEqual([
      ['PRUNED', undefined],
      ['PRUNED', [3]],
    ]);
  });

  it('records a FAIL and rethrows unless the error is caught', async () => {
    const events: ObjectiveEvent[] = [];
    const study = createStudy({ onEvent: (e) => events.push(e) });
    const boom = async () => {
      throw new RangeError('bad');
    };
    await expect(study.optimize(boom, { nTrials: 3 })).rejects.toThrow('bad');
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL']);
    await study.optimize(boom, { nTrials: 2, catch: [RangeError] });
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(events.filter((e) => e.type === 'trial-failed')).toHaveLength(3);
  });

  it('fails a trial whose objective returns NaN or the wrong number of values', async () => {
    const events: ObjectiveEvent[] = [];
    const study = createStudy({ onEvent: (e) => events.push(e) });
    await study.optimize((trial) => (trial.number === 0 ? Number.NaN : [1, 2]), { nTrials: 2 });
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL', 'FAIL']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'trial-failed', reason: 'the objective returned NaN' }));
  });

  it('calls callbacks and stops when stop() is called', async () => {
    const study = createStudy();
    const seen: number[] = [];
    await study.optimize(() => 1, {
      nTrials: 100,
      callbacks: [
        (s, trial) => {
          seen.push(trial.number);
          if (trial.number === 3) s.stop();
        },
      ],
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    await study.optimize(() => 1, { nTrials: 2 });
    expect(study.trials).toHaveLength(6);
  });

  it('starts no trial after the timeout (seconds, on the study clock)', async () => {
    const clock = new FakeClock();
    const study = createStudy({ clock });
    await study.optimize(
      () => {
        clock.advance(1000);
        return 1;
      },
      { timeout: 3.5 },
    );
    expect(study.trials).toHaveLength(4);
    await expect(study.optimize(() => 1, { timeout: -1 })).rejects.toThrow(/`timeout`, got -1/);
  });

  it('stops on abort signal and runs trials concurrently when asked', async () => {
    const study = createStudy();
    const controller = new AbortController();
    let running = 0;
    let maxRunning = 0;
    await study.optimize(
      async (trial) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        if (trial.number === 5) controller.abort();
        return trial.number;
      },
      { concurrency: 3, signal: controller.signal },
    );
    expect(maxRunning).toBe(3);
    expect(study.trials.length).toBeGreaterThanOrEqual(6);
    expect(study.trials.length).toBeLessThanOrEqual(8);
  });
});

describe('ask and tell', () => {
  it('tells values, states and refuses a finished trial', () => {
    const events: ObjectiveEvent[] = [];
    const study = createStudy({ onEvent: (e) => events.push(e) });
    const t0 = study.ask();
    t0.report(1.5, 0);
    expect(study.tell(t0, 'PRUNED').values).toEqual([1.5]);
    const t1 = study.ask();
    expect(study.tell(t1.number, 2).state).toBe('COMPLETE');
    expect(() => study.tell(t1, 3)).toThrow(expect.objectContaining({ code: 'OBJECTIVE_TRIAL_FINISHED' }));
    expect(study.tell(t1, 3, { skipIfFinished: true }).values).toEqual([2]);
    // Unacceptable values fail the trial with a warning, as in Optuna.
    const t2 = study.ask();
    expect(study.tell(t2, Number.NaN)).toMatchObject({ state: 'FAIL', values: undefined });
    expect(study.tell(study.ask(), 'FAIL').state).toBe('FAIL');
    expect(() => study.tell(study.ask(), 'RUNNING')).toThrow(/COMPLETE, PRUNED or FAIL/);
    expect(events).toEqual([{ type: 'trial-failed', trialNumber: 2, reason: 'the objective returned NaN' }]);
  });

  it('suggests the same value again for the same name in a trial, and refuses incompatible ones', () => {
    const study = createStudy();
    const trial = study.ask({ fixed: floatDistribution(0, 1) });
    const x = trial.suggestFloat('x', 0, 1);
    expect(trial.suggestFloat('x', 0, 1)).toBe(x);
    expect(Object.keys(trial.params).sort()).toEqual(['fixed', 'x']);
    study.tell(trial, 1);
    const next = study.ask();
    expect(() => next.suggestInt('x', 0, 1)).toThrow(expect.objectContaining({ code: 'OBJECTIVE_INCOMPATIBLE_DISTRIBUTION' }));
    expect(() => next.suggestFloat('x', 1, 2, { log: true })).toThrow(/log setting/);
  });

  it('ignores a second report for the same step', () => {
    const events: ObjectiveEvent[] = [];
    const study = createStudy({ onEvent: (e) => events.push(e) });
    const trial = study.ask();
    trial.report(1, 0);
    trial.report(2, 0);
    expect(trial.frozen.intermediateValues.get(0)).toBe(1);
    expect(events).toContainEqual({ type: 'report-ignored', trialNumber: 0, step: 0 });
    expect(() => trial.report(1, -1)).toThrow(/non-negative integer `step`, got -1/);
  });

  it('asks the pruner', () => {
    const study = createStudy({ pruner: { prune: (_s, t) => (t.intermediateValues.get(0) ?? 0) > 10 } });
    const trial = study.ask();
    trial.report(11, 0);
    expect(trial.shouldPrune()).toBe(true);
  });
});

describe('enqueue and add', () => {
  it('runs enqueued params first, once, and skips duplicates on request', async () => {
    const events: ObjectiveEvent[] = [];
    const study = createStudy({ onEvent: (e) => events.push(e) });
    study.enqueueTrial({ x: 0.5, c: 'b' }, { userAttrs: { source: 'baseline' } });
    study.enqueueTrial({ x: 0.5, c: 'b' }, { skipIfExists: true });
    study.enqueueTrial({ x: 9, c: 'a', unset: undefined });
    expect(study.trials.map((t) => t.state)).toEqual(['WAITING', 'WAITING']);
    await study.optimize(
      (trial) => {
        const x = trial.suggestFloat('x', 0, 1);
        trial.suggestCategorical('c', ['a', 'b']);
        return x;
      },
      { nTrials: 3 },
    );
    expect(study.trials[0]?.params).toEqual({ x: 0.5, c: 'b' });
    expect(study.trials[0]?.userAttrs).toEqual({ source: 'baseline' });
    // Out of range fixed values are used anyway (as Optuna does), with a warning.
    expect(study.trials[1]?.params).toEqual({ x: 9, c: 'a' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'fixed-param-out-of-range', name: 'x', value: 9 }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'enqueue-skipped' }));
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
  });

  it('adds finished trials and validates them', () => {
    const study = createStudy();
    study.addTrial({ state: 'COMPLETE', value: 3, params: { x: 0.5 }, distributions: { x: floatDistribution(0, 1) } });
    expect(study.bestTrial.params).toEqual({ x: 0.5 });
    expect(study.bestTrial.datetimeComplete).toBeInstanceOf(Date);
    expect(() => study.addTrial({ state: 'COMPLETE' })).toThrow(/needs values/);
    expect(() => study.addTrial({ state: 'COMPLETE', value: 1, params: { x: 2 }, distributions: { x: floatDistribution(0, 1) } })).toThrow(
      /outside/,
    );
    // A frozen trial can be added to another study.
    const other = createStudy();
    other.addTrial(study.bestTrial);
    expect(other.bestValue).toBe(3);
  });
});

describe('results', () => {
  it('gives the Pareto front for several objectives', () => {
    const study = createStudy({ directions: ['minimize', 'maximize'] });
    for (const values of [
      [1, 1],
      [2, 3],
      [3, 2],
      [0, 0],
      [2, 3],
    ]) {
      study.tell(study.ask(), values);
    }
    expect(study.bestTrials.map((t) => t.number).sort()).toEqual([0, 1, 3, 4]);
    expect(() => study.bestTrial).toThrow(expect.objectContaining({ code: 'OBJECTIVE_OBJECTIVE_COUNT' }));
    expect(() => study.direction).toThrow(ObjectiveError);
    expect(() => study.ask().report(1, 0)).toThrow(expect.objectContaining({ code: 'OBJECTIVE_OBJECTIVE_COUNT' }));
  });

  it('has no best trial before one completes', () => {
    const study = createStudy();
    expect(() => study.bestValue).toThrow(expect.objectContaining({ code: 'OBJECTIVE_NO_COMPLETED_TRIALS' }));
  });
});

describe('study registry', () => {
  it('creates, loads, lists and deletes studies', () => {
    const storage = new InMemoryStorage();
    const a = createStudy({ storage, studyName: 'a' });
    a.setUserAttr('owner', 'me');
    a.tell(a.ask(), 4);
    expect(() => createStudy({ storage, studyName: 'a' })).toThrow(expect.objectContaining({ code: 'OBJECTIVE_DUPLICATED_STUDY' }));
    expect(createStudy({ storage, studyName: 'a', loadIfExists: true }).trials).toHaveLength(1);
    expect(() => createStudy({ storage, studyName: 'a', loadIfExists: true, direction: 'maximize' })).toThrow(/directions/);
    expect(loadStudy({ storage, studyName: 'a' }).userAttrs).toEqual({ owner: 'me' });
    createStudy({ storage, studyName: 'b', directions: ['minimize', 'minimize'] });
    const summaries = listStudies(storage);
    expect(summaries.map((s) => [s.studyName, s.nTrials, s.bestTrial?.value])).toEqual([
      ['a', 1, 4],
      ['b', 0, undefined],
    ]);
    deleteStudy({ storage, studyName: 'a' });
    expect(listStudies(storage).map((s) => s.studyName)).toEqual(['b']);
    expect(() => loadStudy({ storage, studyName: 'a' })).toThrow(expect.objectContaining({ code: 'OBJECTIVE_STUDY_NOT_FOUND' }));
  });
});

describe('copyStudy', () => {
  it('copies attrs and every trial, whatever its state, to another storage', async () => {
    const from = createStudy({ studyName: 'src', directions: ['minimize', 'maximize'] });
    from.setUserAttr('u', 1);
    from.setSystemAttr('s', 'x');
    await from.optimize((t) => [t.suggestFloat('a', 0, 1), t.suggestInt('b', 0, 3)], { nTrials: 3 });
    from.tell(from.ask(), 'FAIL');
    from.enqueueTrial({ a: 0.5 });
    const to = copyStudy({ fromStudyName: 'src', fromStorage: from.storage, toStorage: new InMemoryStorage(), toStudyName: 'dst' });
    expect(to.directions).toEqual(['minimize', 'maximize']);
    expect(to.userAttrs).toEqual({ u: 1 });
    expect(to.systemAttrs).toEqual({ s: 'x' });
    const strip = (t: FrozenTrial) => ({ ...t, trialId: 0 });
    expect(to.trials.map(strip)).toEqual(from.trials.map(strip));
  });
});

describe('sampler protocol', () => {
  it('calls beforeTrial, relative sampling once, independent per non-relative param, afterTrial before the state is written', async () => {
    const calls: string[] = [];
    const sampler: BaseSampler = {
      beforeTrial: (_s, t) => calls.push(`before:${t.number}`),
      inferRelativeSearchSpace: () => {
        calls.push('infer');
        return { r: floatDistribution(0, 1) };
      },
      sampleRelative: () => {
        calls.push('relative');
        return { r: 0.25 };
      },
      sampleIndependent: (_s, _t, name) => {
        calls.push(`independent:${name}`);
        return 0.75;
      },
      afterTrial: (study, t, state, values) => calls.push(`after:${t.number}:${state}:${values}:${study.getTrials()[t.number]?.state}`),
    };
    const study = createStudy({ sampler });
    await study.optimize((trial) => trial.suggestFloat('r', 0, 1) + trial.suggestFloat('i', 0, 1), { nTrials: 1 });
    expect(calls).toEqual(['before:0', 'infer', 'relative', 'independent:i', 'after:0:COMPLETE:1:RUNNING']);
    expect(study.trials[0]?.params).toEqual({ r: 0.25, i: 0.75 });
  });
});

describe("Optuna's defaults", () => {
  it('uses TPE and the median pruner for one objective, NSGA-II for several', async () => {
    const { TPESampler, NSGAIISampler, MedianPruner } = await import('../src/index.js');
    const single = createStudy();
    expect(single.sampler).toBeInstanceOf(TPESampler);
    expect(single.pruner).toBeInstanceOf(MedianPruner);
    const multi = createStudy({ directions: ['minimize', 'maximize'] });
    expect(multi.sampler).toBeInstanceOf(NSGAIISampler);
  });
});
