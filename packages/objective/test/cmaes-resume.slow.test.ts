import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { JournalFileStorage, loadStudy } from '../src/index.js';
import { hasOptuna, runPython } from './support/python.js';
import { tempDir } from './support/temp-dir.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cmaes-resume-child.ts');

/** Runs the child to completion (bounded) and returns its last stdout line, parsed. */
function runChild(journal: string, nTrials: number, seed: number, delayMs = 0): Promise<{ generation: number | null; stateEvents: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, journal, 'cma', String(nTrials), String(seed), String(delayMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`child exited with ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as { generation: number | null; stateEvents: number });
    });
  });
}

function trialsOf(journal: string) {
  return loadStudy({ storage: new JournalFileStorage(journal), studyName: 'cma' }).trials;
}

it('a CMA-ES study run in two processes on a journal file gets the trials of one uninterrupted run', async () => {
  const dir = tempDir('cmaes-resume-');
  const pieces = join(dir, 'pieces.log');
  const whole = join(dir, 'whole.log');
  // popsize 7 for 3 dimensions: the first process stops in the middle of generation 3.
  const first = await runChild(pieces, 25, 7);
  const second = await runChild(pieces, 31, 7);
  const uninterrupted = await runChild(whole, 56, 7);
  expect(first.generation).toBe(3);
  expect([first.stateEvents, second.stateEvents, uninterrupted.stateEvents]).toEqual([0, 0, 0]);
  expect(second.generation).toBe(uninterrupted.generation);
  expect(uninterrupted.generation).toBeGreaterThanOrEqual(7);

  const a = trialsOf(pieces);
  const b = trialsOf(whole);
  expect(a).toHaveLength(56);
  expect(a.every((t) => t.state === 'COMPLETE')).toBe(true);
  expect(a.map((t) => t.params)).toEqual(b.map((t) => t.params));
  expect(a.map((t) => t.systemAttrs['cma:generation'])).toEqual(b.map((t) => t.systemAttrs['cma:generation']));
  expect(a.map((t) => t.value)).toEqual(b.map((t) => t.value));
}, 120_000);

it('two concurrent workers on one journal advance one shared CMA-ES run', async () => {
  const journal = join(tempDir('cmaes-workers-'), 'shared.log');
  const [w1, w2] = await Promise.all([runChild(journal, 30, 1, 40), runChild(journal, 30, 2, 40)]);
  expect([w1.stateEvents, w2.stateEvents]).toEqual([0, 0]);
  const trials = trialsOf(journal);
  expect(trials).toHaveLength(60);
  expect(trials.every((t) => t.state === 'COMPLETE')).toBe(true);
  // Alone, 30 trials of popsize 7 reach generation 4 at most; sharing the run reaches further.
  const generations = trials.map((t) => t.systemAttrs['cma:generation']).filter((g): g is number => typeof g === 'number');
  expect(Math.max(...generations)).toBeGreaterThanOrEqual(6);
  // The workers did overlap: each has trials numbered between the other's.
  const first = (w: number) => trials.findIndex((t) => t.userAttrs.worker === w);
  const last = (w: number) => trials.findLastIndex((t) => t.userAttrs.worker === w);
  expect(first(1) < last(2) && first(2) < last(1)).toBe(true);
  // Each told generation had a whole population of completed trials behind it.
  for (let g = 0; g < Math.max(...generations); g++) expect(generations.filter((v) => v === g).length).toBeGreaterThanOrEqual(7);
  // Both workers sampled from the shared run (each has trials in late generations).
  for (const worker of [1, 2]) {
    const own = trials.filter((t) => t.userAttrs.worker === worker).map((t) => t.systemAttrs['cma:generation']).filter((g): g is number => typeof g === 'number');
    expect(Math.max(...own)).toBeGreaterThanOrEqual(5);
  }
}, 120_000);

it.skipIf(!hasOptuna())('a CMA-ES study passes between Python Optuna and hyperopt on one journal without either side choking on the other’s optimizer attrs', async () => {
  const journal = join(tempDir('cmaes-optuna-'), 'optuna.log');
  await runPython('cmaes_journal.py', [journal, '20', '0']);
  const ours = await runChild(journal, 15, 3);
  // Optuna's pickled `cma:optimizer:*` attrs are not ours: no event, a fresh run of ours instead.
  expect(ours.stateEvents).toBe(0);
  expect(ours.generation).toBeGreaterThan(0);
  expect((await runPython('cmaes_journal.py', [journal, '5', '1'])).trim()).toBe('40');
  const trials = trialsOf(journal);
  expect(trials).toHaveLength(40);
  expect(trials.every((t) => t.state === 'COMPLETE')).toBe(true);
  expect(trials.slice(0, 20).some((t) => t.systemAttrs['cma:optimizer:0'] !== undefined)).toBe(true);
  expect(trials.slice(20, 35).some((t) => t.systemAttrs['hyperopt:cma:state:chunks'] !== undefined)).toBe(true);
}, 180_000);
