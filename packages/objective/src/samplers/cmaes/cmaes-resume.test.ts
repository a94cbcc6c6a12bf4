import { describe, expect, it } from 'vitest';
import { InMemoryStorage } from '../../storages/in-memory-storage.js';
import { createStudy } from '../../study/study-registry.js';
import type { Study } from '../../study/study.js';
import type { Trial } from '../../trial/trial.js';
import type { SamplerEvent } from '../sampler-events.js';
import { CmaEsSampler, type CmaEsSamplerOptions } from './cmaes-sampler.js';
import { CMAES_STATE_ATTR, CMAES_STATE_CHUNKS_ATTR, decodeCmaEsState, encodeCmaEsState, type CmaEsState } from './cmaes-state.js';

/** Four dimensions of every numerical kind (plain, log, integer, stepped), minimum off-centre. */
function objective(t: Trial): number {
  const a = t.suggestFloat('a', -5, 5);
  const b = t.suggestFloat('b', 1e-3, 10, { log: true });
  const c = t.suggestInt('c', 0, 40);
  const d = t.suggestFloat('d', -3, 3, { step: 0.25 });
  return (a - 1.3) ** 2 + Math.log(b) ** 2 + ((c - 12) / 4) ** 2 + (d + 1) ** 2;
}

function sphere2(t: Trial): number {
  return (t.suggestFloat('x', -5, 5) - 2) ** 2 + (t.suggestFloat('y', -5, 5) + 1) ** 2;
}

function step(study: Study, fn: (t: Trial) => number): Trial {
  const trial = study.ask();
  study.tell(trial, fn(trial));
  return trial;
}

/** |a - b| ≤ 1e-12 (1 + |b|) over every number of two states, and the same integers. */
function expectStatesClose(actual: CmaEsState | undefined, expected: CmaEsState | undefined): void {
  expect(actual).toBeDefined();
  expect(expected).toBeDefined();
  const a = actual as CmaEsState;
  const e = expected as CmaEsState;
  expect({ ...a, optimizer: undefined }).toEqual({ ...e, optimizer: undefined });
  expect(a.optimizer.generation).toBe(e.optimizer.generation);
  expect(a.optimizer.populationSize).toBe(e.optimizer.populationSize);
  expect(Math.abs(a.optimizer.sigma - e.optimizer.sigma)).toBeLessThanOrEqual(1e-12 * Math.abs(e.optimizer.sigma));
  for (const key of ['mean', 'C', 'B', 'D', 'pSigma', 'pc'] as const) {
    const got = a.optimizer[key];
    const want = e.optimizer[key];
    expect(got).toHaveLength(want.length);
    got.forEach((v, i) => expect(Math.abs(v - (want[i] as number))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i] as number))));
  }
  // JSON keeps doubles exactly, so in fact they are identical.
  expect(a).toEqual(e);
}

describe.each<[string, CmaEsSamplerOptions, (t: Trial) => number, number]>([
  ['plain', { seed: 11 }, objective, 40],
  ['IPOP, resumed after a restart', { seed: 3, restartStrategy: 'ipop', popsize: 4 }, sphere2, -1],
])('CmaEsSampler resumed from the study (%s)', (_label, options, fn, firstPart) => {
  it('a fresh sampler on the same storage continues with the same state and the same suggestions', () => {
    const restarts: SamplerEvent[] = [];
    const samplerA = new CmaEsSampler({ ...options, onEvent: (e) => restarts.push(e) });
    const twin = new CmaEsSampler(options);
    const storage = new InMemoryStorage();
    const studyA = createStudy({ storage, studyName: 'resumed', sampler: samplerA });
    const studyTwin = createStudy({ sampler: twin });
    // Without a fixed length: run until the first restart, then two and a half generations of 8 further.
    let n = 0;
    while (firstPart > 0 ? n < firstPart : restarts.filter((e) => e.type === 'sampler-cmaes-restart').length === 0 || n < 0) {
      step(studyA, fn);
      step(studyTwin, fn);
      n++;
      expect(n).toBeLessThan(5000);
    }
    if (firstPart < 0) for (let i = 0; i < 20; i++) [step(studyA, fn), step(studyTwin, fn), n++];
    const stateA = samplerA.exportState();
    expect(stateA?.optimizer.generation).toBeGreaterThanOrEqual(2);
    if (firstPart < 0) expect(stateA?.nRestarts).toBe(1);
    expect(studyA.trials.map((t) => t.params)).toEqual(studyTwin.trials.map((t) => t.params));

    // A brand-new sampler (another seed: the stored run seed decides) on the same study.
    const samplerB = new CmaEsSampler({ ...options, seed: 999 });
    const studyB = createStudy({ storage, studyName: 'resumed', loadIfExists: true, sampler: samplerB });
    expect(samplerB.exportState()).toBeUndefined();
    for (let i = 0; i < 30; i++) {
      const before = samplerA.exportState() as CmaEsState;
      const tB = studyB.ask();
      const tTwin = studyTwin.ask();
      if (i === 0) {
        // Restored (then told, if the generation was complete) exactly as the uninterrupted twin.
        const gen = samplerB.exportState()?.optimizer.generation;
        expect(gen === before.optimizer.generation || gen === before.optimizer.generation + 1).toBe(true);
      }
      expectStatesClose(samplerB.exportState(), twin.exportState());
      expect(tB.params).toEqual(tTwin.params);
      expect(tB.number).toBe(tTwin.number);
      studyB.tell(tB, fn(tB));
      studyTwin.tell(tTwin, fn(tTwin));
    }
    const genKey = options.restartStrategy === 'ipop' ? 'cma:restart_1:generation' : 'cma:generation';
    expect(studyB.trials.map((t) => t.systemAttrs[genKey])).toEqual(studyTwin.trials.map((t) => t.systemAttrs[genKey]));
  });
});

describe('CmaEsSampler with damaged stored states', () => {
  it('ignores corrupted and foreign states with an event and continues from the newest usable one', () => {
    const storage = new InMemoryStorage();
    const sampler = new CmaEsSampler({ seed: 5 });
    const study = createStudy({ storage, studyName: 'damaged', sampler });
    const carriers: number[] = [];
    for (let i = 0; i < 20; i++) {
      const trial = study.ask();
      if (trial.frozen.systemAttrs[CMAES_STATE_CHUNKS_ATTR] !== undefined) {
        carriers.push(trial.number);
        // The newest carrier gets garbage, the one before a foreign format; the first stays intact.
        if (carriers.length === 3) trial.setSystemAttr(`${CMAES_STATE_ATTR}:0`, '{"format":"hyperopt-cmaes","vers');
        if (carriers.length === 2) trial.setSystemAttr(`${CMAES_STATE_ATTR}:0`, JSON.stringify({ format: 'someone-else', version: 7 }));
        if (carriers.length === 2) trial.setSystemAttr(CMAES_STATE_CHUNKS_ATTR, 1);
      }
      study.tell(trial, objective(trial));
    }
    // popsize 8 for 4 dimensions: started at trial 1, generations told at trials 9 and 17.
    expect(carriers).toEqual([1, 9, 17]);
    expect(decodeCmaEsState(study.trials[1]?.systemAttrs ?? {}).kind).toBe('ok');

    const events: SamplerEvent[] = [];
    const fresh = new CmaEsSampler({ seed: 5, onEvent: (e) => events.push(e) });
    const resumed = createStudy({ storage, studyName: 'damaged', loadIfExists: true, sampler: fresh });
    const first = step(resumed, objective);
    const ignored = events.filter((e) => e.type === 'sampler-cmaes-state-ignored');
    expect(ignored.map((e) => e.trialNumber)).toEqual([17, 9]);
    expect(ignored[0]?.reason).toMatch(/not JSON/);
    expect(ignored[1]?.reason).toMatch(/format/);
    // Continued from trial 1's generation-0 state, told generation 0's trials at once.
    expect(fresh.exportState()?.optimizer.generation).toBe(1);
    expect(first.frozen.systemAttrs['cma:generation']).toBe(1);
    for (let i = 0; i < 30; i++) {
      const t = step(resumed, objective);
      expect(Object.keys(t.params).sort()).toEqual(['a', 'b', 'c', 'd']);
    }
    // Each damaged trial is reported once, not at every sample.
    expect(events.filter((e) => e.type === 'sampler-cmaes-state-ignored')).toHaveLength(2);
    expect(resumed.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    expect(resumed.bestValue).toBeLessThan(3);
  });

  it('ignores a state whose chunks are missing, and one written for another search space', () => {
    const storage = new InMemoryStorage();
    const pq = (t: Trial) => t.suggestFloat('p', 0, 1) + t.suggestFloat('q', 0, 1);
    const study = createStudy({ storage, studyName: 'other', sampler: new CmaEsSampler({ seed: 8 }) });
    for (let i = 0; i < 12; i++) step(study, pq);
    const valid = decodeCmaEsState(study.trials[1]?.systemAttrs ?? {});
    if (valid.kind !== 'ok') throw new Error('expected a stored state in trial 1');
    const foreign = study.ask();
    for (const [key, value] of Object.entries(encodeCmaEsState({ ...valid.state, paramNames: ['u', 'v'] }))) foreign.setSystemAttr(key, value);
    study.tell(foreign, pq(foreign));
    const truncated = study.ask();
    truncated.setSystemAttr(CMAES_STATE_CHUNKS_ATTR, 3);
    truncated.setSystemAttr(`${CMAES_STATE_ATTR}:0`, '{');
    study.tell(truncated, pq(truncated));

    const events: SamplerEvent[] = [];
    const fresh = new CmaEsSampler({ seed: 8, onEvent: (e) => events.push(e) });
    const resumed = createStudy({ storage, studyName: 'other', loadIfExists: true, sampler: fresh });
    for (let i = 0; i < 5; i++) step(resumed, pq);
    const ignored = events.filter((e) => e.type === 'sampler-cmaes-state-ignored');
    expect(ignored.map((e) => e.trialNumber)).toEqual([truncated.number, foreign.number]);
    expect(ignored[0]?.reason).toContain(`${CMAES_STATE_ATTR}:1`);
    expect(ignored[1]?.reason).toContain('the search space is');
    expect(fresh.exportState()?.paramNames).toEqual(['p', 'q']);
  });
});
