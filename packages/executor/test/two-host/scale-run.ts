/**
 * The measuring half of `pnpm bench:scale` (bench/scale.ts runs this file as a child
 * process, because the workspace root cannot import workspace packages yet): one master
 * and N virtual workers in this process, each a real DistributedTrialExecutor with its own
 * counted fs layer, running the real master/worker loops and doing real I/O on one
 * folder; only the runner is a sleep. See bench/scale.ts for what is measured.
 * Prints one JSON object as its last line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DistributedTrialExecutor, type MetadataCounts, type TrialRunner } from '@hyperopt/executor';

const sizes = (process.env.SCALE_N ?? '8,32,128').split(',').map(Number);
const idleMs = Number(process.env.SCALE_IDLE_MS ?? 12_000);
const settleMs = 4_000;
const itemMs = 200;
const itemsPerWorker = 4;
const timing = {
  ...(process.env.SCALE_POLL_MAX_MS === undefined ? {} : { pollMaxMs: Number(process.env.SCALE_POLL_MAX_MS) }),
  ...(process.env.SCALE_HEARTBEAT_MS === undefined ? {} : { heartbeatIntervalMs: Number(process.env.SCALE_HEARTBEAT_MS), heartbeatTimeoutMs: 6 * Number(process.env.SCALE_HEARTBEAT_MS) }),
};

type Executor = DistributedTrialExecutor<null, number, number>;

const sleeper = (): TrialRunner<number, number> => ({
  run: async (batch, { signal }) => {
    const ms = batch.reduce((sum, b) => sum + b.item, 0);
    if (ms > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
    return batch.map(({ id, item }) => ({ id, result: item }));
  },
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function sum(executors: readonly Executor[]): MetadataCounts {
  const total = {} as MetadataCounts;
  for (const e of executors) {
    for (const [op, n] of Object.entries(e.metadataCounts())) total[op as keyof MetadataCounts] = (total[op as keyof MetadataCounts] ?? 0) + n;
  }
  return total;
}

function diff(after: MetadataCounts, before: MetadataCounts): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op as keyof MetadataCounts] ?? 0)]).filter(([, n]) => (n as number) > 0));
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function measure(n: number, root: string) {
  const sweepDir = join(root, `sweep-${n}`);
  const master: Executor = new DistributedTrialExecutor({ sweepDir, role: 'master', ...timing });
  const stop = new AbortController();
  const workers: Executor[] = Array.from({ length: n }, (_, i) => new DistributedTrialExecutor({ sweepDir, role: 'worker', workerId: `v${i}`, signal: stop.signal, ...timing }));
  const joined = new Map<string, Map<string, number>>();
  for (const w of workers) {
    w.on('trial-joined', ({ trialId, workerId }) => {
      let byWorker = joined.get(trialId);
      if (byWorker === undefined) joined.set(trialId, (byWorker = new Map()));
      byWorker.set(workerId, performance.now());
    });
  }
  const published = new Map<string, number>();
  master.on('trial-published', ({ trialId }) => published.set(trialId, performance.now()));
  let exited = 0;
  let lastExitAt = 0;
  const loops = workers.map((w) =>
    w.runWorker({ createRunner: sleeper }).then((r) => {
      exited += 1;
      lastExitAt = performance.now();
      return r.outcome;
    }),
  );

  // 1. warm-up: every worker joins one trial
  await master.runTrial('warm-up', null, { items: Array.from({ length: n }, () => 0), createRunner: sleeper });

  // 2. idle
  await wait(settleMs);
  const idleStart = { at: performance.now(), workers: sum(workers), master: master.metadataCounts() };
  await wait(idleMs);
  const idleSeconds = (performance.now() - idleStart.at) / 1000;
  const idleWorkers = diff(sum(workers), idleStart.workers);
  const idleMaster = diff(master.metadataCounts(), idleStart.master);
  const idleTotal = (idleWorkers.total ?? 0) + (idleMaster.total ?? 0);

  // 3a. propagation: a trial of one long item (the master takes it), published to idle workers;
  //     nobody else finds work, so acknowledgements measure only how fast the news spreads
  const probeMs = 2_500;
  await master.runTrial('probe', null, { items: [probeMs], createRunner: sleeper });
  const probeAt = published.get('probe') ?? Number.NaN;
  const probeAcks = [...(joined.get('probe')?.values() ?? [])].map((t) => t - probeAt).sort((a, b) => a - b);
  await wait(settleMs);

  // 3b. a trial with work for everyone, published to idle workers
  const runStart = { at: performance.now(), workers: sum(workers), master: master.metadataCounts() };
  const outcome = await master.runTrial('measured', null, { items: Array.from({ length: itemsPerWorker * n }, () => itemMs), createRunner: sleeper });
  const runSeconds = (performance.now() - runStart.at) / 1000;
  const runWorkers = diff(sum(workers), runStart.workers);
  const runMaster = diff(master.metadataCounts(), runStart.master);
  const publishedAt = published.get('measured') ?? Number.NaN;
  const acks = [...(joined.get('measured')?.values() ?? [])].map((t) => t - publishedAt).sort((a, b) => a - b);

  // 4. shutdown
  const shutdownAt = performance.now();
  await master.shutdown();
  const outcomes = await Promise.race([Promise.all(loops), wait(30_000).then(() => undefined)]);
  stop.abort();
  await Promise.all(loops);

  return {
    workers: n,
    idle: {
      seconds: round(idleSeconds, 1),
      opsPerSec: round(idleTotal / idleSeconds, 1),
      perWorkerPerSec: round((idleWorkers.total ?? 0) / idleSeconds / n, 3),
      masterOpsPerSec: round((idleMaster.total ?? 0) / idleSeconds, 2),
      byOp: idleWorkers,
    },
    running: {
      seconds: round(runSeconds, 2),
      items: itemsPerWorker * n,
      outcome: outcome.outcome,
      results: outcome.results.length,
      idealSeconds: round((itemsPerWorker * n * itemMs) / 1000 / (n + 1), 2),
      opsPerSec: round(((runWorkers.total ?? 0) + (runMaster.total ?? 0)) / runSeconds, 1),
      perWorkerPerSec: round((runWorkers.total ?? 0) / runSeconds / n, 2),
      masterOpsPerSec: round((runMaster.total ?? 0) / runSeconds, 1),
      masterOpsPerItem: round((runMaster.total ?? 0) / (itemsPerWorker * n), 2),
      workerOpsPerItem: round((runWorkers.total ?? 0) / (itemsPerWorker * n), 2),
      byOp: { workers: runWorkers, master: runMaster },
    },
    probePublishToAckMs: {
      acknowledged: probeAcks.length,
      first: round(probeAcks[0] ?? Number.NaN, 0),
      p50: round(quantile(probeAcks, 0.5), 0),
      last: round(probeAcks.at(-1) ?? Number.NaN, 0),
    },
    publishToAckMs: {
      acknowledged: acks.length,
      first: round(acks[0] ?? Number.NaN, 0),
      p50: round(quantile(acks, 0.5), 0),
      last: round(acks.at(-1) ?? Number.NaN, 0),
    },
    shutdownToLastExitMs: outcomes === undefined ? null : round(lastExitAt - shutdownAt, 0),
    workersShutDown: exited,
  };
}

const root = process.env.SCALE_DIR === undefined ? mkdtempSync(join(tmpdir(), 'hx-scale-')) : mkdtempSync(join(process.env.SCALE_DIR, 'hx-scale-'));
try {
  const results = [];
  for (const n of sizes) {
    const result = await measure(n, root);
    results.push(result);
    process.stderr.write(
      `N=${n}: idle ${result.idle.opsPerSec} ops/s (${result.idle.perWorkerPerSec}/worker/s); running ${result.running.opsPerSec} ops/s over ${result.running.seconds}s; publish→last ack ${result.probePublishToAckMs.last} ms (1-item trial), ${result.publishToAckMs.last} ms (4N-item trial)\n`,
    );
  }
  const idleSlopes = results.map((r) => r.idle.perWorkerPerSec);
  const last = results.at(-1);
  const summary = {
    bench: 'scale',
    folder: process.env.SCALE_DIR ?? 'local temp dir',
    settings: { pollMaxMs: timing.pollMaxMs ?? 1500, heartbeatIntervalMs: timing.heartbeatIntervalMs ?? 10_000, itemMs, itemsPerWorker, idleWindowMs: idleMs },
    results,
    targets: {
      idlePerWorkerPerSecMax: 2,
      idlePerWorkerPerSec: idleSlopes,
      idleLinear: Math.max(...idleSlopes) / Math.min(...idleSlopes) < 1.3,
      idleWithinBudget: idleSlopes.every((s) => s <= 2),
      publishToLastAckMaxMs: 2000,
      publishToLastAckAtLargestN: { probe: last?.probePublishToAckMs.last ?? null, fullTrial: last?.publishToAckMs.last ?? null },
      ackWithinBudget: last !== undefined && last.probePublishToAckMs.last < 2000 && last.probePublishToAckMs.acknowledged === last.workers,
    },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
