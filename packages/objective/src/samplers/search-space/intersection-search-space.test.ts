import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../distributions/index.js';
import { distributionsEqual } from '../../distributions/equality.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import { createRng } from '../../random/rng.js';
import { createStudy } from '../../study/study-registry.js';
import type { Study } from '../../study/study.js';
import type { Trial } from '../../trial/trial.js';
import { RandomSampler } from '../random-sampler.js';
import { IntersectionSearchSpace } from './intersection-search-space.js';

/** The intersection straight from its definition, over every finished trial. */
function bruteForce(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  if (trials.length === 0) return {};
  const first = trials[0] as FrozenTrial;
  const out: Record<string, Distribution> = {};
  for (const name of Object.keys(first.distributions).sort()) {
    const dist = first.distributions[name] as Distribution;
    if (trials.every((t) => t.distributions[name] !== undefined && distributionsEqual(dist, t.distributions[name] as Distribution))) out[name] = dist;
  }
  return out;
}

describe('IntersectionSearchSpace', () => {
  it('equals the intersection of every finished trial after each step, with trials finishing out of order', () => {
    const rng = createRng(9);
    const study: Study = createStudy({ sampler: new RandomSampler({ seed: 2 }) });
    const incremental = new IntersectionSearchSpace({ includePruned: true });
    const running: Trial[] = [];
    let shrunk = 0;
    let previous = -1;
    for (let step = 0; step < 300; step++) {
      if (running.length < 3 && rng.random() < 0.6) {
        const trial = study.ask();
        trial.suggestFloat('a', 0, 1);
        // Now and then a trial without `b`, or with another range for `c`: the space shrinks.
        if (rng.random() < 0.98) trial.suggestInt('b', 1, 9);
        trial.suggestFloat('c', 0, rng.random() < 0.995 ? 1 : 2);
        running.push(trial);
      } else if (running.length > 0) {
        const [trial] = running.splice(Math.floor(rng.random() * running.length), 1) as [Trial];
        const u = rng.random();
        study.tell(trial, u < 0.7 ? rng.random() : u < 0.85 ? 'PRUNED' : 'FAIL');
      }
      const want = bruteForce(study.getTrials({ states: ['COMPLETE', 'PRUNED'] }));
      const got = incremental.calculate(study);
      expect(got, `step ${step}`).toEqual(want);
      const size = Object.keys(got).length;
      if (previous > size) shrunk++;
      previous = size;
    }
    expect(shrunk).toBeGreaterThan(0);
  });
});
