/**
 * The executor on a real network filesystem: the master on hostA, workers on hostB (and
 * one on hostA), each host seeing the sweep folder through its own sshfs client cache.
 * Runs once with no client caching and once with NFS-like 3 s caching.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { executions, readLog, waitFor, type Participant } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { describeTwoHost, firstEventAt, newSweep, propagationBoundMs, slotCount, startOn, timingFor } from './suite.js';

type Outcome = { trial: number; outcome: string; resumed: boolean; ids: string[]; workers: string[]; values: number[] };

const items = (n: number, ms: number) => Array.from({ length: n }, () => ms);

function expectEachOnce(outcome: Outcome | undefined, n: number): void {
  expect(outcome?.outcome).toBe('completed');
  expect(outcome?.ids).toHaveLength(n);
  expect(new Set(outcome?.ids).size).toBe(n);
  expect(outcome?.values).toEqual(outcome?.ids.map((id) => Number(id) * 2));
}

function itemsDoneBy(p: Participant): number {
  return p.lines().filter((l) => l.event === 'items-done').reduce((n, l) => n + Number(l.count), 0);
}

function duplicates(counts: Map<string, number>): number {
  return [...counts.values()].reduce((n, c) => n + c - 1, 0);
}

describeTwoHost('executor', ({ rig, mode }) => {
  const timing = timingFor(mode);
  const bound = propagationBoundMs(mode);

  it('master on hostA, three workers on hostB and one on hostA: every item once, and the shutdown notice reaches every worker', async () => {
    const sweep = await newSweep(rig());
    const log = join(await tempDir('hx-2h-'), 'exec.log');
    const workers = [
      startOn('hostB', sweep, { role: 'worker', workerId: 'B1', log, ...timing }),
      startOn('hostB', sweep, { role: 'worker', workerId: 'B2', log, ...timing }),
      startOn('hostB', sweep, { role: 'worker', workerId: 'B3', log, ...timing }),
      startOn('hostA', sweep, { role: 'worker', workerId: 'A1', log, ...timing }),
    ];
    await waitFor(async () => (await slotCount(sweep)) >= 4, 30_000, 'four workers to register');
    const master = startOn('hostA', sweep, { role: 'master', log, ...timing, trials: [{ id: 1, items: items(48, 40) }] });
    const { exitCode, final } = await master.final();
    expect(exitCode).toBe(0);
    const outcome = (final.outcomes as Outcome[])[0];
    expectEachOnce(outcome, 48);
    const counts = executions(await readLog(log), 1);
    expect(counts.size).toBe(48);
    expect(duplicates(counts)).toBe(0);
    expect(new Set(outcome?.workers)).toEqual(new Set(['master', 'B1', 'B2', 'B3', 'A1']));
    expect(master.lines().filter((l) => l.event === 'warning' && l.code !== 'EXECUTOR_FILE_INCOMPLETE')).toEqual([]);

    const shutdownAt = master.lines().find((l) => 'final' in l)?.receivedAt as number;
    for (const worker of workers) {
      const end = await worker.final();
      expect(end.exitCode).toBe(0);
      expect(end.final.outcome).toBe('shutdown');
      const noticed = firstEventAt(worker, (l) => l.event === 'shutdown' && l.reason === 'notice');
      expect(noticed).toBeDefined();
      expect((noticed as number) - shutdownAt).toBeLessThan(bound);
    }
  });

  it('a worker on hostB killed with SIGKILL mid-item: the master on hostA redoes its items, each result recorded once', async () => {
    const sweep = await newSweep(rig());
    const log = join(await tempDir('hx-2h-'), 'exec.log');
    const victim = startOn('hostB', sweep, { role: 'worker', workerId: 'victimB', log, ...timing });
    startOn('hostB', sweep, { role: 'worker', workerId: 'B2', log, ...timing });
    startOn('hostA', sweep, { role: 'worker', workerId: 'A1', log, ...timing });
    await waitFor(async () => (await slotCount(sweep)) >= 3, 30_000, 'three workers to register');
    const master = startOn('hostA', sweep, { role: 'master', log, ...timing, trials: [{ id: 2, items: items(40, 100) }] });
    const midItem = async () => (await readLog(log)).filter((e) => e.pid === victim.process.pid).at(-1)?.kind === 'start';
    await waitFor(async () => itemsDoneBy(victim) >= 2 && (await midItem()), 30_000, 'the hostB victim to be in the middle of an item');
    victim.process.kill('SIGKILL');
    const { exitCode, final } = await master.final();
    expect(exitCode).toBe(0);
    expectEachOnce((final.outcomes as Outcome[])[0], 40);
    expect(master.lines().some((l) => l.event === 'worker-lost' && l.workerId === 'victimB' && l.reason === 'timeout')).toBe(true);
    expect(master.lines().some((l) => l.event === 'chunk-reclaimed' && l.fromWorkerId === 'victimB')).toBe(true);
    const counts = executions(await readLog(log), 2);
    expect(counts.size).toBe(40);
    // at most the item the victim finished but could not publish before it died
    expect(duplicates(counts)).toBeLessThanOrEqual(1);
    // no live worker was declared dead because a cached, truncated heartbeat was read
    expect(master.lines().filter((l) => l.event === 'worker-lost' && l.workerId !== 'victimB')).toEqual([]);
  });

  it('a worker joining late from hostB takes work', async () => {
    const sweep = await newSweep(rig());
    const log = join(await tempDir('hx-2h-'), 'exec.log');
    startOn('hostA', sweep, { role: 'worker', workerId: 'A1', log, ...timing });
    await waitFor(async () => (await slotCount(sweep)) >= 1, 30_000, 'the early worker to register');
    const master = startOn('hostA', sweep, { role: 'master', log, ...timing, trials: [{ id: 3, items: items(80, 80) }] });
    await waitFor(() => itemsDoneBy(master) >= 4, 30_000, 'first results');
    const late = startOn('hostB', sweep, { role: 'worker', workerId: 'lateB', log, ...timing });
    const { final } = await master.final();
    const outcome = (final.outcomes as Outcome[])[0];
    expectEachOnce(outcome, 80);
    expect(outcome?.workers).toContain('lateB');
    expect(master.lines().some((l) => l.event === 'worker-joined' && l.workerId === 'lateB')).toBe(true);
    expect(duplicates(executions(await readLog(log), 3))).toBe(0);
    expect((await late.final()).final.outcome).toBe('shutdown');
  });

  it('a master killed on hostA and restarted on hostB (a requeued job on another node) resumes the trial; nothing recorded twice', async () => {
    const sweep = await newSweep(rig());
    const log = join(await tempDir('hx-2h-'), 'exec.log');
    const config = { role: 'master', log, ...timing, trials: [{ id: 5, items: items(40, 80) }] };
    startOn('hostB', sweep, { role: 'worker', workerId: 'B1', log, ...timing });
    startOn('hostA', sweep, { role: 'worker', workerId: 'A1', log, ...timing });
    await waitFor(async () => (await slotCount(sweep)) >= 2, 30_000, 'two workers to register');
    const first = startOn('hostA', sweep, config);
    await waitFor(() => itemsDoneBy(first) >= 10, 30_000, 'ten merged results');
    first.process.kill('SIGKILL');
    await first.process;
    const second = startOn('hostB', sweep, config);
    const { exitCode, final } = await second.final();
    expect(exitCode).toBe(0);
    const outcome = (final.outcomes as Outcome[])[0];
    expectEachOnce(outcome, 40);
    expect(outcome?.resumed).toBe(true);
    expect(second.lines().some((l) => l.event === 'worker-lost' && l.reason === 'replaced')).toBe(true);
    const counts = executions(await readLog(log), 5);
    expect(counts.size).toBe(40);
    // only the item the killed master had in flight may have run twice
    expect(duplicates(counts)).toBeLessThanOrEqual(1);
  });

  it("a cancel published on hostA reaches hostB's workers within the bound, and they stop their items", async () => {
    const sweep = await newSweep(rig());
    const log = join(await tempDir('hx-2h-'), 'exec.log');
    const workers = ['B1', 'B2'].map((workerId) => startOn('hostB', sweep, { role: 'worker', workerId, log, ...timing }));
    await waitFor(async () => (await slotCount(sweep)) >= 2, 30_000, 'two hostB workers to register');
    const master = startOn('hostA', sweep, { role: 'master', log, ...timing, trials: [{ id: 4, items: items(200, 150), cancelAfter: 12 }] });
    const { exitCode, final } = await master.final();
    expect(exitCode).toBe(0);
    const outcome = (final.outcomes as Outcome[])[0];
    expect(outcome?.outcome).toBe('cancelled');
    expect(outcome?.ids.length).toBeGreaterThanOrEqual(12);
    expect(outcome?.ids.length).toBeLessThan(200);
    const cancelledAt = firstEventAt(master, (l) => l.event === 'trial-cancelled') as number;
    expect(cancelledAt).toBeDefined();
    for (const worker of workers) {
      expect(worker.lines().some((l) => l.event === 'trial-joined')).toBe(true);
      const seen = firstEventAt(worker, (l) => l.event === 'trial-cancelled');
      expect(seen, 'the hostB worker saw the cancel').toBeDefined();
      expect((seen as number) - cancelledAt).toBeLessThan(bound);
      expect((await worker.final()).final.outcome).toBe('shutdown');
    }
    // the trial stopped early: most items never ran anywhere
    expect(executions(await readLog(log), 4).size).toBeLessThan(100);
  });
});
