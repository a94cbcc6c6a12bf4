/**
 * The journal storage on a real network filesystem: writers on two "hosts" (independent
 * sshfs clients of one folder), ours and Python Optuna 3.1's, append at once; a reader on
 * the other host replays while they write; a lock left by a writer killed on hostA is
 * recovered from hostB. Runs with no client caching and with NFS-like 3 s caching.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { createStudy, JournalFileStorage, RandomSampler, type FrozenTrial, type ObjectiveEvent } from '../../src/index.js';
import { dumpStorage } from '../support/dump-study.js';
import { hasOptuna, pythonDump, PYTHON } from '../support/python.js';
import { describeTwoHost, rigCacheMs } from '../../../../scripts/fs-rig/rig.js';

const appendTrials = fileURLToPath(new URL('../fixtures/append-trials.ts', import.meta.url));
// Python Optuna's writer, with sshfs's EPERM for a taken lock read as the EEXIST a real NFS
// or Lustre server gives (Optuna retries only on EEXIST; see the script).
const pythonWriter = fileURLToPath(new URL('./append_trials_sshfs.py', import.meta.url));
const optunaHere = hasOptuna();

interface Writer {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts a writer that appends `n` trials tagged `tag` to the study: ours (Node) or Python Optuna's. */
function writer(kind: 'ts' | 'py', journal: string, study: string, n: number, tag: string): Writer {
  const [command, args] =
    kind === 'ts'
      ? [process.execPath, ['--conditions=source', '--import', 'tsx', appendTrials, journal, study, String(n), tag]]
      : [PYTHON, [pythonWriter, journal, study, String(n), tag]];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, done };
}

async function succeeded(w: Writer): Promise<void> {
  const end = await w.done;
  expect(end, `writer failed: ${end.stderr}`).toMatchObject({ code: 0, signal: null });
}

/** Every trial is whole: complete, both params, the value its params imply, a known writer. */
function expectWhole(trials: readonly FrozenTrial[], writers: Record<string, number>): void {
  const byWriter = new Map<string, number>();
  for (const trial of trials) {
    expect(trial.state).toBe('COMPLETE');
    expect(Object.keys(trial.params).sort()).toEqual(['n', 'x']);
    expect(trial.value).toBeCloseTo((trial.params.x as number) ** 2 + (trial.params.n as number), 12);
    const tag = String(trial.userAttrs.writer);
    byWriter.set(tag, (byWriter.get(tag) ?? 0) + 1);
  }
  expect(Object.fromEntries(byWriter)).toEqual(writers);
  expect(trials.map((t) => t.number)).toEqual(trials.map((_, i) => i));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let journals = 0;

describeTwoHost('journal', ({ rig, mode }) => {
  /** A fresh journal file name and its path as each host (and the server) sees it. */
  const journal = () => {
    const name = `journal-${++journals}.log`;
    return { name, hostA: join(rig().hostA, name), hostB: join(rig().hostB, name), server: join(rig().export, name) };
  };

  it.runIf(optunaHere)('writers on both hosts (ours and Python Optuna) append at once: every trial present, none garbled', async () => {
    const j = journal();
    const perWriter = 12;
    const writers = [
      writer('ts', j.hostA, 'shared', perWriter, 'ts-A1'),
      writer('ts', j.hostA, 'shared', perWriter, 'ts-A2'),
      writer('ts', j.hostB, 'shared', perWriter, 'ts-B'),
      writer('py', j.hostB, 'shared', perWriter, 'py-B'),
    ];
    for (const w of writers) await succeeded(w);

    const events: ObjectiveEvent[] = [];
    const storage = new JournalFileStorage(j.server, { onEvent: (e) => events.push(e) });
    expect(events).toEqual([]);
    expect(storage.getAllStudies().map((s) => s.studyName)).toEqual(['shared']);
    const trials = storage.getAllTrials(storage.getStudyIdFromName('shared'));
    expectWhole(trials, { 'ts-A1': perWriter, 'ts-A2': perWriter, 'ts-B': perWriter, 'py-B': perWriter });
    // Every line is a whole record: nothing interleaved or overwritten.
    const lines = readFileSync(j.server, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line.replaceAll(/\bNaN\b|-?Infinity\b/g, '0'))).not.toThrow();
    // Python Optuna replays the same study, through the other host's client.
    expect(await pythonDump(j.hostA)).toEqual(dumpStorage(storage));
  });

  it('a reader on hostA replays correctly while writers on hostB append: torn reads tolerated, never an error', async () => {
    const j = journal();
    const events: ObjectiveEvent[] = [];
    const reader = new JournalFileStorage(j.hostA, { onEvent: (e) => events.push(e) });
    createStudy({ storage: reader, studyName: 'live', sampler: new RandomSampler({ seed: 1 }) });
    const studyId = reader.getStudyIdFromName('live');
    const perWriter = 25;
    const writers = [writer('ts', j.hostB, 'live', perWriter, 'ts-B1'), writer('ts', j.hostB, 'live', perWriter, 'ts-B2')];
    if (optunaHere) writers.push(writer('py', j.hostB, 'live', perWriter, 'py-B'));
    const total = writers.length * perWriter;
    let running = true;
    void Promise.all(writers.map((w) => w.done)).then(() => (running = false));

    let seen = 0;
    let replays = 0;
    let partialViews = 0;
    let midway = 0;
    // Read through hostA's client for as long as the writers run, then until hostA's cache catches up.
    const deadline = () => Date.now() + rigCacheMs[mode] + 5_000;
    let settleBy = Number.POSITIVE_INFINITY;
    for (;;) {
      const trials = reader.getAllTrials(studyId);
      expect(trials.length).toBeGreaterThanOrEqual(seen);
      seen = trials.length;
      if (seen > 0 && seen < total) midway += 1;
      for (const trial of trials) {
        if (trial.state === 'COMPLETE') expect(trial.value).toBeCloseTo((trial.params.x as number) ** 2 + (trial.params.n as number), 12);
        else if (trial.state === 'RUNNING') partialViews += 1;
        else expect.unreachable(`trial ${trial.number} is ${trial.state}`);
      }
      // A from-scratch replay through the same client sees a prefix of the same history.
      const fresh = new JournalFileStorage(j.hostA, { onEvent: (e) => events.push(e) });
      const replayed = fresh.getAllTrials(fresh.getStudyIdFromName('live'));
      expect(replayed.length).toBeGreaterThanOrEqual(seen);
      replays += 1;
      if (!running) {
        if (settleBy === Number.POSITIVE_INFINITY) settleBy = deadline();
        if (seen === total && replayed.length === total) break;
        if (Date.now() > settleBy) break;
      }
      await sleep(30);
    }
    for (const w of writers) await succeeded(w);
    expect(events).toEqual([]);
    const final = reader.getAllTrials(studyId);
    const expected: Record<string, number> = { 'ts-B1': perWriter, 'ts-B2': perWriter };
    if (optunaHere) expected['py-B'] = perWriter;
    expectWhole(final, expected);
    expect(replays).toBeGreaterThan(3);
    // it really read while the writers wrote: several views of a partial history
    expect(midway).toBeGreaterThan(3);
    expect(partialViews).toBeGreaterThanOrEqual(0);
  });

  it('a lock left by a writer killed on hostA is recovered from hostB', async () => {
    const j = journal();
    const lockOnServer = `${j.server}.lock`;
    // Kill a writer on hostA at a moment it holds the journal lock (retry until one does).
    let leftBehind = false;
    let killedTag = '';
    for (let attempt = 0; attempt < 5 && !leftBehind; attempt++) {
      killedTag = `victim-${attempt}`;
      const victim = writer('ts', j.hostA, 'locked', 10_000, killedTag);
      const until = Date.now() + 30_000;
      let saw = false;
      while (Date.now() < until && victim.child.exitCode === null) {
        if (existsSync(lockOnServer) || isSymlink(lockOnServer)) {
          victim.child.kill('SIGKILL');
          saw = true;
          break;
        }
      }
      await victim.done;
      expect(saw, 'the victim took the lock within 30 s').toBe(true);
      leftBehind = isSymlink(lockOnServer);
    }
    expect(leftBehind, 'a killed writer left its lock behind').toBe(true);

    const events: ObjectiveEvent[] = [];
    const graceSeconds = 1;
    const started = performance.now();
    const storage = new JournalFileStorage(j.hostB, { lockGracePeriod: graceSeconds, onEvent: (e) => events.push(e) });
    const study = createStudy({ storage, studyName: 'locked', loadIfExists: true, sampler: new RandomSampler({ seed: 2 }) });
    await study.optimize(
      (trial) => {
        trial.setUserAttr('writer', 'recoverer');
        return trial.suggestFloat('x', -1, 1) ** 2 + trial.suggestInt('n', 0, 9);
      },
      { nTrials: 5 },
    );
    const elapsed = performance.now() - started;
    expect(events.filter((e) => e.type === 'journal-lock-forced')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'journal-invalid-record')).toEqual([]);
    expect(elapsed).toBeLessThan(graceSeconds * 1000 + rigCacheMs[mode] + 5_000);
    expect(isSymlink(lockOnServer)).toBe(false);

    // The history is whole: the victim's finished trials, its one interrupted trial, our five.
    const trials = new JournalFileStorage(j.server).getAllTrials(storage.getStudyIdFromName('locked'));
    const ours = trials.filter((t) => t.userAttrs.writer === 'recoverer');
    expect(ours).toHaveLength(5);
    for (const t of ours) expect(t.state).toBe('COMPLETE');
    for (const t of trials.filter((t) => t.state === 'COMPLETE')) {
      expect(t.value).toBeCloseTo((t.params.x as number) ** 2 + (t.params.n as number), 12);
    }
    expect(trials.filter((t) => t.state === 'RUNNING').length).toBeLessThanOrEqual(1);
    expect(trials.map((t) => t.number)).toEqual(trials.map((_, i) => i));
  });
});

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
