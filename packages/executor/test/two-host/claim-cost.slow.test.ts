/**
 * Metadata cost of claiming work as the number of workers grows (found by
 * `pnpm bench:scale`): one master and in-process workers on one folder, each with its own
 * counted fs layer. On Lustre every stat is a metadata-server RPC, so the cost of taking one
 * item must not grow with the number of workers. Operation counts do not depend on the
 * filesystem, so this runs on local disk (fast); the rig suites cover behaviour.
 */
import { expect, it } from 'vitest';
import { DistributedTrialExecutor, type TrialRunner } from '../../src/index.js';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir.js';

const sleeper = (): TrialRunner<number, number> => ({
  run: async (batch, { signal }) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, batch.reduce((s, b) => s + b.item, 0));
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
    return batch.map(({ id, item }) => ({ id, result: item }));
  },
});

let sweeps = 0;

/** Worker metadata operations per item of one trial of 4·n items, with n workers. */
async function workerOpsPerItem(root: string, n: number): Promise<number> {
  const sweepDir = join(root, `sweep-${++sweeps}`);
  const timing = { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 5_000, pollMaxMs: 100 };
  const stop = new AbortController();
  const master = new DistributedTrialExecutor<null, number, number>({ sweepDir, role: 'master', ...timing });
  const workers = Array.from(
    { length: n },
    (_, i) => new DistributedTrialExecutor<null, number, number>({ sweepDir, role: 'worker', workerId: `w${i}`, signal: stop.signal, ...timing }),
  );
  const loops = workers.map((w) => w.runWorker({ createRunner: sleeper }));
  // every worker has joined and is idle before the measured trial
  await master.runTrial('warm-up', null, { items: Array.from({ length: n }, () => 0), createRunner: sleeper });
  const before = workers.reduce((s, w) => s + w.metadataCounts().total, 0);
  const items = 4 * n;
  const out = await master.runTrial('measured', null, { items: Array.from({ length: items }, () => 10), createRunner: sleeper });
  const after = workers.reduce((s, w) => s + w.metadataCounts().total, 0);
  expect(out.outcome).toBe('completed');
  expect(out.results).toHaveLength(items);
  await master.shutdown();
  await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  stop.abort();
  await Promise.all(loops);
  return (after - before) / items;
}

// Claims search the claiming frontier (src/roles/frontier.ts: a guess from the last stride,
// galloping, bisection) instead of walking every chunk another process took, so taking an
// item costs a few stats whatever the number of workers.
it('the metadata cost of taking an item does not grow with the number of workers', async () => {
  const root = await tempDir('hx-claim-cost-');
  const few = await workerOpsPerItem(root, 4);
  const many = await workerOpsPerItem(root, 16);
  expect(many / few).toBeLessThan(1.5);
});
