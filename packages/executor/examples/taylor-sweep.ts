/**
 * A sweep with nothing to do with symbolic regression: how many terms does a Taylor
 * series of sin(x) need to be accurate to 1e-6 on [-π, π]? Each trial is a number of
 * terms; its items are 64 points x; each item's result is the absolute error there.
 * The master runs items too, N local worker processes share the work through the sweep
 * directory, and trials whose error is hopeless are cancelled early (like pruning).
 *
 *   node --conditions=source --import tsx packages/executor/examples/taylor-sweep.ts [--workers 3] [--dir <sweep dir>]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DistributedTrialExecutor, installShutdownSignals, type TrialRunner } from '@hyperopt/executor';

type Params = { terms: number };
type Point = { x: number };
type Error = { absError: number };

const { values } = parseArgs({ options: { workers: { type: 'string', default: '3' }, dir: { type: 'string' }, worker: { type: 'boolean', default: false } } });
const sweepDir = values.dir ?? mkdtempSync(join(tmpdir(), 'taylor-sweep-'));
const shutdownSignals = installShutdownSignals();
const timing = { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 5_000, pollMaxMs: 200, signal: shutdownSignals.signal };

function taylorSin(x: number, terms: number): number {
  let term = x;
  let sum = 0;
  for (let k = 0; k < terms; k++) {
    sum += term;
    term *= (-x * x) / ((2 * k + 2) * (2 * k + 3));
  }
  return sum;
}

// Each evaluation pretends to be expensive (10–40 ms), so the work is worth spreading.
const createRunner = ({ terms }: Params): TrialRunner<Point, Error> => ({
  async run(batch, { signal }) {
    const out = [];
    for (const { id, item } of batch) {
      await new Promise((resolve) => setTimeout(resolve, 10 + (Math.abs(item.x) / Math.PI) * 30));
      if (signal.aborted) break;
      out.push({ id, result: { absError: Math.abs(taylorSin(item.x, terms) - Math.sin(item.x)) } });
    }
    return out;
  },
});

if (values.worker) {
  const worker = new DistributedTrialExecutor<Params, Point, Error>({ sweepDir, role: 'worker', ...timing });
  const { outcome } = await worker.runWorker({ createRunner });
  process.exitCode = outcome === 'interrupted' ? 3 : 0;
} else {
  const count = Number(values.workers);
  const self = fileURLToPath(import.meta.url);
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--conditions=source', '--import', 'tsx', self, '--worker', '--dir', sweepDir], { stdio: 'inherit' }),
  );
  const exited = children.map((child) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))));
  const master = new DistributedTrialExecutor<Params, Point, Error>({ sweepDir, role: 'master', ...timing });
  let joined = 0;
  master.on('worker-joined', () => void joined++);
  master.on('warning', (w) => console.warn(`warning: ${w.message}`));

  const points = Array.from({ length: 64 }, (_, i) => ({ x: -Math.PI + (2 * Math.PI * i) / 63 }));
  console.log(`sweep directory: ${sweepDir}; 1 master + ${count} worker processes`);
  const started = Date.now();
  let best: { terms: number; maxError: number } | undefined;
  for (const terms of [2, 4, 6, 8, 10]) {
    const result = await master.runTrial(terms, { terms }, {
      items: points,
      itemId: (_, i) => `x${i}`,
      createRunner,
      // Prune: after 16 points, a trial already off by more than 0.01 cannot win.
      onProgress: ({ results }) => (results.length >= 16 && Math.max(...results.map((r) => r.result.absError)) > 0.01 ? 'cancel' : undefined),
    });
    const maxError = Math.max(...result.results.map((r) => r.result.absError));
    const byWorker = new Map<string, number>();
    for (const r of result.results) byWorker.set(r.workerId, (byWorker.get(r.workerId) ?? 0) + 1);
    const spread = [...byWorker].map(([w, n]) => `${w}:${n}`).join(' ');
    console.log(`trial terms=${String(terms).padStart(2)}  ${result.outcome.padEnd(9)}  ${String(result.results.length).padStart(2)}/64 points  max |error| ${maxError.toExponential(2)}  by ${spread}`);
    if (result.outcome === 'interrupted') break;
    if (result.outcome === 'completed' && maxError < 1e-6 && best === undefined) best = { terms, maxError };
  }
  await master.shutdown();
  const codes = await Promise.all(exited);
  console.log(best === undefined ? 'no setting reached 1e-6' : `fewest terms reaching 1e-6: ${best.terms} (max |error| ${best.maxError.toExponential(2)})`);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; ${joined} workers joined; worker exit codes: ${codes.join(', ')}`);
}
shutdownSignals.dispose();
