import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunner } from './sr-batch-runner.js';
import { planItems } from './items.js';
import { feynmanSubset } from '../benchmarks/feynman.js';
import { tempDir, waitFor } from '../test-support/temp-dir.js';
import { isGone, PYSR_STANDIN_PATH, readStandinLog } from '../test-support/pysr-standin.js';
import type { SrRunnerEvent } from './events.js';

describe('runner with the PySR backend (stand-in module)', () => {
  it('creates the regressor once for many equations, records a crash as an error result and recovers', async () => {
    const dir = await tempDir();
    const log = join(dir, 'standin.jsonl');
    const events: SrRunnerEvent[] = [];
    const benchmark = feynmanSubset(['I.12.1', 'I.25.13', 'I.12.5', 'I.29.4', 'II.27.18']);
    const runner = await createRunner({
      benchmark,
      backend: 'pysr',
      hyperparameters: { niterations: 5, populations: 4, binaryOperators: ['+', '-', '*', '/'] },
      cacheDir: join(dir, 'cache'),
      rows: 200,
      pysr: { python: '/usr/bin/python3', pythonPath: [PYSR_STANDIN_PATH], env: { PYSR_STANDIN_LOG: log, PYSR_STANDIN_CRASH_FIT: '3' }, logFile: join(dir, 'pysr.log') },
      onEvent: (event) => events.push(event),
    });
    try {
      expect(runner.backendVersion).toBe('0.0.0-standin');
      const results = await runner.runEquations(planItems(benchmark, 1));
      expect(results.map((r) => r.equationId)).toEqual(['I.12.1', 'I.25.13', 'I.12.5', 'I.29.4', 'II.27.18']);
      const crashed = results[2];
      expect(crashed?.error).toMatchObject({ code: 'SR_RUNNER_PYTHON_CRASHED', message: expect.stringMatching(/killed by SIGKILL.*pysr\.log/) });
      for (const result of [results[0], results[1], results[3]]) {
        expect(result?.error).toBeNull();
        expect(result?.exactRecovery).toBe(true);
        expect(result?.testR2).toBeGreaterThan(0.9999);
        expect(result?.backend).toBe('pysr');
      }
      // II.27.18 is epsilon*Ef**2: the stand-in finds it as a product too.
      expect(results[4]?.error).toBeNull();
      const standin = await readStandinLog(log);
      expect(standin.filter((e) => e.event === 'init')).toHaveLength(2);
      expect(standin.filter((e) => e.event === 'fit')).toHaveLength(5);
      expect(events.filter((e) => e.type === 'backend-start').map((e) => (e as { restart: boolean }).restart)).toEqual([false, true]);

      const again = await runner.runEquations(planItems(benchmark, 1));
      expect(again.filter((r) => r.fromCache).map((r) => r.equationId).sort()).toEqual(['I.12.1', 'I.25.13', 'I.29.4', 'II.27.18']);
      // Failures are not cached: I.12.5 runs again (and, being the restarted process's
      // third fit, meets the crash knob again).
      expect(again.find((r) => r.equationId === 'I.12.5')).toMatchObject({ fromCache: false, error: { code: 'SR_RUNNER_PYTHON_CRASHED' } });
    } finally {
      await runner.close();
    }
  });

  it('a cancelled batch returns promptly and leaves no Python process or child behind', async () => {
    const dir = await tempDir();
    const log = join(dir, 'standin.jsonl');
    const benchmark = feynmanSubset(['I.12.1', 'I.25.13']);
    const runner = await createRunner({
      benchmark,
      backend: 'pysr',
      cacheDir: join(dir, 'cache'),
      rows: 100,
      pysr: { python: '/usr/bin/python3', pythonPath: [PYSR_STANDIN_PATH], env: { PYSR_STANDIN_LOG: log, PYSR_STANDIN_SLEEP_S: '60', PYSR_STANDIN_SPAWN_CHILD: '1' }, logFile: join(dir, 'pysr.log') },
    });
    try {
      const controller = new AbortController();
      const pending = runner.runEquations(planItems(benchmark, 1), { signal: controller.signal });
      const events = await waitFor(async () => {
        const all = await readStandinLog(log);
        return all.some((e) => e.event === 'fit') ? all : undefined;
      }, 10_000, 'a fit to start');
      const driver = events.find((e) => e.event === 'fit')?.pid as number;
      const child = events.find((e) => e.event === 'child')?.child as number;
      const aborted = performance.now();
      controller.abort();
      expect(await pending).toEqual([]);
      expect(performance.now() - aborted).toBeLessThan(2_000);
      expect(await isGone(driver)).toBe(true);
      await waitFor(() => isGone(child), 5_000, 'the driver child to be gone');
    } finally {
      await runner.close();
    }
  });
});
