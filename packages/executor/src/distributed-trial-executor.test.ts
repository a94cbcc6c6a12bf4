import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.js';
import { VirtualClock } from '../test/support/virtual-clock.js';
import { DistributedTrialExecutor } from './distributed-trial-executor.js';
import { isExecutorError } from './errors.js';
import { decodeFile } from './protocol/envelope.js';
import type { TrialRunner } from './runner.js';
import { systemClock } from './util/clock.js';

type Params = { factor: number };
const fast = { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 1_000, pollMaxMs: 20 };

const multiply = (delayMs = 0) => ({ factor }: Params): TrialRunner<number, number> => ({
  run: async (batch) => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return batch.map(({ id, item }) => ({ id, result: item * factor }));
  },
});

async function master(extra: Record<string, unknown> = {}) {
  const sweepDir = join(await tempDir(), 'sweep');
  return { sweepDir, executor: new DistributedTrialExecutor<Params, number, number>({ sweepDir, role: 'master', ...fast, ...extra }) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('DistributedTrialExecutor in one process', () => {
  it('spreads a trial over the master and two workers, then shuts them down', async () => {
    const { sweepDir, executor } = await master();
    const workers = ['a', 'b'].map((workerId) => new DistributedTrialExecutor<Params, number, number>({ sweepDir, role: 'worker', workerId, ...fast }));
    const loops = workers.map((w) => w.runWorker({ createRunner: multiply(5) }));
    const progress: number[] = [];
    const out = await executor.runTrial(1, { factor: 3 }, {
      items: Array.from({ length: 30 }, (_, i) => i),
      createRunner: multiply(5),
      onProgress: (p) => void progress.push(p.completed),
    });
    expect(out.outcome).toBe('completed');
    expect(out.results.map((r) => r.result)).toEqual(Array.from({ length: 30 }, (_, i) => i * 3));
    expect(progress.at(-1)).toBe(30);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    await executor.shutdown();
    expect(await Promise.all(loops)).toEqual([{ outcome: 'shutdown' }, { outcome: 'shutdown' }]);
  });

  it('cancels when onProgress says so, records it, and does not run the trial again', async () => {
    const { executor } = await master();
    let runners = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const out = await executor.runTrial('t-1', { factor: 1 }, {
      items,
      createRunner: (p) => (runners++, multiply(2)(p)),
      onProgress: (p) => (p.completed >= 3 ? 'cancel' : undefined),
    });
    expect(out.outcome).toBe('cancelled');
    expect(out.results.length).toBeGreaterThanOrEqual(3);
    expect(out.results.length).toBeLessThan(20);
    const again = await executor.runTrial('t-1', { factor: 1 }, { items, createRunner: () => Promise.reject(new Error('must not run')) });
    expect(again).toMatchObject({ outcome: 'cancelled', resumed: true });
    expect(again.results).toEqual(out.results);
    expect(runners).toBe(1);
  });

  it('refuses to reuse a trial id with other params', async () => {
    const { executor } = await master();
    await executor.runTrial(2, { factor: 1 }, { items: [1], createRunner: multiply() });
    const caught = await rejection(executor.runTrial(2, { factor: 2 }, { items: [1], createRunner: multiply() }));
    expect(isExecutorError(caught, 'EXECUTOR_TRIAL_CONFLICT')).toBe(true);
  });

  it('orders a trial by the durations measured before, longest first', async () => {
    // Durations come from the executor's clock; here an item "takes" its value in ms.
    let virtual = 0;
    const clock = { now: () => virtual, sleep: systemClock.sleep };
    const { sweepDir, executor } = await master({ clock });
    const sleeper = (): TrialRunner<number, number> => ({
      run: async (batch) => {
        virtual += batch[0]?.item ?? 0;
        return batch.map(({ id, item }) => ({ id, result: item }));
      },
    });
    const items = [5, 60, 1, 30];
    await executor.runTrial(1, { factor: 1 }, { items, itemId: (ms) => `ms${ms}`, createRunner: sleeper });
    await executor.runTrial(2, { factor: 1 }, { items, itemId: (ms) => `ms${ms}`, createRunner: sleeper });
    const decoded = decodeFile(await readFile(join(sweepDir, 'trials', '2', 'trial.json'), 'utf8'));
    expect(decoded.status).toBe('ok');
    expect((decoded as { body: { items: Array<{ id: string }> } }).body.items.map((i) => i.id)).toEqual(['ms60', 'ms30', 'ms5', 'ms1']);
  });

  it('fails with coded errors on runner failures and on bad input', async () => {
    const { executor } = await master();
    const failing = await rejection(executor.runTrial(3, { factor: 1 }, { items: [1, 2], createRunner: () => ({ run: () => Promise.reject(new Error('boom')) }) }));
    expect(isExecutorError(failing, 'EXECUTOR_RUNNER_FAILED')).toBe(true);
    expect(((failing as Error).cause as Error).message).toBe('boom');
    const partial = await rejection(executor.runTrial(4, { factor: 1 }, { items: [1, 2], createRunner: () => ({ run: async () => [] }) }));
    expect(isExecutorError(partial, 'EXECUTOR_RUNNER_INCOMPLETE')).toBe(true);
    expect(isExecutorError(await rejection(executor.runTrial('../x', { factor: 1 }, { items: [], createRunner: multiply() })), 'EXECUTOR_INVALID_ID')).toBe(true);
    expect(isExecutorError(await rejection(executor.runTrial(5, { factor: 1 }, { items: [1, 1], itemId: String, createRunner: multiply() })), 'EXECUTOR_INVALID_ITEMS')).toBe(true);
    const worker = new DistributedTrialExecutor({ sweepDir: '/tmp/unused', role: 'worker' });
    expect(isExecutorError(await rejection(worker.runTrial(1, {}, { items: [], createRunner: multiply() as never })), 'EXECUTOR_WRONG_ROLE')).toBe(true);
  });

  it('passes an error thrown by onProgress to the caller and stops its own items', async () => {
    const { executor } = await master();
    let running = 0;
    const caught = await rejection(
      executor.runTrial(6, { factor: 1 }, {
        items: Array.from({ length: 50 }, (_, i) => i),
        createRunner: () => ({
          run: async (batch) => {
            running++;
            await new Promise((resolve) => setTimeout(resolve, 2));
            running--;
            return batch.map(({ id, item }) => ({ id, result: item }));
          },
        }),
        onProgress: (p) => {
          if (p.completed >= 2) throw new Error('report failed');
        },
      }),
    );
    expect((caught as Error).message).toBe('report failed');
    expect(running).toBe(0);
  });

  it('does not wait forever for a worker whose runner ignores the cancel', async () => {
    const { sweepDir, executor } = await master();
    const warnings: string[] = [];
    executor.on('warning', (w) => void warnings.push(w.code));
    const stubborn = new DistributedTrialExecutor<Params, number, number>({ sweepDir, role: 'worker', workerId: 'stubborn', ...fast });
    const release = new AbortController();
    const loop = stubborn.runWorker({
      signal: release.signal,
      createRunner: () => ({
        run: async (batch) => {
          await new Promise((resolve) => setTimeout(resolve, 4_000)); // ignores its signal
          return batch.map(({ id, item }) => ({ id, result: item }));
        },
      }),
    });
    const started = Date.now();
    const out = await executor.runTrial(7, { factor: 1 }, {
      items: Array.from({ length: 10 }, (_, i) => i),
      createRunner: multiply(150),
      onProgress: (p) => (p.completed >= 2 ? 'cancel' : undefined),
    });
    expect(out.outcome).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(warnings).toContain('EXECUTOR_WAIT_TIMEOUT');
    release.abort();
    expect(await loop).toEqual({ outcome: 'interrupted' });
  });

  it('validates options and echoes the value received', () => {
    let caught: unknown;
    try {
      new DistributedTrialExecutor({ sweepDir: '/tmp/x', role: 'worker', subBatchSize: -3 });
    } catch (error) {
      caught = error;
    }
    expect(isExecutorError(caught, 'EXECUTOR_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toBe('invalid executor option `subBatchSize`: expected a positive integer for `subBatchSize`, got -3');
  });

  it('an idle worker does at most 2 metadata operations per second (virtual time)', async () => {
    const { sweepDir, executor } = await master();
    await executor.runTrial(0, { factor: 1 }, { items: [1], createRunner: multiply() });
    const clock = new VirtualClock();
    const stop = new AbortController();
    const worker = new DistributedTrialExecutor<Params, number, number>({ sweepDir, role: 'worker', clock, signal: stop.signal, rng: () => 0.5 });
    const loop = worker.runWorker({ createRunner: multiply() });
    for (let i = 0; clock.now() < 30_000; i++) await clock.step(2); // settle into the idle back-off
    const start = { time: clock.now(), ops: worker.metadataCounts().total };
    while (clock.now() < start.time + 600_000) await clock.step(2);
    const perSecond = (worker.metadataCounts().total - start.ops) / ((clock.now() - start.time) / 1000);
    expect(perSecond).toBeGreaterThan(0.5);
    expect(perSecond).toBeLessThanOrEqual(2);
    stop.abort();
    expect(await loop).toEqual({ outcome: 'interrupted' });
  });
});
