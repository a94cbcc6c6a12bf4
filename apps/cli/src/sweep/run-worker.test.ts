import { describe, expect, it } from 'vitest';
import type { SweepEvent } from '../progress/sweep-events.js';
import { tempDir } from '../test-support/temp-dir.js';
import { runWorker } from './run-worker.js';

describe('runWorker', () => {
  it('says it is waiting for a master, then gives up with CLI_SWEEP_NOT_FOUND after the bound', async () => {
    const clock = { t: 0 };
    const events: SweepEvent[] = [];
    const result = runWorker({
      sweepDir: tempDir(),
      loadBackend: () => {
        throw new Error('not reached');
      },
      events: { handle: (e) => void events.push(e) },
      waitForConfigMs: 30_000,
      now: () => clock.t,
      sleep: async (ms) => void (clock.t += ms),
    });
    await expect(result).rejects.toMatchObject({ code: 'CLI_SWEEP_NOT_FOUND' });
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'warning', code: 'CLI_SWEEP_NOT_FOUND', message: expect.stringContaining('waiting up to 30 s') });
  });

  it('returns "interrupted" when stopped while waiting', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await runWorker({ sweepDir: tempDir(), loadBackend: () => Promise.reject(new Error('not reached')), events: { handle: () => {} }, signal: controller.signal });
    expect(outcome).toBe('interrupted');
  });
});
