import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executions, readLog, startParticipant, waitFor, type Participant } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

type Outcome = { trial: number; outcome: string; resumed: boolean; ids: string[]; workers: string[]; values: number[] };

const items = (n: number, ms: number) => Array.from({ length: n }, () => ms);
const timing = { heartbeatIntervalMs: 150, heartbeatTimeoutMs: 2500 };

async function setup() {
  const dir = await tempDir();
  return { sweepDir: join(dir, 'sweep'), log: join(dir, 'exec.log'), timing };
}

function itemsDoneBy(p: Participant): number {
  return p.lines().filter((l) => l.event === 'items-done').reduce((n, l) => n + Number(l.count), 0);
}

function expectEachOnce(outcome: Outcome | undefined, n: number): void {
  expect(outcome?.outcome).toBe('completed');
  expect(new Set(outcome?.ids).size).toBe(n);
  expect(outcome?.ids).toHaveLength(n);
  expect(outcome?.values).toEqual(outcome?.ids.map((id) => Number(id) * 2));
}

function duplicates(counts: Map<string, number>): number {
  return [...counts.values()].reduce((n, c) => n + c - 1, 0);
}

describe('failures', () => {
  it('redoes the items of a worker killed with SIGKILL; every item gets exactly one result', async () => {
    const { sweepDir, log } = await setup();
    const victim = startParticipant({ sweepDir, log, role: 'worker', workerId: 'victim', ...timing });
    startParticipant({ sweepDir, log, role: 'worker', workerId: 'survivor', ...timing });
    const master = startParticipant({ sweepDir, log, role: 'master', ...timing, trials: [{ id: 4, items: items(30, 100) }] });
    const midItem = async () => (await readLog(log)).filter((e) => e.pid === victim.process.pid).at(-1)?.kind === 'start';
    await waitFor(async () => itemsDoneBy(victim) >= 2 && (await midItem()), 30_000, 'the victim to be in the middle of an item');
    victim.process.kill('SIGKILL');
    const { final } = await master.final();
    const outcome = (final.outcomes as Outcome[])[0];
    expectEachOnce(outcome, 30);
    expect(master.lines().some((l) => l.event === 'worker-lost' && l.workerId === 'victim' && l.reason === 'timeout')).toBe(true);
    expect(master.lines().some((l) => l.event === 'chunk-reclaimed' && l.fromWorkerId === 'victim')).toBe(true);
    const counts = executions(await readLog(log), 4);
    expect(counts.size).toBe(30);
    expect(duplicates(counts)).toBeLessThanOrEqual(1);
  });

  it('resumes a trial after the master is killed with SIGKILL and restarted; finished items are not redone', async () => {
    const { sweepDir, log } = await setup();
    const config = { sweepDir, log, role: 'master', ...timing, trials: [{ id: 5, items: items(40, 80) }] };
    startParticipant({ sweepDir, log, role: 'worker', workerId: 'w0', ...timing });
    startParticipant({ sweepDir, log, role: 'worker', workerId: 'w1', ...timing });
    const first = startParticipant(config);
    await waitFor(() => itemsDoneBy(first) >= 10, 30_000, 'ten merged results');
    first.process.kill('SIGKILL');
    await first.process;
    const second = startParticipant(config);
    const { exitCode, final } = await second.final();
    expect(exitCode).toBe(0);
    const outcome = (final.outcomes as Outcome[])[0];
    expectEachOnce(outcome, 40);
    expect(outcome?.resumed).toBe(true);
    expect(second.lines().some((l) => l.event === 'worker-lost' && l.reason === 'replaced')).toBe(true);
    const counts = executions(await readLog(log), 5);
    expect(counts.size).toBe(40);
    expect(duplicates(counts)).toBeLessThanOrEqual(1);
  });

  it('SIGTERM to the master: it returns "interrupted", workers get the shutdown notice, and a restart finishes with nothing run twice', async () => {
    const { sweepDir, log } = await setup();
    const config = { sweepDir, log, role: 'master', ...timing, trials: [{ id: 6, items: items(40, 100) }] };
    const workers = ['w0', 'w1'].map((workerId) => startParticipant({ sweepDir, log, role: 'worker', workerId, ...timing }));
    const master = startParticipant(config);
    // A worker obeys a shutdown notice only from a master it has seen running: wait for both to join.
    const joined = () => workers.every((w) => w.lines().some((l) => l.event === 'trial-joined'));
    await waitFor(() => itemsDoneBy(master) >= 8 && joined(), 30_000, 'eight merged results and both workers in the trial');
    master.process.kill('SIGTERM');
    const end = await master.final();
    expect(end.exitCode).toBe(3);
    expect((end.final.outcomes as Outcome[])[0]?.outcome).toBe('interrupted');
    for (const worker of workers) {
      const w = await worker.final();
      expect(w.exitCode).toBe(0);
      expect(w.final.outcome).toBe('shutdown');
    }
    startParticipant({ sweepDir, log, role: 'worker', workerId: 'w2', ...timing });
    const restarted = await startParticipant(config).final();
    expectEachOnce((restarted.final.outcomes as Outcome[])[0], 40);
    const counts = executions(await readLog(log), 6);
    expect(counts.size).toBe(40);
    expect(duplicates(counts)).toBe(0);
  });

  it('SIGUSR1 and SIGTERM to workers: they publish, exit "interrupted", and the master finishes without redoing anything', async () => {
    const { sweepDir, log } = await setup();
    const w0 = startParticipant({ sweepDir, log, role: 'worker', workerId: 'w0', ...timing });
    const w1 = startParticipant({ sweepDir, log, role: 'worker', workerId: 'w1', ...timing });
    const master = startParticipant({ sweepDir, log, role: 'master', ...timing, trials: [{ id: 7, items: items(30, 100) }] });
    await waitFor(() => itemsDoneBy(w0) >= 2 && itemsDoneBy(w1) >= 2, 30_000, 'both workers to publish');
    w0.process.kill('SIGUSR1');
    w1.process.kill('SIGTERM');
    for (const [worker, signal] of [[w0, 'SIGUSR1'], [w1, 'SIGTERM']] as const) {
      const end = await worker.final();
      expect(end.exitCode).toBe(3);
      expect(end.final).toMatchObject({ outcome: 'interrupted', signal });
    }
    const { final } = await master.final();
    expectEachOnce((final.outcomes as Outcome[])[0], 30);
    expect(master.lines().filter((l) => l.event === 'worker-lost' && l.reason === 'exited')).toHaveLength(2);
    const counts = executions(await readLog(log), 7);
    expect(counts.size).toBe(30);
    expect(duplicates(counts)).toBe(0);
  });

  it('a cancel mid-trial stops every worker promptly', async () => {
    const { sweepDir, log } = await setup();
    const workers = ['w0', 'w1'].map((workerId) => startParticipant({ sweepDir, log, role: 'worker', workerId, ...timing }));
    const master = startParticipant({ sweepDir, log, role: 'master', ...timing, trials: [{ id: 8, items: items(40, 1000), cancelAfter: 3 }] });
    const { exitCode, final } = await master.final();
    expect(exitCode).toBe(0);
    expect((final.outcomes as Outcome[])[0]?.outcome).toBe('cancelled');
    const cancelledAt = master.lines().find((l) => l.event === 'trial-cancelled')?.receivedAt as number;
    for (const worker of workers) {
      await worker.final();
      const ended = worker.lines().find((l) => l.event === 'trial-ended');
      expect(ended?.outcome).toBe('cancelled');
      expect((ended?.receivedAt as number) - cancelledAt).toBeLessThan(1500);
    }
    const log8 = await readLog(log);
    expect(log8.filter((e) => e.kind === 'aborted').length).toBeGreaterThanOrEqual(2);
    expect(log8.filter((e) => e.kind === 'done').length).toBeLessThan(12);
  });

  it('ignores garbage, truncated, wrong-version and foreign files and still gets every result right', async () => {
    const { sweepDir, log } = await setup();
    const { encodeFile } = await import('../src/protocol/envelope.js');
    await mkdir(join(sweepDir, 'slots'), { recursive: true });
    await mkdir(join(sweepDir, 'trials', '9'), { recursive: true });
    await writeFile(join(sweepDir, 'control.json'), '{"this is": "not ours"');
    await writeFile(join(sweepDir, 'slots', '0.json'), 'garbage\n');
    await writeFile(join(sweepDir, 'slots', '1.json'), encodeFile('slot', {}).replace('"protocolVersion":1', '"protocolVersion":99'));
    const fake = { slot: 2, workerId: 'intruder', role: 'worker', incarnation: 'fake', host: 'x', pid: 1, beat: 1, at: 0, trialKey: '9', phase: 'working' };
    await writeFile(join(sweepDir, 'slots', '2.json'), encodeFile('slot', fake));
    const bogus = { slot: 2, workerId: 'intruder', incarnation: 'fake', seq: 1, results: Array.from({ length: 10 }, (_, i) => ({ id: String(i), result: { doubled: -1 }, ms: 1 })) };
    await writeFile(join(sweepDir, 'trials', '9', 'results-2.json'), encodeFile('results', bogus));
    const root = process.getuid?.() === 0;
    if (root) {
      await chown(join(sweepDir, 'slots', '2.json'), 4242, 4242);
      await chown(join(sweepDir, 'trials', '9', 'results-2.json'), 4242, 4242);
    } else {
      await writeFile(join(sweepDir, 'slots', '2.json'), 'not foreign here: garbage instead');
    }
    const truncated = encodeFile('results', { ...bogus, slot: 0, incarnation: 'x' });
    await writeFile(join(sweepDir, 'trials', '9', 'results-0.json'), truncated.slice(0, truncated.length - 40));
    await writeFile(join(sweepDir, 'trials', '9', 'claim-2-0.json'), '\u0000\u0001 junk');
    await writeFile(join(sweepDir, 'processed-trials.json'), encodeFile('processed', { trials: [], itemCosts: {} }).slice(0, 60));

    startParticipant({ sweepDir, log, role: 'worker', workerId: 'w0', ...timing });
    const master = startParticipant({ sweepDir, log, role: 'master', ...timing, trials: [{ id: 9, items: items(16, 20) }] });
    const { final } = await master.final();
    expectEachOnce((final.outcomes as Outcome[])[0], 16);
    const codes = new Set(master.lines().filter((l) => l.event === 'warning').map((l) => l.code));
    expect(codes).toContain('EXECUTOR_FILE_MALFORMED');
    expect(codes).toContain('EXECUTOR_PROTOCOL_MISMATCH');
    expect(codes).toContain('EXECUTOR_FILE_INCOMPLETE');
    if (root) expect(codes).toContain('EXECUTOR_FILE_FOREIGN');
    expect(master.lines().some((l) => l.event === 'chunk-reclaimed' && l.chunk === 2)).toBe(true);
    const counts = executions(await readLog(log), 9);
    expect(counts.size).toBe(16);
    expect(duplicates(counts)).toBe(0);
  });
});
