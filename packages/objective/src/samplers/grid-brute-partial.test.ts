import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../errors.js';
import { InMemoryStorage } from '../storages/in-memory-storage.js';
import { createStudy } from '../study/study-registry.js';
import type { Trial } from '../trial/trial.js';
import { BruteForceSampler } from './brute-force-sampler.js';
import { GRID_ID_ATTR, GridSampler } from './grid-sampler.js';
import { PartialFixedSampler } from './partial-fixed-sampler.js';
import type { SamplerEvent } from './sampler-events.js';
import { TPESampler } from './tpe/tpe-sampler.js';

const gridObjective = (t: Trial) => (t.suggestFloat('x', -1, 1) as number) + (t.suggestInt('n', 0, 10) as number) * 0 + (t.suggestCategorical('c', ['a', 'b']) === 'a' ? 0 : 1);

describe('GridSampler', () => {
  it('evaluates every grid point exactly once, then stops the study', async () => {
    const events: SamplerEvent[] = [];
    const grid = { x: [-1, 0, 0.5, 1], n: [0, 5, 10], c: ['a', 'b'] };
    const study = createStudy({ sampler: new GridSampler(grid, { seed: 1, onEvent: (e) => events.push(e) }) });
    await study.optimize(gridObjective, { nTrials: 100 });
    expect(study.trials).toHaveLength(24);
    const seen = new Set(study.trials.map((t) => JSON.stringify([t.params.c, t.params.n, t.params.x])));
    expect(seen.size).toBe(24);
    expect(new Set(study.trials.map((t) => t.systemAttrs[GRID_ID_ATTR])).size).toBe(24);
    expect(events.some((e) => e.type === 'sampler-space-exhausted')).toBe(true);
  });

  it('is safe with several workers sharing a storage (interleaved asks, no duplicates)', () => {
    const storage = new InMemoryStorage();
    const grid = { x: [0, 0.25, 0.5, 0.75, 1], c: ['a', 'b'] };
    const workers = [1, 2, 3].map((seed) => createStudy({ storage, studyName: 'grid', loadIfExists: true, sampler: new GridSampler(grid, { seed }) }));
    // Each worker asks before any tells: running trials must already be avoided.
    let round = 0;
    while (!workers.every((w) => w.stopped) && round++ < 10) {
      const asked = workers.filter((w) => !w.stopped).map((w) => {
        const t = w.ask();
        t.suggestFloat('x', 0, 1);
        t.suggestCategorical('c', ['a', 'b']);
        return [w, t] as const;
      });
      for (const [w, t] of asked) w.tell(t, 0);
    }
    const trials = (workers[0] as (typeof workers)[number]).trials;
    const points = trials.map((t) => `${String(t.params.x)}|${String(t.params.c)}`);
    expect(new Set(points).size).toBe(10);
    expect(trials.length).toBeLessThanOrEqual(12);
    expect(workers.every((w) => w.stopped)).toBe(true);
  });

  it('rejects parameters outside the grid and bad grids', () => {
    const study = createStudy({ sampler: new GridSampler({ x: [1, 2] }) });
    const t = study.ask();
    expect(() => t.suggestFloat('y', 0, 1)).toThrow(ObjectiveError);
    expect(() => new GridSampler({ x: [] })).toThrow(/non-empty/);
  });
});

describe('BruteForceSampler', () => {
  it('tries every combination of a conditional discrete space once and stops', async () => {
    const study = createStudy({ sampler: new BruteForceSampler({ seed: 3 }) });
    await study.optimize(
      (t) => {
        const kind = t.suggestCategorical('kind', ['lin', 'tree']);
        if (kind === 'lin') return t.suggestFloat('alpha', 0, 1, { step: 0.25 });
        return t.suggestInt('depth', 1, 3) + t.suggestInt('leaves', 2, 4, { step: 2 });
      },
      { nTrials: 50 },
    );
    // 5 linear settings + 3 × 2 tree settings.
    expect(study.trials).toHaveLength(11);
    expect(new Set(study.trials.map((t) => JSON.stringify(t.params))).size).toBe(11);
  });

  it('rejects continuous parameters', () => {
    const study = createStudy({ sampler: new BruteForceSampler() });
    expect(() => study.ask().suggestFloat('x', 0, 1)).toThrow(/discrete/);
  });
});

describe('PartialFixedSampler', () => {
  it('keeps fixed parameters and lets the base sampler choose the others', async () => {
    const events: SamplerEvent[] = [];
    const sampler = new PartialFixedSampler({ y: 2, z: 99 }, new TPESampler({ seed: 0, multivariate: true, warnIndependentSampling: false }), { onEvent: (e) => events.push(e) });
    const study = createStudy({ sampler });
    await study.optimize((t) => (t.suggestFloat('x', -3, 3) - 1) ** 2 + t.suggestInt('y', 0, 5) + t.suggestInt('z', 0, 10), { nTrials: 40 });
    expect(study.trials.every((t) => t.params.y === 2 && t.params.z === 99)).toBe(true);
    expect(Math.abs((study.bestParams.x as number) - 1)).toBeLessThan(0.3);
    expect(events.some((e) => e.type === 'sampler-fixed-param-out-of-range' && e.paramName === 'z')).toBe(true);
    expect(sampler.inferRelativeSearchSpace(study, study.trials[39] as never)).not.toHaveProperty('y');
  });
});
