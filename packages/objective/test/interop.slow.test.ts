import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  createStudy,
  deleteStudy,
  floatDistribution,
  intDistribution,
  JournalFileStorage,
  RandomSampler,
  TrialPruned,
  type ObjectiveEvent,
} from '../src/index.js';
import { dumpStorage } from './support/dump-study.js';
import { hasOptuna, pythonDump, runPython, PYTHON, PYTHON_DIR } from './support/python.js';
import { tempDir } from './support/temp-dir.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, 'fixtures');

/** Writes a journal that uses every record kind, distribution kind and special float. */
async function writeEverything(path: string): Promise<void> {
  const storage = new JournalFileStorage(path);
  const doomed = createStudy({ storage, studyName: 'doomed' });
  await doomed.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 1 });
  deleteStudy({ storage, studyName: 'doomed' });

  const study = createStudy({ storage, studyName: 'ts', direction: 'maximize', sampler: new RandomSampler({ seed: 3 }) });
  study.setUserAttr('nan', Number.NaN);
  study.setUserAttr('unicode', 'héllo ✓');
  study.setSystemAttr('list', [1, 2.5, null, true]);
  study.enqueueTrial({ f: 0.5, c: null, i: 4 }, { userAttrs: { enq: 1 } });
  await study.optimize(
    (trial) => {
      const f = trial.suggestFloat('f', -1, 1);
      const fl = trial.suggestFloat('fl', 1e-6, 1, { log: true });
      const fs = trial.suggestFloat('fs', 0, 1, { step: 0.1 });
      const i = trial.suggestInt('i', 0, 10, { step: 2 });
      const il = trial.suggestInt('il', 1, 1024, { log: true });
      trial.suggestCategorical('c', ['a', null, 1.5, true, 2]);
      trial.setUserAttr('n', trial.number);
      trial.setSystemAttr('sys', { nested: [Infinity] });
      trial.report(trial.number === 2 ? Number.NaN : f, 0);
      trial.report(Infinity, 1);
      if (trial.number === 3) throw new TrialPruned();
      if (trial.number === 4) throw new RangeError('boom');
      if (trial.number === 5) return -Infinity;
      return f + fl + fs + i + il;
    },
    { nTrials: 7, catch: [RangeError] },
  );
  study.addTrial({
    state: 'COMPLETE',
    value: 1,
    params: { f: 0.25, c: 'a' },
    distributions: { f: floatDistribution(-1, 1), c: categoricalDistribution(['a', null, 1.5, true, 2]) },
    intermediateValues: new Map([
      [0, 2],
      [3, Number.NaN],
    ]),
    userAttrs: { added: true },
    systemAttrs: { sys: 'x' },
  });
  study.addTrial({ state: 'FAIL', params: { i: 6 }, distributions: { i: intDistribution(0, 10, { step: 2 }) } });
  study.ask().suggestInt('i', 0, 10, { step: 2 });
  study.enqueueTrial({ f: 0.75 });

  const multi = createStudy({ storage, studyName: 'multi', directions: ['minimize', 'maximize'] });
  await multi.optimize((t) => [t.suggestFloat('a', 0, 1), t.suggestFloat('b', 0, 1)], { nTrials: 3 });
  multi.addTrial({ state: 'COMPLETE', values: [0.5, Infinity], params: { a: 0.5 }, distributions: { a: floatDistribution(0, 1) } });
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')} failed: ${stderr}`, { cause: error })) : resolve(),
    );
  });
}

describe.runIf(hasOptuna())('interoperability with Python Optuna 3.1', () => {
  it('Python sees a journal written here exactly as we do', async () => {
    const path = join(tempDir(), 'ts.log');
    await writeEverything(path);
    const ours = dumpStorage(new JournalFileStorage(path));
    expect(await pythonDump(path)).toEqual(ours);
    // Sanity: the dump covers what the issue lists.
    const ts = (ours as { studies: { study_name: string; trials: { state: string }[] }[] }).studies.find((s) => s.study_name === 'ts');
    expect(new Set(ts?.trials.map((t) => t.state))).toEqual(new Set(['COMPLETE', 'PRUNED', 'FAIL', 'WAITING', 'RUNNING']));
  });

  it.each(['optuna-3.1-example.log', 'optuna-4.9-example.log'])('we see the reference journal %s exactly as Python does', async (name) => {
    const path = join(tempDir(), name);
    copyFileSync(join(FIXTURES, name), path);
    expect(dumpStorage(new JournalFileStorage(path))).toEqual(await pythonDump(path));
  });

  it('we see a journal written by Python (every feature) exactly as Python does', async () => {
    const path = join(tempDir(), 'py.log');
    await runPython('write_journal.py', [path]);
    const events: ObjectiveEvent[] = [];
    const ours = dumpStorage(new JournalFileStorage(path, { onEvent: (e) => events.push(e) }));
    expect(ours).toEqual(await pythonDump(path));
    expect(events).toEqual([]);
  });

  it.each(['symlink', 'open'] as const)(
    'Python and Node processes append to one journal at once (%s lock): every trial of both, none garbled',
    async (lock) => {
      const path = join(tempDir(), 'shared.log');
      const perProcess = 25;
      const pyArgs = (tag: string) => [join(PYTHON_DIR, 'append_trials.py'), path, 'shared', String(perProcess), tag, ...(lock === 'open' ? ['open'] : [])];
      const nodeArgs = (tag: string) => [
        '--conditions=source',
        '--import',
        'tsx',
        join(FIXTURES, 'append-trials.ts'),
        path,
        'shared',
        String(perProcess),
        tag,
        ...(lock === 'open' ? ['open'] : []),
      ];
      await Promise.all([
        run(PYTHON, pyArgs('py-a')),
        run(PYTHON, pyArgs('py-b')),
        run(process.execPath, nodeArgs('ts-a')),
        run(process.execPath, nodeArgs('ts-b')),
      ]);
      const events: ObjectiveEvent[] = [];
      const storage = new JournalFileStorage(path, { onEvent: (e) => events.push(e) });
      expect(events).toEqual([]);
      const trials = storage.getAllTrials(storage.getStudyIdFromName('shared'));
      expect(trials).toHaveLength(4 * perProcess);
      const byWriter = new Map<string, number>();
      for (const trial of trials) {
        expect(trial.state).toBe('COMPLETE');
        expect(Object.keys(trial.params).sort()).toEqual(['n', 'x']);
        expect(trial.value).toBeCloseTo((trial.params.x as number) ** 2 + (trial.params.n as number), 12);
        byWriter.set(trial.userAttrs.writer as string, (byWriter.get(trial.userAttrs.writer as string) ?? 0) + 1);
      }
      expect(Object.fromEntries(byWriter)).toEqual({ 'py-a': perProcess, 'py-b': perProcess, 'ts-a': perProcess, 'ts-b': perProcess });
      expect(dumpStorage(storage)).toEqual(await pythonDump(path));
      expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
    },
  );
});
