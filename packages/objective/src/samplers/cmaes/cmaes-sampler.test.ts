import { describe, expect, it } from 'vitest';
import { ObjectiveError } from '../../errors.js';
import { createStudy } from '../../study/study-registry.js';
import type { SamplerEvent } from '../sampler-events.js';
import { median, mixed, rosenbrock } from '../test-support/problems.js';
import { runStudy } from '../test-support/run-study.js';
import { CmaEsSampler } from './cmaes-sampler.js';

const sphere3 = (t: import('../../trial/trial.js').Trial) => [0, 1, 2].reduce((s, i) => s + (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2, 0);

describe('CmaEsSampler', () => {
  it('replays exactly for a seed', () => {
    const run = () => runStudy(new CmaEsSampler({ seed: 3 }), sphere3, 30).trials.map((t) => t.params);
    expect(run()).toEqual(run());
  });

  it('optimises the 5-d Rosenbrock function over several seeds', () => {
    const bests = [0, 1, 2, 3, 4].map((seed) => runStudy(new CmaEsSampler({ seed }), rosenbrock.fn, 300).bestValue);
    expect(median(bests)).toBeLessThan(20);
  });

  it('marks generations in system attrs and tells a whole population at a time', () => {
    const study = runStudy(new CmaEsSampler({ seed: 1, popsize: 6 }), sphere3, 25);
    const gens = study.trials.slice(1).map((t) => t.systemAttrs['cma:generation']);
    expect(gens.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(gens.slice(6, 12)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(study.bestValue).toBeLessThan(3);
  });

  it('restarts with a doubled population (IPOP) once converged', () => {
    const events: SamplerEvent[] = [];
    const study = runStudy(new CmaEsSampler({ seed: 2, restartStrategy: 'ipop', onEvent: (e) => events.push(e) }), sphere3, 1200);
    const restarts = events.filter((e) => e.type === 'sampler-cmaes-restart');
    expect(restarts.length).toBeGreaterThan(0);
    expect(restarts[0]).toMatchObject({ restart: 1, populationSize: 14 });
    expect(study.trials.some((t) => t.systemAttrs['cma:restart_1:generation'] !== undefined)).toBe(true);
    expect(study.bestValue).toBeLessThan(1e-8);
  });

  it('warm-starts from the trials of an earlier study', () => {
    const shifted = (t: import('../../trial/trial.js').Trial) => [0, 1, 2].reduce((s, i) => s + (t.suggestFloat(`x${i}`, -5, 5) - 3.5) ** 2, 0);
    const source = runStudy(new CmaEsSampler({ seed: 4 }), shifted, 80).trials;
    const firstTen = (sampler: CmaEsSampler): number => {
      const study = createStudy({ sampler });
      const values = Array.from({ length: 11 }, () => {
        const t = study.ask();
        const v = shifted(t);
        study.tell(t, v);
        return v;
      });
      return median(values.slice(1));
    };
    const warm = firstTen(new CmaEsSampler({ seed: 5, sourceTrials: source }));
    const cold = firstTen(new CmaEsSampler({ seed: 5 }));
    expect(warm).toBeLessThan(cold / 3);
  });

  it('falls back to independent sampling for categoricals, with a warning event', () => {
    const events: SamplerEvent[] = [];
    const study = runStudy(new CmaEsSampler({ seed: 6, onEvent: (e) => events.push(e) }), mixed.fn, 60);
    expect(events.some((e) => e.type === 'sampler-independent-sampling' && e.paramName === 'kind')).toBe(true);
    expect(events.some((e) => e.type === 'sampler-independent-sampling' && e.paramName === 'lr' && e.trialNumber > 1)).toBe(false);
    expect(study.bestValue).toBeLessThan(1);
  });

  it('refuses multi-objective studies and bad options', () => {
    expect(() => runStudy(new CmaEsSampler({ seed: 0 }), (t) => [t.suggestFloat('a', 0, 1), t.suggestFloat('b', 0, 1)], 3, { directions: ['minimize', 'minimize'] })).toThrow(ObjectiveError);
    expect(() => new CmaEsSampler({ sigma0: -1 })).toThrow(/sigma0/);
  });
});
