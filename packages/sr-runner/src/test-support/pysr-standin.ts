import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isProcessAlive } from '../cache/result-cache.js';

/** Folder holding the stand-in `pysr` module (for PYTHONPATH). Tests only: it is not PySR. */
export const PYSR_STANDIN_PATH = fileURLToPath(new URL('../../test/fixtures/pysr-standin', import.meta.url));

/** One line of the stand-in's event log. */
export interface StandinEvent {
  event: 'init' | 'fit' | 'child';
  pid: number;
  n?: number;
  child?: number;
  seed?: number;
}

/** Reads the stand-in's event log (empty when it does not exist yet). */
export async function readStandinLog(path: string): Promise<StandinEvent[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StandinEvent);
}

/** Whether a pid is gone (reaped or never existed) — zombies count as gone. */
export async function isGone(pid: number): Promise<boolean> {
  if (!isProcessAlive(pid)) return true;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return status === '' || /^State:\s+Z/m.test(status);
}
