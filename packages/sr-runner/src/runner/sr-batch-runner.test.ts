import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRunner } from './sr-batch-runner.js';
import { planItems } from './items.js';
import { feynmanSubset } from '../benchmarks/feynman.js';
import { LeastSquaresBackend } from '../test-support/least-squares-backend.js';
import { tempDir } from '../test-support/temp-dir.js';
import type { SrRunnerEvent } from './events.js';
import { ResultCache } from '../cache/result-cache.js';

const benchmark = feynmanSubset(['I.12.1', 'I.25.13', 'I.12.5']);

async function runner(cacheDir: string | undefined, extra: { delayMs?: number; version?: string; hyperparameters?: Record<string, unknown>; concurrency?: number } = {}) {
  const events: SrRunnerEvent[] = [];
  const backends: LeastSquaresBackend[] = [];
  const instance = await createRunner({
    benchmark,
    ...(cacheDir ? { cacheDir } : {}),
    rows: 200,
    hyperparameters: extra.hyperparameters ?? { niterations: 3 },
    concurrency: extra.concurrency ?? 1,
    onEvent: (event) => events.push(event),
    createBackend: async () => {
      const backend = new LeastSquaresBackend({ delayMs: extra.delayMs ?? 0, version: extra.version ?? '1' });
      backends.push(backend);
      return backend;
    },
  });
  return { runner: instance, events, fits: () => backends.reduce((sum, b) => sum + b.fits, 0) };
}

describe('SRBatchRunner', () => {
  it('returns scored results with exact recovery and caches them', async () => {
    const cacheDir = await tempDir();
    const { runner: r, fits } = await runner(cacheDir);
    const items = planItems(benchmark, 2);
    const results = await r.runEquations(items);
    expect(results).toHaveLength(6);
    for (const result of results) {
      expect(result.error).toBeNull();
      expect(result.fromCache).toBe(false);
      expect(result.testR2).toBeGreaterThan(0.999999);
      expect(result.exactRecovery).toBe(true);
      expect(result.paretoFront.length).toBeGreaterThan(0);
      expect(result.backend).toBe('least-squares');
    }
    expect(new Set(results.map((x) => x.seed)).size).toBe(2);
    expect(fits()).toBe(6);
    const again = await r.runEquations(items);
    expect(again.every((x) => x.fromCache)).toBe(true);
    expect(fits()).toBe(6);
    expect(again.map(({ fromCache: _f, ...rest }) => rest)).toEqual(results.map(({ fromCache: _f, ...rest }) => rest));
    await r.close();
    await expect(r.runEquations(items)).rejects.toMatchObject({ code: 'SR_RUNNER_CLOSED' });
  });

  it('keys results by backend version, hyperparameters and data spec', async () => {
    const cacheDir = await tempDir();
    const base = await runner(cacheDir);
    const item = { equationId: 'I.12.1', run: 0 };
    const key = base.runner.cacheKeyOf(item);
    expect((await runner(cacheDir)).runner.cacheKeyOf(item)).toBe(key);
    expect((await runner(cacheDir, { version: '2' })).runner.cacheKeyOf(item)).not.toBe(key);
    expect((await runner(cacheDir, { hyperparameters: { niterations: 4 } })).runner.cacheKeyOf(item)).not.toBe(key);
    expect(base.runner.cacheKeyOf({ ...item, run: 1 })).not.toBe(key);
  });

  it('reruns a corrupt cache entry instead of trusting it', async () => {
    const cacheDir = await tempDir();
    const first = await runner(cacheDir);
    const item = { equationId: 'I.25.13', run: 0 };
    const [original] = await first.runner.runEquations([item]);
    const cache = new ResultCache(cacheDir);
    const path = cache.pathOf(first.runner.cacheKeyOf(item));
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(/"testR2":[^,]+/, '"testR2":0.12'));
    const second = await runner(cacheDir);
    const [rerun] = await second.runner.runEquations([item]);
    expect(second.fits()).toBe(1);
    expect(rerun?.fromCache).toBe(false);
    expect(rerun?.testR2).toBe(original?.testR2);
    expect(second.events.find((e) => e.type === 'cache-corrupt')).toMatchObject({ reason: 'checksum mismatch' });
    expect((await cache.read(first.runner.cacheKeyOf(item))).status).toBe('hit');
    await writeFile(path, text.slice(0, 50));
    const third = await runner(cacheDir);
    await third.runner.runEquations([item]);
    expect(third.fits()).toBe(1);
  });

  it('records unknown equations and failed fits as data, and does not cache failures', async () => {
    const cacheDir = await tempDir();
    const { runner: r } = await createRunnerWithFailingBackend(cacheDir);
    const results = await r.runEquations([{ equationId: 'nope', run: 0 }, { equationId: 'I.12.1', run: 0 }]);
    expect(results[0]?.error).toMatchObject({ code: 'SR_RUNNER_UNKNOWN_EQUATION', message: expect.stringMatching(/`nope`/) });
    expect(results[1]?.error).toMatchObject({ code: 'SR_RUNNER_FIT_TIMEOUT', timedOut: true });
    expect(results[1]?.testR2).toBeNull();
    const files = (await readdir(cacheDir, { recursive: true })).filter((f) => String(f).endsWith('.json'));
    expect(files).toEqual([]);
  });

  it('returns only finished items when the batch is cancelled, promptly', async () => {
    const { runner: r, events } = await runner(await tempDir(), { delayMs: 400 });
    const controller = new AbortController();
    const pending = r.runEquations(planItems(benchmark, 3), { signal: controller.signal });
    await waitForEvents(events, (e) => e.filter((x) => x.type === 'fit-end').length >= 2);
    const started = performance.now();
    controller.abort();
    const results = await pending;
    expect(performance.now() - started).toBeLessThan(300);
    expect(results).toHaveLength(2);
    expect(results.every((x) => x.error === null)).toBe(true);
  });

  it('computes but does not write an entry another live process has claimed', async () => {
    const cacheDir = await tempDir();
    const { runner: r, events } = await runner(cacheDir);
    const item = { equationId: 'I.12.1', run: 0 };
    const key = r.cacheKeyOf(item);
    const other = new ResultCache(cacheDir, { hostname: 'other-node', pid: 4242 });
    expect((await other.claim(key)).status).toBe('claimed');
    const [result] = await r.runEquations([item]);
    expect(result).toMatchObject({ error: null, fromCache: false, exactRecovery: true });
    expect(events.find((e) => e.type === 'claim-taken')).toMatchObject({ owner: { hostname: 'other-node', pid: 4242 } });
    expect(events.find((e) => e.type === 'fit-end')).toMatchObject({ cached: false });
    expect((await other.read(key)).status).toBe('missing');
  });

  it('runs dataset equations (CSV-style) with and without a known formula', async () => {
    const xs = Array.from({ length: 40 }, (_, i) => 1 + i / 10);
    const zs = xs.map((x) => 5 - x / 2);
    const dataset = (id: string, formula?: string) => ({
      kind: 'dataset' as const,
      id,
      features: ['x', 'z'],
      target: 'y',
      train: { X: { x: xs.slice(0, 30), z: zs.slice(0, 30) }, y: xs.slice(0, 30).map((x, i) => 2 * x * (zs[i] ?? 0)) },
      test: { X: { x: xs.slice(30), z: zs.slice(30) }, y: xs.slice(30).map((x, i) => 2 * x * (zs[30 + i] ?? 0)) },
      ...(formula ? { formula } : {}),
      contentSha256: id.repeat(8),
    });
    const r = await createRunner({ benchmark: { name: 'csv', equations: [dataset('known', '2*x*z'), dataset('unknown')] }, createBackend: async () => new LeastSquaresBackend() });
    const results = await r.runEquations([{ equationId: 'known', run: 0 }, { equationId: 'unknown', run: 0 }]);
    expect(results[0]).toMatchObject({ error: null, exactRecovery: true });
    expect(results[0]?.testR2).toBeGreaterThan(0.999999);
    expect(results[1]).toMatchObject({ error: null, exactRecovery: null });
  });

  it('close cancels a running batch promptly and returns what finished', async () => {
    const { runner: r, events } = await runner(undefined, { delayMs: 300 });
    const pending = r.runEquations(planItems(benchmark, 3));
    await waitForEvents(events, (e) => e.some((x) => x.type === 'fit-end'));
    const started = performance.now();
    await r.close();
    expect(performance.now() - started).toBeLessThan(250);
    expect((await pending).length).toBeGreaterThanOrEqual(1);
    expect((await pending).every((x) => x.error === null)).toBe(true);
  });

  it('runs overlapping runEquations calls one after the other', async () => {
    const { runner: r, events } = await runner(undefined, { delayMs: 30 });
    const [a, b] = await Promise.all([r.runEquations(planItems(benchmark, 1)), r.runEquations([{ equationId: 'I.12.1', run: 5 }])]);
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(1);
    const order = events.filter((e) => e.type === 'fit-start' || e.type === 'fit-end').map((e) => `${e.type}:${e.item.equationId}#${e.item.run}`);
    expect(order.slice(-2)).toEqual(['fit-start:I.12.1#5', 'fit-end:I.12.1#5']);
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]?.replace('fit-end', 'fit-start')).toBe(order[i]);
  });

  it('runs lanes concurrently and validates options', async () => {
    const { runner: r, events } = await runner(undefined, { concurrency: 3, delayMs: 150 });
    const started = performance.now();
    const results = await r.runEquations(planItems(benchmark, 1));
    expect(results).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(400);
    expect(new Set(events.filter((e) => e.type === 'fit-start').map((e) => (e as { lane: number }).lane))).toEqual(new Set([0, 1, 2]));
    await expect(createRunner({ benchmark, rows: -3 })).rejects.toMatchObject({ code: 'SR_RUNNER_INVALID_OPTIONS', message: expect.stringMatching(/rows/) });
  });
});

async function createRunnerWithFailingBackend(cacheDir: string) {
  const instance = await createRunner({ benchmark, cacheDir, rows: 100, timeLimitMs: 1, createBackend: async () => new LeastSquaresBackend({ delayMs: 50 }) });
  return { runner: instance };
}

async function waitForEvents(events: SrRunnerEvent[], check: (events: SrRunnerEvent[]) => boolean) {
  const deadline = performance.now() + 10_000;
  while (!check(events)) {
    if (performance.now() > deadline) throw new Error('timed out waiting for events');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
