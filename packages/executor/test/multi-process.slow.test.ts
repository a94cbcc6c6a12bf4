import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executions, readLog, startParticipant, waitFor } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

type Outcome = { trial: number; outcome: string; resumed: boolean; ids: string[]; workers: string[] };

function range(n: number, ms: number | ((i: number) => number)): number[] {
  return Array.from({ length: n }, (_, i) => (typeof ms === 'number' ? ms : ms(i)));
}

function expectEachOnce(outcome: Outcome, n: number): void {
  expect(outcome.ids).toHaveLength(n);
  expect(new Set(outcome.ids).size).toBe(n);
  expect([...outcome.ids].sort((a, b) => Number(a) - Number(b))).toEqual(range(n, 0).map((_, i) => String(i)));
}

async function setup() {
  const dir = await tempDir();
  return { sweepDir: join(dir, 'sweep'), log: join(dir, 'exec.log') };
}

describe('master and workers as real processes', () => {
  it('runs a trial in single-node mode (zero workers) and skips it once processed', async () => {
    const { sweepDir, log } = await setup();
    const master = startParticipant({ sweepDir, log, role: 'master', trials: [{ id: 0, items: range(12, 5) }, { id: 0, items: range(12, 5) }] });
    const { exitCode, final } = await master.final();
    expect(exitCode).toBe(0);
    const [first, second] = final.outcomes as Outcome[];
    expect(first?.outcome).toBe('completed');
    expectEachOnce(first as Outcome, 12);
    expect(second).toMatchObject({ outcome: 'completed', resumed: true });
    expectEachOnce(second as Outcome, 12);
    expect([...executions(await readLog(log), 0).values()].every((n) => n === 1)).toBe(true);
    expect(executions(await readLog(log), 0).size).toBe(12);
  });

  it('spreads two trials over 1 master + 4 workers, each item run once, then shuts the workers down', async () => {
    const { sweepDir, log } = await setup();
    const workers = range(4, 0).map((_, i) => startParticipant({ sweepDir, log, role: 'worker', workerId: `w${i}` }));
    const master = startParticipant({ sweepDir, log, role: 'master', trials: [{ id: 1, items: range(40, (i) => 20 + (i % 5) * 15) }, { id: 2, items: range(20, 30) }] });
    const { exitCode, final } = await master.final();
    expect(exitCode).toBe(0);
    const outcomes = final.outcomes as Outcome[];
    expect(outcomes.map((o) => o.outcome)).toEqual(['completed', 'completed']);
    expectEachOnce(outcomes[0] as Outcome, 40);
    expectEachOnce(outcomes[1] as Outcome, 20);
    const log1 = executions(await readLog(log), 1);
    expect(log1.size).toBe(40);
    expect([...log1.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(outcomes[0]?.workers).size).toBeGreaterThanOrEqual(4);
    for (const worker of workers) {
      const end = await worker.final();
      expect(end.exitCode).toBe(0);
      expect(end.final.outcome).toBe('shutdown');
    }
  });

  it('lets a worker that joins late take work', async () => {
    const { sweepDir, log } = await setup();
    startParticipant({ sweepDir, log, role: 'worker', workerId: 'early' });
    const master = startParticipant({ sweepDir, log, role: 'master', trials: [{ id: 3, items: range(100, 120) }] });
    await waitFor(() => master.lines().filter((l) => l.event === 'items-done').length >= 4, 20_000, 'first results');
    const late = startParticipant({ sweepDir, log, role: 'worker', workerId: 'late' });
    const { final } = await master.final();
    const outcome = (final.outcomes as Outcome[])[0] as Outcome;
    expectEachOnce(outcome, 100);
    expect(outcome.workers).toContain('late');
    expect((await late.final()).final.outcome).toBe('shutdown');
  });
});
