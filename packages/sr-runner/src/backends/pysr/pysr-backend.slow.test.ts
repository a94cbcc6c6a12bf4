import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { isSrRunnerError } from '../../errors.js';
import { PySRBackend, type PySRBackendOptions } from './pysr-backend.js';
import type { FitRequest } from '../backend.js';
import { tempDir, waitFor } from '../../test-support/temp-dir.js';
import { isGone, PYSR_STANDIN_PATH, readStandinLog } from '../../test-support/pysr-standin.js';
import { productData } from '../../test-support/columns.js';

async function standin(env: Record<string, string> = {}, extra: Partial<PySRBackendOptions> = {}) {
  const dir = await tempDir();
  const log = join(dir, 'standin.jsonl');
  const starts: Array<{ pid: number; restart: boolean }> = [];
  const backend = await PySRBackend.create(
    { niterations: 3, populations: 2, binaryOperators: ['+', '*', '/'] },
    {
      python: '/usr/bin/python3',
      pythonPath: [PYSR_STANDIN_PATH],
      env: { PYSR_STANDIN_LOG: log, ...env },
      logFile: join(dir, 'driver.log'),
      timeoutGraceMs: 300,
      onStart: (info) => starts.push(info),
      ...extra,
    },
  );
  return { backend, log, dir, starts, driverLog: join(dir, 'driver.log') };
}

function request(seed: number, overrides: Partial<FitRequest> = {}): FitRequest {
  const data = productData(60, seed);
  const test = productData(20, seed + 1000);
  return {
    equationId: `eq-${seed}`,
    variableNames: data.variableNames,
    train: { X: data.X, y: data.y },
    testX: test.X,
    seed,
    timeLimitMs: 10_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSrRunnerError(error), `expected an SrRunnerError, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as Error;
}

describe('PySR backend against the stand-in pysr module', () => {
  it('creates the regressor once and reuses it for many equations', async () => {
    const { backend, log } = await standin();
    try {
      expect(backend.version).toBe('0.0.0-standin');
      for (const seed of [1, 2, 3, 4]) {
        const outcome = await backend.fit(request(seed));
        expect(outcome.expression).toBe('1.0*a*b');
        expect(outcome.testPred).toHaveLength(20);
        expect(outcome.paretoFront.length).toBeGreaterThan(1);
      }
      const events = await readStandinLog(log);
      expect(events.filter((e) => e.event === 'init')).toHaveLength(1);
      const fits = events.filter((e) => e.event === 'fit');
      expect(fits.map((e) => e.seed)).toEqual([1, 2, 3, 4]);
      expect(new Set(fits.map((e) => e.pid)).size).toBe(1);
      await backend.close();
      expect(await isGone(fits[0]?.pid as number)).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it('kills a fit that overruns its time limit, then recovers with a new process', async () => {
    const { backend, log, starts } = await standin({ PYSR_STANDIN_HANG_FIT: '2' });
    try {
      const firstPid = backend.pid as number;
      await backend.fit(request(1));
      const started = performance.now();
      const error = await expectCode(backend.fit(request(1, { timeLimitMs: 200 })), 'SR_RUNNER_FIT_TIMEOUT');
      expect(error.message).toMatch(/did not answer within 500 ms/);
      expect(performance.now() - started).toBeLessThan(5_000);
      await waitFor(() => isGone(firstPid), 5_000, 'hung driver to die');
      const outcome = await backend.fit(request(2));
      expect(outcome.expression).toBe('1.0*a*b');
      expect(starts.map((s) => s.restart)).toEqual([false, true]);
      expect((await readStandinLog(log)).filter((e) => e.event === 'init')).toHaveLength(2);
    } finally {
      await backend.close();
    }
  });

  it('turns a crashing Python into a clear error and restarts for the next fit', async () => {
    const { backend, driverLog } = await standin({ PYSR_STANDIN_CRASH_FIT: '2' });
    try {
      await backend.fit(request(1));
      const error = await expectCode(backend.fit(request(2)), 'SR_RUNNER_PYTHON_CRASHED');
      expect(error.message).toMatch(/killed by SIGKILL/);
      expect(error.message).toContain(driverLog);
      expect((await backend.fit(request(3))).expression).toBe('1.0*a*b');
    } finally {
      await backend.close();
    }
  });

  it('reports an exception inside fit as a failed fit and keeps the process', async () => {
    const { backend, driverLog } = await standin({ PYSR_STANDIN_FAIL_FIT: '1' });
    try {
      const pid = backend.pid;
      const error = await expectCode(backend.fit(request(1)), 'SR_RUNNER_FIT_FAILED');
      expect(error.message).toMatch(/RuntimeError: stand-in failure on request/);
      expect(await readFile(driverLog, 'utf8')).toMatch(/Traceback[\s\S]*RuntimeError: stand-in failure on request/);
      expect((await backend.fit(request(2))).expression).toBe('1.0*a*b');
      expect(backend.pid).toBe(pid);
    } finally {
      await backend.close();
    }
  });

  it('keeps PySR and Julia output on stdout out of the protocol (it goes to the log)', async () => {
    const { backend, driverLog } = await standin({ PYSR_STANDIN_NOISY: '1' });
    try {
      expect((await backend.fit(request(1))).expression).toBe('1.0*a*b');
      expect((await backend.fit(request(2))).expression).toBe('1.0*a*b');
      const log = await readFile(driverLog, 'utf8');
      expect(log).toContain('Progress: 1/5 iterations {not json');
      expect(log).toContain('Julia-style progress on fd 1');
    } finally {
      await backend.close();
    }
  });

  it('cancellation kills the driver and its children promptly', async () => {
    const { backend, log } = await standin({ PYSR_STANDIN_SLEEP_S: '60', PYSR_STANDIN_SPAWN_CHILD: '1' });
    try {
      const driverPid = backend.pid as number;
      const controller = new AbortController();
      const fit = backend.fit(request(1, { signal: controller.signal, timeLimitMs: 120_000 }));
      await waitFor(async () => (await readStandinLog(log)).some((e) => e.event === 'fit'), 10_000, 'fit to start');
      const child = (await readStandinLog(log)).find((e) => e.event === 'child')?.child as number;
      expect(await isGone(child)).toBe(false);
      const started = performance.now();
      controller.abort(new Error('trial pruned'));
      await expectCode(fit, 'SR_RUNNER_ABORTED');
      expect(performance.now() - started).toBeLessThan(2_000);
      await waitFor(() => isGone(driverPid), 5_000, 'driver to die');
      await waitFor(() => isGone(child), 5_000, 'driver child to die');
    } finally {
      await backend.close();
    }
  });

  it('leaves no Python behind when the Node process holding it is SIGKILLed', async () => {
    const dir = await tempDir();
    const log = join(dir, 'standin.jsonl');
    const script = new URL('../../../test/fixtures/pysr-hold.ts', import.meta.url).pathname;
    const holder = execa('node', ['--conditions=source', '--import', 'tsx', script], {
      env: { PYSR_STANDIN_LOG: log, PYSR_STANDIN_SLEEP_S: '60', PYSR_STANDIN_SPAWN_CHILD: '1', STANDIN_PATH: PYSR_STANDIN_PATH, LOG_DIR: dir },
      reject: false,
    });
    const events = await waitFor(async () => {
      const all = await readStandinLog(log);
      return all.some((e) => e.event === 'fit') && all.some((e) => e.event === 'child') ? all : undefined;
    }, 20_000, 'holder to start a fit');
    const driverPid = events.find((e) => e.event === 'fit')?.pid as number;
    const child = events.find((e) => e.event === 'child')?.child as number;
    holder.kill('SIGKILL');
    await holder;
    await waitFor(() => isGone(driverPid), 10_000, 'orphaned driver to exit');
    await waitFor(() => isGone(child), 10_000, 'orphaned driver child to exit');
  });

  it('says exactly what to install when PySR or Python is missing', async () => {
    const dir = await tempDir();
    const noPysr = await expectCode(PySRBackend.create({}, { python: '/usr/bin/python3', logFile: join(dir, 'a.log'), env: { PYTHONPATH: dir } }), 'SR_RUNNER_PYSR_MISSING');
    expect(noPysr.message).toContain('/usr/bin/python3 -m pip install pysr');
    const noPython = await expectCode(PySRBackend.create({}, { python: join(dir, 'no-such-python'), logFile: join(dir, 'b.log') }), 'SR_RUNNER_PYTHON_MISSING');
    expect(noPython.message).toMatch(/cannot start the Python interpreter .*no-such-python.*ENOENT.*install Python 3/);
  });
});
