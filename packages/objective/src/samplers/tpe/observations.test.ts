import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng.js';
import { RandomSampler } from '../random-sampler.js';
import { createStudy } from '../../study/study-registry.js';
import type { Trial } from '../../trial/trial.js';
import { ObservationCache, type Observations } from './observations.js';

const plain = (obs: Observations) => ({
  numbers: Array.from(obs.numbers),
  stepKeys: Array.from(obs.stepKeys),
  scores: Array.from(obs.scores),
  violations: obs.violations === undefined ? undefined : Array.from(obs.violations),
  nFinished: obs.nFinished,
});

describe('ObservationCache.collect', () => {
  for (const constraints of [false, true]) it(`grows its columns in place and still equals a fresh collection when trials finish out of order (constraints: ${constraints})`, () => {
    const rng = createRng(4);
    const study = createStudy({ sampler: new RandomSampler({ seed: 1 }) });
    const cache = new ObservationCache();
    const running: Trial[] = [];
    let grown = 0;
    for (let step = 0; step < 400; step++) {
      // Up to four trials in flight, finished in random order: complete, pruned (with or
      // without an intermediate value) or failed (never observed).
      if (running.length < 4 && rng.random() < 0.6) {
        const trial = study.ask();
        trial.suggestFloat('x', -1, 1);
        running.push(trial);
      } else if (running.length > 0) {
        const [trial] = running.splice(Math.floor(rng.random() * running.length), 1) as [Trial];
        const u = rng.random();
        if (u < 0.6) study.tell(trial, rng.random());
        else if (u < 0.8) {
          if (u < 0.7) trial.report(rng.random(), 1 + Math.floor(rng.random() * 5));
          study.tell(trial, 'PRUNED');
        } else study.tell(trial, 'FAIL');
      }
      const before = cache.collect(study, false, constraints);
      const beforeCopy = plain(before);
      const fresh = new ObservationCache().collect(study, false, constraints);
      expect(plain(before), `step ${step}`).toEqual(plain(fresh));
      // A later collection must leave the earlier one's views as they were.
      const trial = study.ask();
      trial.suggestFloat('x', -1, 1);
      study.tell(trial, rng.random());
      const after = cache.collect(study, false, constraints);
      if (after.numbers.buffer === before.numbers.buffer) grown++;
      expect(plain(before)).toEqual(beforeCopy);
      expect(plain(after)).toEqual(plain(new ObservationCache().collect(study, false, constraints)));
    }
    // Many collections extended the same storage rather than copying it (out-of-order finishes rebuild).
    expect(grown).toBeGreaterThan(200);
  });

  it('reads an estimator\'s sorted centres off the sorted list, the prior inserted, and gives up on ties', () => {
    const rng = createRng(8);
    for (const log of [false, true]) {
      const study = createStudy({ sampler: new RandomSampler({ seed: 3 }) });
      for (let i = 0; i < 300; i++) {
        const trial = study.ask();
        trial.suggestFloat('x', 1e-3, 10, { log });
        study.tell(trial, rng.random());
      }
      const cache = new ObservationCache();
      const obs = cache.collect(study, false, false);
      const subset = Int32Array.from({ length: obs.numbers.length }, (_, i) => i).filter(() => rng.random() < 0.8);
      const values = cache.column('x', obs, subset);
      const centres = Array.from(values, (v) => (log ? Math.log(v) : v));
      for (const prior of [undefined, log ? 0.5 * (Math.log(1e-3) + Math.log(10)) : 5.0005]) {
        const withPrior = prior === undefined ? centres : [...centres, prior];
        const order = withPrior.map((_, i) => i).sort((i, j) => (withPrior[i] as number) - (withPrior[j] as number));
        const got = cache.sortedCentres('x', obs, subset, log, prior);
        expect(got).toBeDefined();
        expect(Array.from(got?.order ?? [])).toEqual(order);
        expect(Array.from(got?.centres ?? [])).toEqual(order.map((i) => withPrior[i]));
        // A prior equal to an observed centre is a tie: numpy's order must decide.
        expect(cache.sortedCentres('x', obs, subset, log, centres[17])).toBeUndefined();
      }
      // So are two equal observations.
      const again = study.getTrials()[subset[5] as number]?.params.x as number;
      study.enqueueTrial({ x: again });
      const trial = study.ask();
      trial.suggestFloat('x', 1e-3, 10, { log });
      study.tell(trial, 0.5);
      const grown = cache.collect(study, false, false);
      const all = Int32Array.from({ length: grown.numbers.length }, (_, i) => i);
      expect(cache.sortedCentres('x', grown, all, log, undefined)).toBeUndefined();
      expect(cache.sortedCentres('x', grown, all.subarray(0, all.length - 1), log, undefined)).toBeDefined();
    }
  });
});
