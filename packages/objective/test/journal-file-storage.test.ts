import { appendFileSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createStudy,
  failStaleTrials,
  floatDistribution,
  JournalFileStorage,
  loadStudy,
  RetryFailedTrialCallback,
  type ObjectiveEvent,
} from '../src/index.js';
import { JournalFileLock } from '../src/storages/journal/journal-lock.js';
import { FakeClock } from './support/fake-clock.js';
import { testStorage } from './support/storage-contract.js';
import { tempDir } from './support/temp-dir.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function journalPath(): string {
  return join(tempDir(), 'journal.log');
}

testStorage(
  'JournalFileStorage',
  (options) => new JournalFileStorage(journalPath(), options),
  (storage) => new JournalFileStorage((storage as JournalFileStorage).path),
);
testStorage(
  'JournalFileStorage (open lock, compact JSON)',
  (options) => new JournalFileStorage(journalPath(), { ...options, lock: 'open', compactJson: true }),
  (storage) => new JournalFileStorage((storage as JournalFileStorage).path),
);

describe('JournalFileStorage format', () => {
  it('writes records exactly as Optuna 3.1 does', () => {
    const path = journalPath();
    const storage = new JournalFileStorage(path);
    const study = storage.createNewStudy(['minimize'], 'x');
    const trial = storage.createNewTrial(study);
    storage.setTrialParam(trial, 'x', 3, floatDistribution(-5, 5));
    storage.setTrialIntermediateValue(trial, 0, Number.NaN);
    storage.setTrialStateValues(trial, 'COMPLETE', [Infinity]);
    const w = storage.workerId;
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe(`{"op_code": 0, "worker_id": "${w}", "study_name": "x", "directions": [1]}`);
    expect(lines[1]).toMatch(new RegExp(`^\\{"op_code": 4, "worker_id": "${w}", "study_id": 0, "datetime_start": "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"\\}$`));
    expect(lines[2]).toBe(
      `{"op_code": 5, "worker_id": "${w}", "trial_id": 0, "param_name": "x", "param_value_internal": 3.0, "distribution": "{\\"name\\": \\"FloatDistribution\\", \\"attributes\\": {\\"step\\": null, \\"low\\": -5.0, \\"high\\": 5.0, \\"log\\": false}}"}`,
    );
    expect(lines[3]).toBe(`{"op_code": 7, "worker_id": "${w}", "trial_id": 0, "step": 0, "intermediate_value": NaN}`);
    expect(lines[4]).toMatch(new RegExp(`^\\{"op_code": 6, "worker_id": "${w}", "trial_id": 0, "state": 1, "values": \\[Infinity\\], "datetime_complete": "[^"]+"\\}$`));
    expect(lines[5]).toBe('');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('replays the Optuna 3.1 and 4.9 reference journals', () => {
    const v31 = new JournalFileStorage(join(FIXTURES, 'optuna-3.1-example.log'));
    const study = loadStudy({ storage: v31, studyName: 'journal-example' });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'PRUNED', 'FAIL', 'COMPLETE']);
    expect(study.trials[0]?.params).toEqual({ x: 0.5, n: 3, lr: 0.001, q: 0.25, c: 'b', k: 4 });
    expect(study.trials[0]?.systemAttrs).toEqual({ fixed_params: { x: 0.5, n: 3, lr: 0.001, q: 0.25, c: 'b', k: 4 } });
    expect(study.trials[2]?.values).toEqual([110.49896456260262]);
    expect(study.trials[3]?.values).toBeUndefined();
    expect(study.trials[3]?.intermediateValues.size).toBe(0);
    expect(study.userAttrs).toEqual({ owner: 'bench' });
    expect(study.systemAttrs).toEqual({ note: { nested: [1, 2.5, null, 'x'] } });
    expect(study.bestTrial.number).toBe(4);
    const v49 = new JournalFileStorage(join(FIXTURES, 'optuna-4.9-example.log'));
    const trials = v49.getAllTrials(0);
    expect(trials[0]?.params).toEqual({ f: 0.5, i: 5, c: true });
    expect(trials.map((t) => t.state)).toContain('PRUNED');
  });

  it('ignores a torn last line until it is complete, and reads incrementally', () => {
    const path = journalPath();
    const writer = new JournalFileStorage(path);
    const study = writer.createNewStudy(['minimize'], 's');
    const reader = new JournalFileStorage(path);
    const record = `{"op_code": 2, "worker_id": "py", "study_id": ${study}, "user_attr": {"k": 1}}`;
    appendFileSync(path, record.slice(0, 30));
    expect(reader.getStudyUserAttrs(study)).toEqual({});
    appendFileSync(path, `${record.slice(30)}\n`);
    expect(reader.getStudyUserAttrs(study)).toEqual({ k: 1 });
  });

  it('skips unknown op codes and invalid records with a warning event, and reads both spacing styles', () => {
    const path = journalPath();
    writeFileSync(
      path,
      [
        '{"op_code":0,"worker_id":"a","study_name":"s","directions":[2]}',
        '{"op_code": 10, "worker_id": "a", "trial_ids": [0]}',
        '{"op_code": 2, "worker_id": "a", "study_id": "zero", "user_attr": {}}',
        'not json at all',
        '{"op_code":4,"worker_id":"a","study_id":0,"datetime_start":"2026-11-28T21:41:16.446584+00:00"}',
        '{"op_code":8,"worker_id":"a","trial_id":0,"user_attr":{"v":[NaN,-Infinity]}}',
        '',
      ].join('\n'),
    );
    const events: ObjectiveEvent[] = [];
    const storage = new JournalFileStorage(path, { onEvent: (e) => events.push(e) });
    expect(events).toEqual([
      { type: 'journal-unknown-op', path, opCode: 10, line: 2 },
      expect.objectContaining({ type: 'journal-invalid-record', line: 3 }),
      expect.objectContaining({ type: 'journal-invalid-record', line: 4 }),
    ]);
    const trial = storage.getTrial(0);
    expect(trial.userAttrs).toEqual({ v: [Number.NaN, -Infinity] });
    expect(trial.datetimeStart?.toISOString()).toBe('2026-11-28T21:41:16.446Z');
    expect(storage.getStudyDirections(0)).toEqual(['maximize']);
  });

  it('reads a line that is briefly unreadable (zeros on a network filesystem) again before skipping it', () => {
    const path = journalPath();
    const record = '{"op_code": 0, "worker_id": "a", "study_name": "s", "directions": [1]}';
    writeFileSync(path, `${'\u0000'.repeat(record.length)}\n`);
    const fake = new FakeClock();
    let sleeps = 0;
    const clock = Object.assign(Object.create(fake) as FakeClock, {
      sleepSync: (ms: number) => {
        sleeps++;
        fake.advance(ms);
        if (sleeps === 2) writeFileSync(path, `${record}\n`); // the real bytes arrive
      },
    });
    const events: ObjectiveEvent[] = [];
    const storage = new JournalFileStorage(path, { clock, onEvent: (e) => events.push(e) });
    expect(storage.getStudyIdFromName('s')).toBe(0);
    expect(sleeps).toBe(2);
    expect(events).toEqual([]);
  });

  it('ends a torn line left by a killed writer before appending', () => {
    const path = journalPath();
    const events: ObjectiveEvent[] = [];
    const storage = new JournalFileStorage(path, { onEvent: (e) => events.push(e) });
    const study = storage.createNewStudy(['minimize'], 's');
    appendFileSync(path, '{"op_code": 2, "worker_id": "dead", "stu');
    storage.setStudyUserAttr(study, 'after', true);
    expect(storage.getStudyUserAttrs(study)).toEqual({ after: true });
    const fresh = new JournalFileStorage(path, { onEvent: (e) => events.push(e) });
    expect(fresh.getStudyUserAttrs(study)).toEqual({ after: true });
    expect(events.filter((e) => e.type === 'journal-invalid-record')).toHaveLength(2);
  });
});

describe('JournalFileStorage with a study', () => {
  it('runs concurrent async objectives in one process and numbers trials without gaps', async () => {
    const path = journalPath();
    const study = createStudy({ storage: new JournalFileStorage(path), studyName: 's' });
    await study.optimize(
      async (trial) => {
        const x = trial.suggestFloat('x', 0, 1);
        await new Promise((resolve) => setImmediate(resolve));
        trial.report(x, 0);
        await new Promise((resolve) => setImmediate(resolve));
        return x;
      },
      { nTrials: 12, concurrency: 3 },
    );
    const replayed = new JournalFileStorage(path).getAllTrials(0);
    expect(replayed.map((t) => t.number)).toEqual([...Array(12).keys()]);
    expect(replayed.every((t) => t.state === 'COMPLETE' && t.value === t.params.x && t.intermediateValues.get(0) === t.value)).toBe(true);
  });
});

describe('journal lock', () => {
  for (const lock of ['symlink', 'open'] as const) {
    it(`recovers a ${lock} lock left by a killed process after the grace period`, () => {
      const path = journalPath();
      const clock = new FakeClock();
      const events: ObjectiveEvent[] = [];
      const storage = new JournalFileStorage(path, { lock, clock, lockGracePeriod: 5, onEvent: (e) => events.push(e) });
      if (lock === 'symlink') symlinkSync(path, `${path}.lock`);
      else writeFileSync(`${path}.lock`, '');
      const before = clock.monotonic();
      storage.createNewStudy(['minimize'], 's');
      expect(clock.monotonic() - before).toBeGreaterThan(5000);
      expect(clock.monotonic() - before).toBeLessThan(6000);
      expect(events).toContainEqual(expect.objectContaining({ type: 'journal-lock-forced' }));
      expect(readdirSync(dirname(path))).toEqual(['journal.log']);
    });
  }

  it('reports a lock taken away while held (a stall longer than the grace period) instead of failing', () => {
    const path = journalPath();
    const events: ObjectiveEvent[] = [];
    const lock = new JournalFileLock(path, { kind: 'symlink', clock: new FakeClock(), gracePeriod: 30, maxBackoffMs: 64, onEvent: (e) => events.push(e) });
    lock.acquire();
    expect(lstatSync(lock.lockPath).isSymbolicLink()).toBe(true);
    unlinkSync(lock.lockPath); // another process forced it
    lock.release();
    expect(events).toEqual([{ type: 'journal-lock-lost', path }]);
  });

  it('waits with exponential back-off while a live writer holds the lock (grace period disabled)', () => {
    const path = journalPath();
    const fake = new FakeClock();
    const sleeps: number[] = [];
    const clock = Object.assign(Object.create(fake) as FakeClock, {
      sleepSync: (ms: number) => {
        sleeps.push(ms);
        fake.advance(ms);
        // The holder finishes after 12 waits.
        if (sleeps.length === 12) {
          renameSync(`${path}.lock`, `${path}.lock.holder.rename`);
          unlinkSync(`${path}.lock.holder.rename`);
        }
      },
    });
    const storage = new JournalFileStorage(path, { clock, lockGracePeriod: null, lockMaxBackoffMs: 64 });
    symlinkSync(path, `${path}.lock`);
    storage.createNewStudy(['minimize'], 's');
    expect(sleeps).toEqual([1, 2, 4, 8, 16, 32, 64, 64, 64, 64, 64, 64]);
    expect(storage.getStudyIdFromName('s')).toBe(0);
  });
});

describe('heartbeat and retries', () => {
  it('fails trials whose heartbeat stopped and re-enqueues them with their params', async () => {
    const path = journalPath();
    const clock = new FakeClock();
    const retry = new RetryFailedTrialCallback({ maxRetry: 1 });
    const options = { clock, heartbeatInterval: 10, gracePeriod: 30, failedTrialCallback: retry.callback };
    const crashed = createStudy({ storage: new JournalFileStorage(path, options), studyName: 's' });
    // A worker starts a trial, beats once, and dies.
    const dead = crashed.ask();
    dead.suggestFloat('x', 0, 1);
    crashed.storage.recordHeartbeat(dead.trialId);
    clock.advance(31_000);
    const survivor = loadStudy({ storage: new JournalFileStorage(path, options), studyName: 's' });
    const failed = failStaleTrials(survivor);
    expect(failed.map((t) => t.number)).toEqual([0]);
    const retried = survivor.trials[1];
    expect(retried?.state).toBe('WAITING');
    expect(retried?.params).toEqual(dead.params);
    expect(retried?.systemAttrs).toMatchObject({ failed_trial: 0, retry_history: [0] });
    expect(retried?.systemAttrs.heartbeat).toBeUndefined();
    // The retry runs with the same params; it dies too, and the second failure is not retried (maxRetry 1).
    const again = survivor.ask();
    expect(again.number).toBe(1);
    expect(again.suggestFloat('x', 0, 1)).toBe(dead.params.x);
    survivor.storage.recordHeartbeat(again.trialId);
    clock.advance(31_000);
    expect(failStaleTrials(survivor).map((t) => t.number)).toEqual([1]);
    expect(survivor.trials).toHaveLength(2);
    expect(RetryFailedTrialCallback.retryHistory(survivor.trials[1]!)).toEqual([0]);
  });

  it('beats while the objective runs and stops afterwards', async () => {
    const clock = new FakeClock();
    const storage = new JournalFileStorage(journalPath(), { clock, heartbeatInterval: 1 });
    const study = createStudy({ storage, clock });
    const beats: unknown[] = [];
    await study.optimize(
      async (trial) => {
        beats.push(trial.systemAttrs.heartbeat);
        clock.advance(2500);
        beats.push(trial.systemAttrs.heartbeat);
        return 1;
      },
      { nTrials: 1 },
    );
    expect(beats[0]).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(beats[1]).toBe(Date.UTC(2026, 0, 1) / 1000 + 2);
    expect(clock.pendingTimers).toBe(0);
  });
});
