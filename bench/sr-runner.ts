/**
 * `pnpm bench:sr-runner` — the SR runner (@hyperopt/sr-runner) on a small Feynman subset
 * with the native backend.
 *
 * Default subset: BENCH_FEYNMAN_EQUATION_IDS of @hyperopt/sr-runner (8 easy equations:
 * I.12.1, I.14.3, I.25.13, I.12.5, I.29.4, II.27.18, I.34.8, I.39.22) × 2 runs, 500 rows,
 * one fit at a time, the small search settings below. Two phases, each in child processes
 * (packages/sr-runner/test/fixtures/bench-worker.ts):
 *  1. a clean run → solution_rate, mean_test_r2, wall_s (time inside runEquations);
 *  2. the same work with a fresh cache, SIGKILLed once half of the fits have finished and
 *     the next one has started, then
 *     resumed → resume_rerun_fraction = fits started by both the killed and the resumed
 *     run / all fits (target: only the fits in flight, at most procs / fits).
 * Flags: --runs N, --ids a,b,c, --concurrency N, --time-limit-ms N.
 * Prints one JSON object as its last line.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';

const WORKER = fileURLToPath(new URL('../packages/sr-runner/test/fixtures/bench-worker.ts', import.meta.url));
// Small search settings; procs: 0 keeps each search in its worker's main thread (one fit
// at a time, so "procs" below — fits in flight — is 1).
const HYPERPARAMETERS = {
  niterations: 12,
  populations: 4,
  populationSize: 40,
  ncyclesPerIteration: 100,
  maxsize: 15,
  binaryOperators: ['+', '-', '*', '/'],
  unaryOperators: [],
  procs: 0,
};

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const config = {
  ids: flag('ids', '').split(',').filter((id) => id !== ''), // empty: the package's BENCH_FEYNMAN_EQUATION_IDS
  runs: Number(flag('runs', '2')),
  concurrency: Number(flag('concurrency', '1')),
  timeLimitMs: Number(flag('time-limit-ms', '30000')),
  rows: 500,
  hyperparameters: HYPERPARAMETERS,
};

interface Finished {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function worker(mode: 'clean' | 'logged', cacheDir: string, log?: string): { child: ChildProcess; done: Promise<Finished> } {
  const args = ['--conditions=source', '--import', 'tsx', WORKER, mode, cacheDir, JSON.stringify(config), ...(log ? [log] : [])];
  const child = spawn(process.execPath, args, { cwd: fileURLToPath(new URL('../packages/sr-runner/', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr })));
  return { child, done };
}

interface LoggedEvent {
  type: string;
  item: string;
  pid: number;
}

function readEvents(path: string): LoggedEvent[] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LoggedEvent);
}

const dir = await mkdtemp(join(tmpdir(), 'bench-sr-runner-'));
try {
  const clean = await worker('clean', join(dir, 'clean')).done;
  if (clean.exitCode !== 0) throw new Error(`clean run failed: ${clean.stderr}`);
  const summary = JSON.parse(clean.stdout.trim().split('\n').at(-1) ?? '{}') as {
    wallS: number;
    backend: string;
    backendVersion: string;
    solutionRate: number | null;
    meanTestR2: number;
    failedRuns: number;
    perEquation: unknown[];
    expressions: string[];
    ids: string[];
  };
  const total = summary.ids.length * config.runs;
  process.stderr.write(`${summary.expressions.join('\n')}\n`);

  const cacheDir = join(dir, 'interrupted');
  const log = join(dir, 'events.jsonl');
  const first = worker('logged', cacheDir, log);
  const half = Math.ceil(total / 2);
  // Kill half-way, while a fit is in flight: at least half finished and one more started.
  for (;;) {
    const sofar = readEvents(log);
    const ended = sofar.filter((e) => e.type === 'fit-end').length;
    const begun = sofar.filter((e) => e.type === 'fit-start').length;
    if (ended >= half && begun > ended) break;
    if (first.child.exitCode !== null) throw new Error(`interrupted run exited early: ${(await first.done).stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  first.child.kill('SIGKILL');
  await first.done;
  const second = worker('logged', cacheDir, log);
  const resumed = await second.done;
  if (resumed.exitCode !== 0) throw new Error(`resumed run failed: ${resumed.stderr}`);
  const all = readEvents(log);
  const startedFirst = new Set(all.filter((e) => e.pid === first.child.pid && e.type === 'fit-start').map((e) => e.item));
  const finishedFirst = new Set(all.filter((e) => e.pid === first.child.pid && e.type === 'fit-end').map((e) => e.item));
  const startedSecond = all.filter((e) => e.pid === second.child.pid && e.type === 'fit-start').map((e) => e.item);
  const redone = startedSecond.filter((item) => startedFirst.has(item)).length;

  const round = (value: number | null, digits = 4) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));
  process.stdout.write(
    `${JSON.stringify({
      equations: summary.ids.length,
      runs: config.runs,
      solution_rate: round(summary.solutionRate),
      mean_test_r2: round(summary.meanTestR2),
      wall_s: round(summary.wallS, 2),
      resume_rerun_fraction: round(redone / total),
      fits: total,
      procs: config.concurrency,
      failed_fits: summary.failedRuns,
      fits_finished_before_kill: finishedFirst.size,
      fits_in_flight_at_kill: [...startedFirst].filter((item) => !finishedFirst.has(item)).length,
      fits_run_after_resume: startedSecond.length,
      backend: `${summary.backend}@${summary.backendVersion}`,
      subset: summary.ids,
      hyperparameters: HYPERPARAMETERS,
    })}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
