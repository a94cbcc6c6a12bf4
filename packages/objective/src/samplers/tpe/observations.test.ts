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
});
