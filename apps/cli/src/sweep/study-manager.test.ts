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
