import { InMemoryStorage } from '@hyperopt/objective';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load-config.js';
import type { SweepEvent } from '../progress/sweep-events.js';
import { tempDir } from '../test-support/temp-dir.js';
import { createSweepBackend } from '../../test/fixtures/synthetic-backend.js';
import { runMaster } from './study-manager.js';

const yaml = `
study: { name: unit, nTrials: 5, sampler: { type: random, seed: 3 }, pruner: { type: none } }
benchmark: { equations: [e1, e2, e3], runs: 2 }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
  populations: { type: int, low: 2, high: 20 }
  selection: { type: categorical, choices: [best, accuracy] }
baselines:
  - { parsimony: 0.01, populations: 15, selection: best }
execution: { heartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds: 5 }
`;

describe('runMaster (single process, zero workers)', () => {
  it('runs the baseline first, records per-equation attrs, stops at nTrials and is idempotent on a second run', async () => {
    process.env.HYPEROPT_SYNTH_FIT_MS = '1';
    const dir = tempDir();
    const config = parseConfigText(yaml, 'unit');
    const storage = new InMemoryStorage();
    const events: SweepEvent[] = [];
    const sink = { handle: (e: SweepEvent) => void events.push(e) };
    const outcome = await runMaster({ config, sweepDir: dir, backend: createSweepBackend(config), events: sink, storage, report: false });
    expect(outcome.outcome).toBe('finished');
    expect(outcome.finishedTrials).toBe(5);
    const started = events.filter((e) => e.type === 'trial-started');
    expect(started).toHaveLength(5);
    expect(started[0]).toMatchObject({ params: { parsimony: 0.01, populations: 15, selection: 'best' } });
    expect(events.filter((e) => e.type === 'baselines-enqueued')).toHaveLength(1);
    const progress = events.filter((e) => e.type === 'trial-progress' && e.trial === 0);
    expect(progress.at(-1)).toMatchObject({ completed: 6, total: 6 });
    expect(outcome.bestValue).not.toBeNull();

    // a second run on the same study: nothing left to do, baselines not enqueued again
    const again: SweepEvent[] = [];
    const second = await runMaster({ config, sweepDir: dir, backend: createSweepBackend(config), events: { handle: (e) => void again.push(e) }, storage, report: false });
    expect(second.finishedTrials).toBe(5);
    expect(again.filter((e) => e.type === 'trial-started')).toHaveLength(0);
    expect(again.filter((e) => e.type === 'baselines-enqueued')).toHaveLength(0);

    // raising nTrials continues the same study
    const more = parseConfigText(yaml.replace('nTrials: 5', 'nTrials: 7'), 'unit');
    const third = await runMaster({ config: more, sweepDir: dir, backend: createSweepBackend(more), events: { handle: () => {} }, storage, report: false });
    expect(third.finishedTrials).toBe(7);
  });
});

describe('runMaster (multi-objective, pruning)', () => {
  it('runs a two-objective study with NSGA-II and records both values', async () => {
    process.env.HYPEROPT_SYNTH_FIT_MS = '1';
    const config = parseConfigText(
      `study: { name: mo, nTrials: 4, directions: [maximize, minimize], sampler: { type: nsga2, seed: 1, populationSize: 4 }, pruner: { type: none } }
benchmark: { equations: [e1, e2], runs: 1 }
objective: [{ metric: test_r2 }, { metric: complexity, aggregation: mean }]
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
`,
      'mo',
    );
    const outcome = await runMaster({ config, sweepDir: tempDir(), backend: createSweepBackend(config), events: { handle: () => {} }, storage: new InMemoryStorage(), report: false });
    expect(outcome.finishedTrials).toBe(4);
    expect(outcome.bestValue).not.toBeNull();
  });

  it('prunes trials whose running objective is worse than the median at the same step, and cancels their remaining fits', async () => {
    process.env.HYPEROPT_SYNTH_FIT_MS = '1';
    const config = parseConfigText(
      `study: { name: prune, nTrials: 8, sampler: { type: random, seed: 5 }, pruner: { type: median, nStartupTrials: 2, nWarmupSteps: 1 } }
benchmark: { equations: [e1, e2, e3, e4, e5, e6], runs: 2 }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 10, log: true }
`,
      'prune',
    );
    const events: SweepEvent[] = [];
    const storage = new InMemoryStorage();
    const outcome = await runMaster({ config, sweepDir: tempDir(), backend: createSweepBackend(config), events: { handle: (e) => void events.push(e) }, storage, report: false });
    expect(outcome.finishedTrials).toBe(8);
    const pruned = events.filter((e) => e.type === 'trial-pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const p of pruned) {
      const finished = events.find((e) => e.type === 'trial-finished' && e.trial === p.trial);
      expect(finished).toMatchObject({ state: 'PRUNED' });
      // a pruned trial stopped before running all 12 fits
      const last = events.filter((e) => e.type === 'trial-progress' && e.trial === p.trial).at(-1);
      expect(last?.type === 'trial-progress' && last.completed).toBeLessThan(12);
    }
  });
});
