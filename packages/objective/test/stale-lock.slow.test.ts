import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { createStudy, JournalFileStorage, RandomSampler, type ObjectiveEvent } from '../src/index.js';
import { hasOptuna, pythonDump } from './support/python.js';
import { dumpStorage } from './support/dump-study.js';
import { tempDir } from './support/temp-dir.js';

const appendTrials = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'append-trials.ts');

function holdsLock(lock: string): boolean {
  try {
    lstatSync(lock);
    return true;
  } catch {
    return false;
  }
}

it.each(['symlink', 'open'] as const)('the %s lock left by a writer killed while holding it is recovered by the next writer', async (kind) => {
  const path = join(tempDir(), 'journal.log');
  const lock = `${path}.lock`;
  let leftBehind = false;
  for (let attempt = 0; attempt < 10 && !leftBehind; attempt++) {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', appendTrials, path, 'locked', '100000', `victim-${attempt}`, ...(kind === 'open' ? ['open'] : [])], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    // Spin (bounded) until the victim holds the lock, then kill it on the spot.
    const until = Date.now() + 60_000;
    while (Date.now() < until && child.exitCode === null && !holdsLock(lock)) {
      /* poll */
    }
    child.kill('SIGKILL');
    await exited;
    leftBehind = existsSync(lock) || holdsLock(lock);
  }
  expect(leftBehind, 'a killed writer left its lock behind').toBe(true);

  const events: ObjectiveEvent[] = [];
  const started = performance.now();
  const storage = new JournalFileStorage(path, { lock: kind, lockGracePeriod: 1, onEvent: (e) => events.push(e) });
  const study = createStudy({ storage, studyName: 'locked', loadIfExists: true, sampler: new RandomSampler({ seed: 1 }) });
  await study.optimize((trial) => trial.suggestFloat('x', 0, 1), { nTrials: 3 });
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(events.filter((e) => e.type === 'journal-lock-forced')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'journal-invalid-record')).toEqual([]);
  expect(holdsLock(lock)).toBe(false);
  const trials = study.trials;
  expect(trials.filter((t) => t.state === 'RUNNING').length).toBeLessThanOrEqual(1);
  expect(trials.slice(-3).map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
  expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  if (hasOptuna()) expect(await pythonDump(path)).toEqual(dumpStorage(new JournalFileStorage(path)));
});
