import { describe, expect, it } from 'vitest';
import { TrialPruned } from '../../errors.js';
import { createRng } from '../../random/rng.js';
import { RandomSampler } from '../../samplers/random-sampler.js';
import { createStudy } from '../../study/study-registry.js';
import type { StudyDirection } from '../../study-direction.js';
import type { BasePruner } from '../base-pruner.js';
import { RecordedStudy } from './recorded-study.js';

/** What a pruner promises beyond the common contract. */
export interface PrunerCapabilities {
  /** Never prunes before some trial of the study has completed (study-relative pruners). @default false */
  needsCompletedTrials?: boolean;
  /** Negating every value and flipping the direction gives the same decisions. @default true */
  directionSymmetric?: boolean;
  /** Prunes at least once in the contract's varied study (so it is not a no-op). @default true */
  prunesSomething?: boolean;
}

interface Plan {
  steps: number[];
  values: number[];
  end: 'COMPLETE' | 'FAIL' | 'PRUNED' | 'RUNNING';
}

/** A seeded, varied study: 16 trials, 2 at a time, small integer values (exact arithmetic), some gaps, NaN and ±Infinity. */
function variedPlans(seed: number, withSpecials: boolean): Plan[] {
  const rng = createRng(seed);
  const plans: Plan[] = [];
  for (let i = 0; i < 16; i++) {
    const n = rng.integer(0, 12);
    const stride = rng.integer(1, 2);
    const steps = Array.from({ length: n }, (_, k) => k * stride);
    const level = rng.integer(0, 20);
    const values = steps.map((_, k) => {
      const u = rng.random();
      if (withSpecials && u < 0.04) return Number.NaN;
      if (withSpecials && u < 0.06) return u < 0.05 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      return level - k + rng.integer(-3, 3);
    });
    const u = rng.random();
    const end = i >= 14 ? 'RUNNING' : u < 0.1 ? 'FAIL' : u < 0.15 ? 'PRUNED' : 'COMPLETE';
    plans.push({ steps, values, end });
  }
  return plans;
}

/** Runs the plans (two trials interleaved) and returns the decision string and the study. */
function run(
  pruner: BasePruner,
  plans: readonly Plan[],
  direction: StudyDirection,
  sign: number,
): { decisions: string; study: RecordedStudy } {
  const study = new RecordedStudy({ studyName: 'contract', direction });
  let decisions = '';
  for (let i = 0; i < plans.length; i += 2) {
    const pair = plans.slice(i, i + 2).map((plan) => ({ plan, number: study.start(), k: 0, pruned: false }));
    for (let round = 0; pair.some((p) => p.k < p.plan.steps.length && !p.pruned); round++) {
      for (const p of pair) {
        if (p.pruned || p.k >= p.plan.steps.length) continue;
        study.report(p.number, p.plan.steps[p.k] as number, sign * (p.plan.values[p.k] as number));
        p.k++;
        const decision = study.shouldPrune(pruner, p.number);
        expect(typeof decision).toBe('boolean');
        decisions += decision ? '1' : '0';
        if (decision) {
          p.pruned = true;
          study.finish(p.number, 'PRUNED');
        }
      }
    }
    for (const p of pair) {
      if (p.pruned || p.plan.end === 'RUNNING') continue;
      const finite = p.plan.values.filter(Number.isFinite);
      study.finish(p.number, p.plan.end, p.plan.end === 'COMPLETE' ? sign * (finite.at(-1) ?? 0) : undefined);
    }
  }
  return { decisions, study };
}

/**
 * The contract every pruner passes (unstorage's `testDriver` style): give it a factory
 * that returns a fresh pruner, and the behaviours it promises.
 */
export function testPruner(name: string, factory: () => BasePruner, capabilities: PrunerCapabilities = {}): void {
  const { needsCompletedTrials = false, directionSymmetric = true, prunesSomething = true } = capabilities;

  describe(`${name} (pruner contract)`, () => {
    it('does not prune a trial that reported nothing', () => {
      const study = new RecordedStudy();
      for (let i = 0; i < 6; i++) study.add({ state: 'COMPLETE', value: i, values: [[0, i], [1, i], [2, i]] });
      const t = study.start();
      expect(study.shouldPrune(factory(), t)).toBe(false);
    });

    it('answers a boolean for every report, NaN and ±Infinity included, in both directions', () => {
      for (const direction of ['minimize', 'maximize'] as const) {
        for (const seed of [1, 2, 3]) {
          const { decisions } = run(factory(), variedPlans(seed, true), direction, 1);
          expect(decisions).toMatch(/^[01]+$/);
        }
      }
    });

    it('is deterministic: a fresh pruner on the same study decides the same', () => {
      for (const seed of [4, 5]) {
        const plans = variedPlans(seed, true);
        expect(run(factory(), plans, 'minimize', 1).decisions).toBe(run(factory(), plans, 'minimize', 1).decisions);
      }
    });

    it('leaves the judged trial and the other trials as they were (bar its own system attrs)', () => {
      const study = new RecordedStudy();
      for (let i = 0; i < 6; i++) study.add({ state: 'COMPLETE', value: i, values: [[0, i], [1, i], [2, i], [3, i]] });
      const t = study.start();
      for (const [step, v] of [[0, 9], [1, 9], [2, 9], [3, 9]] as const) study.report(t, step, v);
      const before = study.getTrials();
      const frozen = study.trial(t);
      const pruner = factory();
      pruner.prune(study, frozen);
      expect([...frozen.intermediateValues]).toEqual([[0, 9], [1, 9], [2, 9], [3, 9]]);
      const after = study.getTrials();
      expect(after.map((x) => [x.state, x.value, [...x.intermediateValues]])).toEqual(
        before.map((x) => [x.state, x.value, [...x.intermediateValues]]),
      );
      for (const [i, x] of after.entries()) {
        const added = Object.keys(x.systemAttrs).filter((k) => !(k in (before[i]?.systemAttrs ?? {})));
        for (const key of added) expect(key).toMatch(/^completed_rung_\d+$/);
        if (added.length > 0) expect(x.number).toBe(t);
      }
    });

    it('runs inside a real study: pruned trials end PRUNED with their last intermediate value', async () => {
      const study = createStudy({ studyName: 'contract-real', pruner: factory(), sampler: new RandomSampler({ seed: 1 }) });
      await study.optimize(
        (trial) => {
          const x = trial.suggestFloat('x', -10, 10);
          let value = 0;
          for (let step = 0; step < 12; step++) {
            value = Math.round(x) + 12 - step;
            trial.report(value, step);
            if (trial.shouldPrune()) throw new TrialPruned();
          }
          return value;
        },
        { nTrials: 20 },
      );
      const trials = study.getTrials();
      expect(trials).toHaveLength(20);
      for (const t of trials) {
        expect(['COMPLETE', 'PRUNED']).toContain(t.state);
        if (t.state === 'PRUNED') {
          const last = Math.max(...t.intermediateValues.keys());
          expect(t.value).toBe(t.intermediateValues.get(last));
        }
      }
    });

    if (needsCompletedTrials) {
      it('never prunes while no trial has completed', () => {
        const study = new RecordedStudy();
        study.add({ state: 'FAIL', values: [[0, 1]] });
        study.add({ state: 'PRUNED', value: 0, values: [[0, 0]] });
        const pruner = factory();
        const t = study.start();
        for (let step = 0; step < 30; step++) {
          study.report(t, step, step % 3 === 0 ? Number.NaN : 1e9 + step);
          expect(study.shouldPrune(pruner, t)).toBe(false);
        }
      });
    }

    if (directionSymmetric) {
      it('decides the same on negated values with the direction flipped', () => {
        for (const seed of [6, 7, 8]) {
          const plans = variedPlans(seed, false);
          expect(run(factory(), plans, 'maximize', -1).decisions).toBe(run(factory(), plans, 'minimize', 1).decisions);
        }
      });
    }

    if (prunesSomething) {
      it('prunes some trials of a varied study', () => {
        const all = [1, 2, 3, 6, 7].map((seed) => run(factory(), variedPlans(seed, false), 'minimize', 1).decisions).join('');
        expect(all).toContain('1');
      });
    }
  });
}
