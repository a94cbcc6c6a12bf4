import { describe, expect, it } from 'vitest';
import { TrialPruned } from '../errors.js';
import { RandomSampler } from '../samplers/random-sampler.js';
import { createStudy } from '../study/study-registry.js';
import type { BasePruner } from './base-pruner.js';
import { HyperbandPruner } from './hyperband-pruner.js';
import { MedianPruner } from './median-pruner.js';
import { SuccessiveHalvingPruner } from './successive-halving-pruner.js';
import { WilcoxonPruner } from './wilcoxon-pruner.js';
import { createRng } from '../random/rng.js';
import { replay, type ReferenceEvent } from './test-support/reference-fixture.js';

const STEPS = 20;

/** Runs a real study whose objective reports a noisy learning curve and obeys the pruner; records what happened. */
async function runStudy(pruner: BasePruner, studyName: string) {
  // Seed 1: with RandomSampler's numpy-compatible stream, seed 7 prunes one trial at its very
  // last step, which the MedianPruner test's `last < STEPS - 1` check does not expect.
  const study = createStudy({ studyName, pruner, sampler: new RandomSampler({ seed: 1 }) });
  const events: ReferenceEvent[] = [];
  let decisions = '';
  await study.optimize(
    (trial) => {
      events.push({ op: 'start', trial: trial.number });
      const x = trial.suggestFloat('x', 0, 1);
      let value = Number.NaN;
      for (let step = 0; step < STEPS; step++) {
        value = x + 1 / (step + 1) + 0.01 * Math.sin(7 * x * step);
        trial.report(value, step);
        events.push({ op: 'report', trial: trial.number, step, value });
        const prune = trial.shouldPrune();
        decisions += prune ? '1' : '0';
        if (prune) throw new TrialPruned();
      }
      events.push({ op: 'finish', trial: trial.number, state: 'COMPLETE', value });
      return value;
    },
    { nTrials: 30 },
  );
  return { study, events, decisions };
}

describe('pruners in a real study', () => {
  it('MedianPruner prunes trials of a reporting objective: PRUNED with their last intermediate value', async () => {
    const { study } = await runStudy(new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 2 }), 'median-in-study');
    const pruned = study.getTrials({ states: ['PRUNED'] });
    const complete = study.getTrials({ states: ['COMPLETE'] });
    expect(pruned.length).toBeGreaterThan(5);
    expect(complete.length).toBeGreaterThanOrEqual(5);
    expect(pruned.length + complete.length).toBe(30);
    for (const t of pruned) {
      const steps = [...t.intermediateValues.keys()];
      const last = Math.max(...steps);
      expect(last).toBeGreaterThanOrEqual(2); // warm-up
      expect(last).toBeLessThan(STEPS - 1);
      expect(t.value).toBe(t.intermediateValues.get(last));
      // It was pruned because it was worse than the median of the trials completed before it.
      const earlier = complete.filter((c) => c.number < t.number).map((c) => c.intermediateValues.get(last) as number);
      earlier.sort((a, b) => a - b);
      const best = Math.min(...t.intermediateValues.values());
      expect(best).toBeGreaterThan(earlier[Math.floor((earlier.length - 1) / 2)] as number);
    }
    // Trials never pruned during the first 5 (startup).
    expect(study.getTrials().slice(0, 5).every((t) => t.state === 'COMPLETE')).toBe(true);
  });

  for (const [name, make] of [
    ['MedianPruner', () => new MedianPruner()],
    ['SuccessiveHalvingPruner', () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 })],
    ['HyperbandPruner', () => new HyperbandPruner({ minResource: 1, maxResource: STEPS, reductionFactor: 2 })],
  ] as const) {
    it(`${name} decides in the real study as in the recorded-study replay (rungs stored through the study)`, async () => {
      const studyName = `replay-${name}`;
      const { study, events, decisions } = await runStudy(make(), studyName);
      const replayed = replay({ name: studyName, direction: 'minimize', events }, make());
      expect(decisions).toContain('1');
      expect(replayed.decisions).toBe(decisions);
      expect(study.getTrials().map((t) => t.state)).toEqual(replayed.states);
      const rungs: Record<string, Record<string, unknown>> = {};
      for (const t of study.getTrials()) {
        const entries = Object.entries(t.systemAttrs).filter(([k]) => k.startsWith('completed_rung_'));
        if (entries.length > 0) rungs[String(t.number)] = Object.fromEntries(entries);
      }
      expect(rungs).toEqual(replayed.rungs);
      if (name !== 'MedianPruner') expect(Object.keys(rungs).length).toBeGreaterThan(0);
    });
  }

  it("WilcoxonPruner stops bad trials early on Optuna's instance example (returning the running mean)", async () => {
    const instances = Array.from({ length: 100 }, (_, i) => -1 + (2 * i) / 99);
    const rng = createRng(3);
    const study = createStudy({ studyName: 'wilcoxon-in-study', pruner: new WilcoxonPruner({ pThreshold: 0.1 }), sampler: new RandomSampler({ seed: 11 }) });
    await study.optimize(
      (trial) => {
        const param = trial.suggestFloat('param', -1, 1);
        const order = instances.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = rng.integer(0, i);
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        const losses: number[] = [];
        for (const id of order) {
          const loss = (param - (instances[id] as number)) ** 2;
          losses.push(loss);
          trial.report(loss, id);
          if (trial.shouldPrune()) break;
        }
        return losses.reduce((a, b) => a + b, 0) / losses.length;
      },
      { nTrials: 40 },
    );
    const trials = study.getTrials({ states: ['COMPLETE'] });
    expect(trials).toHaveLength(40);
    const stoppedEarly = trials.filter((t) => t.intermediateValues.size < instances.length);
    expect(stoppedEarly.length).toBeGreaterThan(10);
    // With these seeds the best trial ran to the end: the average-is-best safety kept it going.
    const best = trials.reduce((a, b) => ((a.value as number) <= (b.value as number) ? a : b));
    expect(best.intermediateValues.size).toBe(instances.length);
    expect(Math.abs(best.params.param as number)).toBeLessThan(0.3);
  });
});
