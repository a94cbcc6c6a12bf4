/**
 * pnpm bench:executor — the executor's load balance, per-trial overhead and idle load on
 * the shared filesystem, with real processes on one folder.
 *
 * 1. 1 master + 7 worker processes, 400 items whose durations are log-normal (mean
 *    200 ms, sigma 1, seeded), simulated by sleeping:
 *    - dynamic, cold: the first trial of those items (given order, claimed one by one),
 *      with workers that were idle until then (they notice the trial within one idle
 *      poll interval, up to 1.5 s);
 *    - dynamic: the same items in the next trial, ordered longest-first from the
 *      durations measured before (what every trial after a sweep's first does);
 *    - static split: the seed design's fixed partition (8 contiguous blocks of 50).
 *    Efficiency = (total item time / 8 processes) / measured makespan.
 * 2. Idle: the same workers with no trial; metadata operations counted by the executor's
 *    fs layer, per worker process per second (after a 5 s settle).
 * 3. 1 master + 8 workers: runTrial wall time, p50, over 30 trials of 8 no-op items (one per
 *    worker: the fixed cost of a trial), and over 15 trials of 64 no-op items (adds the
 *    per-item cost: a claim and a results write, each one file creation).
 * The master's CPU time per such trial is printed too: unlike wall time, it does not grow
 * when other work shares the machine.
 * The latency of one small atomic write on the benchmark's disk is printed too
 * (`fs_write_ms_p50`): on a loaded machine it, not the protocol, dominates.
 * BENCH_DIR chooses the parent directory of the sweeps (default: the OS temp dir).
 * Prints one JSON object as its last line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20_261_128;
const ITEMS = 400;
const WORKERS = 7;
const participant = fileURLToPath(new URL('../packages/executor/test/fixtures/bench-participant.ts', import.meta.url));

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Log-normal durations with the given mean and sigma (of the underlying normal). */
function logNormalDurations(n: number, mean: number, sigma: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return Array.from({ length: n }, () => {
    const u = Math.max(rng(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    return Math.round(Math.exp(mu + sigma * z));
  });
}

interface Proc {
  child: ChildProcess;
  lines: Array<Record<string, number | string>>;
  done: Promise<void>;
}

function start(config: object): Proc {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', participant], {
    env: { ...process.env, HX_BENCH: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Proc['lines'] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(partial.slice(0, nl)) as Record<string, number | string>);
      partial = partial.slice(nl + 1);
    }
  });
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`participant exited with ${String(code)}`)))));
  return { child, lines, done };
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startWorkers(sweepDir: string, n: number): Promise<Proc[]> {
  const workers = Array.from({ length: n }, (_, i) => start({ sweepDir, role: 'worker', workerId: `w${i}` }));
  await waitFor(() => Array.from({ length: n }, (_, i) => existsSync(join(sweepDir, 'slots', `${i}.json`))).every(Boolean), 60_000, 'workers to register');
  return workers;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const dirs: string[] = [];
const sweep = () => {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-executor-'));
  dirs.push(dir);
  return join(dir, 'sweep');
};

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Median time of a small temp-file write + rename in a sweep directory, the protocol's basic step. */
function writeLatency(): number {
  const dir = sweep().replace(/sweep$/, '');
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    writeFileSync(join(dir, `.tmp-${i}`), 'x'.repeat(1000));
    renameSync(join(dir, `.tmp-${i}`), join(dir, 'probe.json'));
    times.push(performance.now() - started);
  }
  return p50(times);
}

try {
  const fsWriteMs = writeLatency();
  // 1 + 2: balance and idle load.
  const durations = logNormalDurations(ITEMS, 200, 1, SEED);
  const ideal = durations.reduce((a, b) => a + b, 0) / (WORKERS + 1);
  const sweepA = sweep();
  const workersA = await startWorkers(sweepA, WORKERS);
  const idleMs = 15_000;
  const masterA = start({
    sweepDir: sweepA,
    role: 'master',
    idleMs,
    plan: [
      { id: 'cold', ms: durations },
      { id: 'dynamic', ms: durations },
      { id: 'static', ms: durations, subBatchSize: ITEMS / (WORKERS + 1), orderByCost: false },
    ],
  });
  await Promise.all([masterA.done, ...workersA.map((w) => w.done)]);
  const trialMs = (id: string) => Number(masterA.lines.find((l) => l.trial === id)?.ms);
  const idleStart = Number(masterA.lines.find((l) => 'idleStart' in l)?.idleStart) + 5_000;
  const idleEnd = Number(masterA.lines.find((l) => 'idleEnd' in l)?.idleEnd) - 500;
  const idleRates = workersA.map((w) => {
    const window = w.lines.filter((l) => typeof l.counts === 'number' && Number(l.at) >= idleStart && Number(l.at) <= idleEnd);
    const first = window[0];
    const last = window.at(-1);
    if (first === undefined || last === undefined || last === first) throw new Error('no idle window measured');
    return (Number(last.counts) - Number(first.counts)) / ((Number(last.at) - Number(first.at)) / 1000);
  });

  // 3: overhead per trial with no-op items.
  const sweepB = sweep();
  const workersB = await startWorkers(sweepB, WORKERS + 1);
  const noop = (n: number) => Array.from({ length: n }, () => 0);
  const masterB = start({
    sweepDir: sweepB,
    role: 'master',
    plan: [
      { id: 'warm', ms: noop(64) },
      { id: 'noop8', ms: noop(8), repeat: 30 },
      { id: 'noop64', ms: noop(64), repeat: 15 },
    ],
  });
  await Promise.all([masterB.done, ...workersB.map((w) => w.done)]);
  const overheads = (id: string) => masterB.lines.filter((l) => l.trial === id).map((l) => Number(l.ms)).sort((a, b) => a - b);
  const small = overheads('noop8');
  const masterCpu = p50(masterB.lines.filter((l) => l.trial === 'noop8').map((l) => Number(l.cpuMs)));

  const summary = {
    workers: WORKERS,
    items: ITEMS,
    seed: SEED,
    ideal_makespan_ms: round(ideal, 0),
    efficiency_dynamic: round(ideal / trialMs('dynamic')),
    efficiency_dynamic_cold: round(ideal / trialMs('cold')),
    efficiency_static_split: round(ideal / trialMs('static')),
    overhead_per_trial_ms_p50: round(p50(small), 1),
    overhead_per_trial_ms_p90: round(small[Math.floor(small.length * 0.9)] ?? Number.NaN, 1),
    overhead_items_per_trial: 8,
    overhead_master_cpu_ms_per_trial_p50: round(masterCpu, 1),
    overhead_per_trial_ms_p50_64_items: round(p50(overheads('noop64')), 1),
    overhead_workers: WORKERS + 1,
    fs_write_ms_p50: round(fsWriteMs, 2),
    idle_metadata_ops_per_process_per_s: round(Math.max(...idleRates), 2),
    idle_metadata_ops_per_process_per_s_mean: round(idleRates.reduce((a, b) => a + b, 0) / idleRates.length, 2),
  };
  console.log(JSON.stringify(summary));
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
