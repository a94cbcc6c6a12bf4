import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../distributions/index.js';
import { contains, toInternal } from '../../distributions/representation.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import type { StudyDirection } from '../../study-direction.js';
import { createStudy } from '../../study/study-registry.js';
import type { Study } from '../../study/study.js';
import type { Trial } from '../../trial/trial.js';
import type { BaseSampler } from '../base-sampler.js';

/** What a sampler under test supports; the suite skips the rest. */
export interface SamplerCapabilities {
  /** Same seed, same parameters. @default true */
  seeded?: boolean;
  /** Continuous (unstepped) floats. @default true */
  continuous?: boolean;
  /** Multi-objective studies. @default false */
  multiObjective?: boolean;
  /** Single-objective studies. @default true */
  singleObjective?: boolean;
  /** Parameters that appear only in some trials. @default true */
  conditional?: boolean;
  /** Trials to run in the longer checks. @default 40 */
  nTrials?: number;
  /** An enqueued trial must fix every parameter (GridSampler, as in Optuna). @default false */
  enqueueAll?: boolean;
}

/** The grid of the standard space, for samplers that need one (GridSampler). */
export const STANDARD_GRID = {
  x: [-3, -1, 0, 2.5],
  lx: [0.001, 0.1, 1],
  q: [0, 2.5, 5],
  n: [1, 4, 10],
  ln: [1, 8, 64],
  s: [0, 15, 30],
  c: ['a', 'b', 7, null],
} as const;

/** The standard space: every kind of distribution, log and stepped variants included. */
export function standardObjective(options: { continuous: boolean }) {
  return (t: Trial): number => {
    const x = options.continuous ? t.suggestFloat('x', -3, 3) : t.suggestFloat('x', -3, 3, { step: 0.5 });
    const lx = options.continuous ? t.suggestFloat('lx', 1e-3, 1, { log: true }) : t.suggestInt('lxi', 1, 3);
    const q = t.suggestFloat('q', 0, 5, { step: 2.5 });
    const n = t.suggestInt('n', 1, 10);
    const ln = t.suggestInt('ln', 1, 64, { log: true });
    const s = t.suggestInt('s', 0, 30, { step: 15 });
    const c = t.suggestCategorical('c', ['a', 'b', 7, null]);
    return x * x + Math.log(lx + 1) + q + n / 10 + Math.log2(ln) + s / 30 + (c === 'b' ? 0 : 1);
  };
}

function checkInside(trial: FrozenTrial): void {
  for (const [name, value] of Object.entries(trial.params)) {
    const dist = trial.distributions[name] as Distribution;
    expect(contains(dist, toInternal(dist, value)), `${name}=${String(value)} outside ${JSON.stringify(dist)}`).toBe(true);
    if (dist.kind === 'int') expect(Number.isInteger(value)).toBe(true);
  }
}

function run(study: Study, objective: (t: Trial) => number | number[], nTrials: number): void {
  for (let i = 0; i < nTrials && !study.stopped; i++) {
    const trial = study.ask();
    study.tell(trial, objective(trial));
  }
}

/**
 * The sampler contract: every sampler gets these checks for free (determinism,
 * staying inside distributions, log/step/int/categorical, conditional spaces,
 * enqueued parameters, failed and pruned trials in the history, several objectives).
 */
export function testSampler(name: string, factory: (seed: number) => BaseSampler, capabilities: SamplerCapabilities = {}): void {
  const caps = { seeded: true, continuous: true, multiObjective: false, singleObjective: true, conditional: true, nTrials: 40, enqueueAll: false, ...capabilities };
  const objective = standardObjective({ continuous: caps.continuous });
  const single: StudyDirection[] = ['minimize'];

  describe(`sampler contract: ${name}`, () => {
    it.runIf(caps.singleObjective)('keeps every value inside its distribution (log, step, int, categorical)', () => {
      const study = createStudy({ sampler: factory(1), directions: single });
      run(study, objective, caps.nTrials);
      expect(study.trials.length).toBeGreaterThan(0);
      for (const t of study.trials) checkInside(t);
    });

    it.runIf(caps.seeded && caps.singleObjective)('replays exactly for a seed', () => {
      const params = (): unknown[] => {
        const study = createStudy({ sampler: factory(5), directions: single });
        run(study, objective, Math.min(caps.nTrials, 25));
        return study.trials.map((t) => t.params);
      };
      expect(params()).toEqual(params());
    });

    it.runIf(caps.conditional && caps.singleObjective)('samples conditional spaces', () => {
      const study = createStudy({ sampler: factory(2), directions: single });
      run(
        study,
        (t) => {
          const branch = t.suggestCategorical('c', ['a', 'b']);
          if (branch === 'a') return caps.continuous ? t.suggestFloat('x', -3, 3) ** 2 : t.suggestInt('n', 1, 10);
          return t.suggestInt('s', 0, 30, { step: 15 }) + 1;
        },
        caps.nTrials,
      );
      for (const t of study.trials) {
        checkInside(t);
        expect(t.params.c === 'a' ? 'x' in t.params || 'n' in t.params : 's' in t.params).toBe(true);
        expect(t.params.c === 'a' ? 's' in t.params : 'x' in t.params || 'n' in t.params).toBe(false);
      }
    });

    it.runIf(caps.singleObjective)('respects enqueued parameters', () => {
      const study = createStudy({ sampler: factory(3), directions: single });
      run(study, objective, 3);
      const fixed = caps.enqueueAll ? { x: 2.5, lx: 0.1, q: 2.5, n: 4, ln: 8, s: 15, c: 7 } : { q: 2.5, c: 7, n: 4 };
      study.enqueueTrial(fixed);
      run(study, objective, 1);
      const t = study.trials[3] as FrozenTrial;
      expect(t.params).toMatchObject(fixed);
      checkInside(t);
    });

    it.runIf(caps.singleObjective)('learns from a history with failed and pruned trials', () => {
      const study = createStudy({ sampler: factory(4), directions: single });
      for (let i = 0; i < caps.nTrials && !study.stopped; i++) {
        const trial = study.ask();
        const value = objective(trial);
        if (i % 5 === 3) study.tell(trial, 'FAIL');
        else if (i % 5 === 4) {
          trial.report(value + 1, 1);
          study.tell(trial, 'PRUNED');
        } else study.tell(trial, value);
      }
      for (const t of study.trials) checkInside(t);
      expect(study.trials.some((t) => t.state === 'COMPLETE')).toBe(true);
    });

    it.runIf(caps.multiObjective)('samples two-objective studies', () => {
      const study = createStudy({ sampler: factory(6), directions: ['minimize', 'maximize'] });
      run(study, (t) => [objective(t), t.params.n as number], caps.nTrials);
      for (const t of study.trials) checkInside(t);
      expect(study.bestTrials.length).toBeGreaterThan(0);
    });
  });
}
