import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { ResultCache } from './result-cache.js';
import { canonicalJson, hashCanonical } from './canonical-json.js';
import { createExclusive } from './fs-write.js';
import type { EquationRunResult } from '../runner/result.js';
import { tempDir } from '../test-support/temp-dir.js';

const KEY = 'ab'.repeat(32);

function sampleResult(key = KEY): EquationRunResult {
  return {
    equationId: 'I.12.1',
    run: 0,
    seed: 7,
    backend: 'native',
    backendVersion: '1.0.0',
    expression: 'mu*Nn',
    complexity: 3,
    trainR2: 1,
    testR2: 0.999,
    trainLoss: 0,
    testLoss: 1e-9,
    exactRecovery: true,
    paretoFront: [{ expression: 'mu*Nn', complexity: 3, loss: 0 }],
    stopReason: 'niterations',
    wallMs: 12.5,
    error: null,
    cacheKey: key,
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every level and rejects non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":1,"z":0}]},"b":1}');
    expect(hashCanonical({ x: 1, y: 2 })).toBe(hashCanonical({ y: 2, x: 1 }));
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/\$\.x is NaN/);
  });
});

describe('ResultCache', () => {
  it('round-trips a result and reports missing entries', async () => {
    const cache = new ResultCache(await tempDir());
    expect(await cache.read(KEY)).toEqual({ status: 'missing' });
    await cache.write(KEY, sampleResult());
    expect(await cache.read(KEY)).toEqual({ status: 'hit', result: sampleResult() });
    const files = await readdir(dirname(cache.pathOf(KEY)));
    expect(files).toEqual([`${KEY}.json`]);
  });

  it('reads truncated, edited, foreign and schema-breaking entries as corrupt', async () => {
    const cache = new ResultCache(await tempDir());
    await cache.write(KEY, sampleResult());
    const path = cache.pathOf(KEY);
    const good = await readFile(path, 'utf8');

    await writeFile(path, good.slice(0, good.length - 20));
    expect(await cache.read(KEY)).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/not valid JSON/) });

    await writeFile(path, good.replace('"testR2":0.999', '"testR2":0.5'));
    expect(await cache.read(KEY)).toMatchObject({ status: 'corrupt', reason: 'checksum mismatch' });

    await writeFile(path, good.replace(`"key":"${KEY}"`, `"key":"${'cd'.repeat(32)}"`));
    expect(await cache.read(KEY)).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/expected/) });

    const broken = { ...sampleResult(), run: -1 };
    await writeFile(path, canonicalJson({ format: 'hyperopt-sr-result', version: 1, key: KEY, sha256: hashCanonical(broken), result: broken }));
    expect(await cache.read(KEY)).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/invalid result/) });

    await cache.write(KEY, sampleResult());
    expect((await cache.read(KEY)).status).toBe('hit');
  });

  it('gives a claim to exactly one of many concurrent claimers and frees it on release', async () => {
    const dir = await tempDir();
    const caches = Array.from({ length: 8 }, (_, i) => new ResultCache(dir, { pid: 100_000 + i, isProcessAlive: () => true }));
    const outcomes = await Promise.all(caches.map((cache) => cache.claim(KEY)));
    const winners = outcomes.filter((outcome) => outcome.status === 'claimed');
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((outcome) => outcome.status === 'taken');
    expect(loser).toMatchObject({ status: 'taken', owner: { pid: expect.any(Number) } });
    if (winners[0]?.status === 'claimed') await winners[0].release();
    expect((await caches[1]!.claim(KEY)).status).toBe('claimed');
  });

  it('takes over the claim of a dead process on this host', async () => {
    const dir = await tempDir();
    const child = await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout);
    const dead = new ResultCache(dir, { pid: deadPid });
    expect((await dead.claim(KEY)).status).toBe('claimed');
    const alive = new ResultCache(dir);
    const outcome = await alive.claim(KEY);
    expect(outcome).toMatchObject({ status: 'claimed', staleOwner: { pid: deadPid } });
    const leftovers = (await readdir(dirname(alive.claimPathOf(KEY)))).filter((name) => name.includes('stale') || name.startsWith('.tmp-'));
    expect(leftovers).toEqual([]);
  });

  it('respects a live claim from this host and a recent one from another host, and expires old foreign claims', async () => {
    const dir = await tempDir();
    let now = 1_000_000;
    const other = new ResultCache(dir, { hostname: 'node-b', pid: 1, now: () => now });
    expect((await other.claim(KEY)).status).toBe('claimed');
    const mine = new ResultCache(dir, { hostname: 'node-a', now: () => now, staleClaimMs: 60_000 });
    expect(await mine.claim(KEY)).toMatchObject({ status: 'taken', owner: { hostname: 'node-b' } });
    now += 61_000;
    expect(await mine.claim(KEY)).toMatchObject({ status: 'claimed', staleOwner: { hostname: 'node-b' } });

    const key2 = 'ef'.repeat(32);
    const sibling = new ResultCache(dir, { pid: process.ppid });
    expect((await sibling.claim(key2)).status).toBe('claimed');
    expect((await new ResultCache(dir).claim(key2)).status).toBe('taken');
  });

  it('exclusive create reports a taken name without clobbering it', async () => {
    const dir = await tempDir();
    const path = `${dir}/x.claim`;
    expect(await createExclusive(path, 'first')).toBe(true);
    expect(await createExclusive(path, 'second')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('first');
    expect((await readdir(dir)).sort()).toEqual(['x.claim']);
  });
});
