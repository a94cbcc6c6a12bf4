import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution } from '../distributions/index.js';
import { createStudy } from '../study/study-registry.js';
import { RandomSampler, sampleUniform } from './random-sampler.js';
import { createRng } from '../random/rng.js';
import { contains, toInternal } from '../distributions/index.js';

describe('RandomSampler', () => {
  it('replays exactly for a seed', async () => {
    const run = async (seed: number) => {
      const study = createStudy({ sampler: new RandomSampler({ seed }) });
      await study.optimize((t) => t.suggestFloat('x', 0, 1) + t.suggestInt('n', 0, 100), { nTrials: 20 });
      return study.trials.map((t) => t.params);
    };
    expect(await run(7)).toEqual(await run(7));
    expect(await run(7)).not.toEqual(await run(8));
  });

  it('stays in range and covers every grid point and choice about evenly', () => {
    const rng = createRng(3);
    const cases = [
      floatDistribution(0, 1, { step: 0.25 }),
      intDistribution(1, 9, { step: 2 }),
      intDistribution(1, 8, { log: true }),
      categoricalDistribution(['a', 'b', null]),
    ];
    for (const distribution of cases) {
      const counts = new Map<unknown, number>();
      for (let i = 0; i < 6000; i++) {
        const value = sampleUniform(rng, distribution);
        expect(contains(distribution, toInternal(distribution, value))).toBe(true);
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      const expected = distribution.kind === 'categorical' ? 3 : distribution.kind === 'int' && distribution.log ? 8 : 5;
      expect(counts.size).toBe(expected);
      if (!(distribution.kind === 'int' && distribution.log)) {
        for (const count of counts.values()) expect(count).toBeGreaterThan((6000 / expected) * 0.85);
      }
    }
  });

  it('samples log floats uniformly in log space', () => {
    const rng = createRng(5);
    const d = floatDistribution(1e-4, 1, { log: true });
    let below = 0;
    for (let i = 0; i < 4000; i++) if ((sampleUniform(rng, d) as number) < 1e-2) below++;
    expect(below / 4000).toBeGreaterThan(0.45);
    expect(below / 4000).toBeLessThan(0.55);
  });
});
