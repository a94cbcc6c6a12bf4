import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { JournalFileStorage, loadStudy } from '../src/index.js';
import { tempDir } from './support/temp-dir.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cmaes-resume-child.ts');

/** Runs the child to completion (bounded) and returns its last stdout line, parsed. */
function runChild(journal: string, nTrials: number, seed: number): Promise<{ generation: number | null; stateEvents: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, journal, 'cma', String(nTrials), String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
