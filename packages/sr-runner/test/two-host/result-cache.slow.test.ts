/**
 * The SR runner's result cache on a real network filesystem: results computed on hostA
 * are reused on hostB (two independent sshfs clients of one folder), and claims are
 * exclusive across the two clients. Runs with no client caching and with NFS-like 3 s
 * caching.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createRunner, feynmanSubset, planItems, ResultCache, type SrRunnerEvent } from '../../src/index.js';
import { LeastSquaresBackend } from '../../src/test-support/least-squares-backend.js';
import { describeTwoHost } from '../../../../scripts/fs-rig/rig.js';

const benchmark = feynmanSubset(['I.12.1', 'I.25.13', 'I.12.5']);

async function runnerOn(cacheDir: string) {
  const events: SrRunnerEvent[] = [];
  const backends: LeastSquaresBackend[] = [];
  const runner = await createRunner({
    benchmark,
    cacheDir,
    rows: 200,
    hyperparameters: { niterations: 3 },
    onEvent: (event) => events.push(event),
    createBackend: async () => {
      const backend = new LeastSquaresBackend();
      backends.push(backend);
      return backend;
    },
  });
  return { runner, events, fits: () => backends.reduce((sum, b) => sum + b.fits, 0) };
}

let caches = 0;

describeTwoHost('sr-runner', ({ rig }) => {
  const cacheDir = () => {
    const name = `cache-${++caches}`;
    return { hostA: join(rig().hostA, name), hostB: join(rig().hostB, name), server: join(rig().export, name) };
  };

  it('results computed on hostA are reused on hostB, even right after hostB looked for them and missed', async () => {
    const dir = cacheDir();
    const items = planItems(benchmark, 2);
    const b = await runnerOn(dir.hostB);
    // hostB looks first: nothing there yet (a stale "missing" must not stick in its client)
    const probe = new ResultCache(dir.hostB);
    for (const item of items) expect((await probe.read(b.runner.cacheKeyOf(item))).status).toBe('missing');

    const a = await runnerOn(dir.hostA);
    const computed = await a.runner.runEquations(items);
    expect(computed).toHaveLength(items.length);
    expect(computed.every((r) => !r.fromCache && r.error === null)).toBe(true);
    expect(a.fits()).toBe(items.length);
    await a.runner.close();

    const reused = await b.runner.runEquations(items);
    expect(b.fits()).toBe(0);
    expect(reused.every((r) => r.fromCache)).toBe(true);
    expect(reused.map(({ fromCache: _f, ...rest }) => rest)).toEqual(computed.map(({ fromCache: _f, ...rest }) => rest));
    expect(b.events.filter((e) => e.type === 'cache-corrupt')).toEqual([]);
    await b.runner.close();
    // no claim or temp file is left behind on the server
    const leftovers = (await readdir(dir.server, { recursive: true })).filter((name) => /\.claim|\.tmp-/.test(String(name)));
    expect(leftovers).toEqual([]);
  });

  it('claims are exclusive across the two clients: racing for 40 keys, each is won exactly once', async () => {
    const dir = cacheDir();
    const onA = new ResultCache(dir.hostA, { hostname: 'nodeA' });
    const onB = new ResultCache(dir.hostB, { hostname: 'nodeB' });
    const keys = Array.from({ length: 40 }, (_, i) => `${(i * 7919).toString(16).padStart(4, '0')}${'ab'.repeat(30)}`);
    const outcomes = await Promise.all(keys.map(async (key) => Promise.all([onA.claim(key), onB.claim(key)])));
    for (const [fromA, fromB] of outcomes) {
      expect([fromA?.status, fromB?.status].sort()).toEqual(['claimed', 'taken']);
      const loser = fromA?.status === 'taken' ? fromA : fromB;
      // the loser learns who holds it, through its own client
      expect(loser?.status === 'taken' && loser.owner?.hostname).toBe(fromA?.status === 'taken' ? 'nodeB' : 'nodeA');
    }
    for (const [fromA, fromB] of outcomes) {
      for (const outcome of [fromA, fromB]) if (outcome?.status === 'claimed') await outcome.release();
    }
    const claims = (await readdir(dir.server, { recursive: true })).filter((name) => String(name).endsWith('.claim'));
    expect(claims).toEqual([]);
  });

  it("a claim left by a dead process on hostA is taken over from hostB once stale, judged by the claim's own timestamp", async () => {
    const dir = cacheDir();
    let now = 1_000_000;
    const key = `ff${'cd'.repeat(31)}`;
    const onA = new ResultCache(dir.hostA, { hostname: 'nodeA', now: () => now, staleClaimMs: 60_000 });
    const onB = new ResultCache(dir.hostB, { hostname: 'nodeB', now: () => now, staleClaimMs: 60_000 });
    const held = await onA.claim(key);
    expect(held.status).toBe('claimed');
    expect(await onB.claim(key)).toMatchObject({ status: 'taken', owner: { hostname: 'nodeA' } });
    now += 61_000;
    const taken = await onB.claim(key);
    expect(taken).toMatchObject({ status: 'claimed', staleOwner: { hostname: 'nodeA' } });
    // the old holder's release must not remove the new holder's claim
    if (held.status === 'claimed') await held.release();
    expect(await onA.claim(key)).toMatchObject({ status: 'taken', owner: { hostname: 'nodeB' } });
    if (taken.status === 'claimed') await taken.release();
  });
});
