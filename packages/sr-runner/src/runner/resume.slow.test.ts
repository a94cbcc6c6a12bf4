import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tempDir, waitFor } from '../test-support/temp-dir.js';
import { QUICK_FEYNMAN_EQUATION_IDS } from '../benchmarks/feynman.js';

const SCRIPT = fileURLToPath(new URL('../../test/fixtures/run-batch.ts', import.meta.url));

interface LoggedEvent {
  type: 'fit-start' | 'fit-end' | 'cache-hit' | 'done';
  item?: string;
  pid: number;
  count?: number;
  errors?: number;
}

async function readEvents(path: string): Promise<LoggedEvent[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LoggedEvent);
}

function start(cacheDir: string, log: string, delayMs: number, runs: number, ids: readonly string[]) {
  return execa('node', ['--conditions=source', '--import', 'tsx', SCRIPT, cacheDir, log, String(delayMs), String(runs), ids.join(',')], { reject: false });
}

describe('resumption after SIGKILL', () => {
  it('reruns only the (equation, run) pairs that had not finished', async () => {
    const dir = await tempDir();
    const cacheDir = join(dir, 'cache');
    const log = join(dir, 'events.jsonl');
    const ids = QUICK_FEYNMAN_EQUATION_IDS.slice(0, 4);
    const runs = 3;
    const total = ids.length * runs;

    const first = start(cacheDir, log, 250, runs, ids);
    await waitFor(async () => {
      if (first.exitCode !== null) throw new Error(`the runner exited early (${first.exitCode}): ${(await first).stderr}`);
      return (await readEvents(log)).filter((e) => e.type === 'fit-end').length >= 5;
    }, 60_000, 'five fits to finish');
    first.kill('SIGKILL');
    const killed = await first;
    expect(killed.signal).toBe('SIGKILL');

    const before = await readEvents(log);
    const finished = new Set(before.filter((e) => e.type === 'fit-end').map((e) => e.item));
    const startedOnly = before.filter((e) => e.type === 'fit-start' && !finished.has(e.item)).map((e) => e.item);
    expect(finished.size).toBeGreaterThanOrEqual(5);
    expect(finished.size).toBeLessThan(total);
    const claims = (await readdir(cacheDir, { recursive: true })).filter((name) => String(name).endsWith('.claim'));
    expect(claims.length).toBeLessThanOrEqual(1);

    const second = start(cacheDir, log, 0, runs, ids);
    const result = await second;
    expect(result.exitCode, result.stderr).toBe(0);
    const after = (await readEvents(log)).filter((e) => e.pid === second.pid);
    const rerun = after.filter((e) => e.type === 'fit-start').map((e) => e.item);
    const hits = new Set(after.filter((e) => e.type === 'cache-hit').map((e) => e.item));
    expect(hits).toEqual(finished);
    expect(rerun.length).toBe(total - finished.size);
    for (const item of rerun) expect(finished.has(item)).toBe(false);
    for (const item of startedOnly) expect(rerun).toContain(item);
    expect(after.find((e) => e.type === 'done')).toMatchObject({ count: total, errors: 0 });
  });
});
