import { describe, expect, it } from 'vitest';
import { StatusFile } from '../progress/status-file.js';
import { tempDir } from '../test-support/temp-dir.js';
import { ensureNoLiveMaster } from './master-guard.js';
import { SweepLayout } from './sweep-layout.js';

async function writeStatus(layout: SweepLayout, host: string, pid: number, at: number, state: 'running' | 'finished' = 'running'): Promise<void> {
  const file = new StatusFile(layout.status, { pid, host, studyName: 's' }, () => at);
  if (state === 'finished') file.handle({ type: 'sweep-finished', at, finishedTrials: 1, bestValue: null, bestTrial: null, bestParams: null, reportPath: null });
  else file.touch();
  await file.close();
}

function context(overrides: Partial<Parameters<typeof ensureNoLiveMaster>[1]> & { clock: { t: number } }) {
  const { clock, ...rest } = overrides;
  return { host: 'here', pid: 100, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms), processAlive: () => false, staleAfterMs: 60_000, ...rest };
}

describe('ensureNoLiveMaster', () => {
  it('lets a master start on a new sweep, a finished one, or after a dead master on this host', async () => {
    const layout = new SweepLayout(tempDir());
    const clock = { t: 1_000_000 };
    await ensureNoLiveMaster(layout, context({ clock }));
    await writeStatus(layout, 'here', 42, clock.t);
    await ensureNoLiveMaster(layout, context({ clock, processAlive: () => false }));
    await writeStatus(layout, 'here', 42, clock.t, 'finished');
    await ensureNoLiveMaster(layout, context({ clock, processAlive: () => true }));
  });

  it('refuses while a master runs on this host (exit code 2)', async () => {
    const layout = new SweepLayout(tempDir());
    const clock = { t: 1_000_000 };
    await writeStatus(layout, 'here', 42, clock.t);
    await expect(ensureNoLiveMaster(layout, context({ clock, processAlive: (pid) => pid === 42 }))).rejects.toMatchObject({ code: 'CLI_USAGE', message: expect.stringContaining('pid 42 on here') });
  });

  it('waits for a master on another host to go stale', async () => {
    const layout = new SweepLayout(tempDir());
    const clock = { t: 1_000_000 };
    await writeStatus(layout, 'node7', 42, clock.t - 10_000);
    const waits: string[] = [];
    await ensureNoLiveMaster(layout, context({ clock, onWait: (m) => waits.push(m) }));
    expect(clock.t).toBeGreaterThanOrEqual(1_000_000 + 50_000);
    expect(waits[0]).toContain('node7');
  });
});
