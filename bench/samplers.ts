/**
 * pnpm bench:samplers — the samplers of @hyperopt/objective side by side with Python
 * Optuna 3.1 (/usr/bin/python3, Debian's python3-optuna + python3-cmaes), in one run.
 *
 * 1. Quality: best value after 100 trials, seeds 0–9, for each problem × sampler;
 *    median and quartiles (linear interpolation, as numpy) for ours and Optuna's.
 *    Problems (minimise; identical definitions in
 *    packages/objective/src/samplers/test-support/problems.ts and test/python/sampler-bench.py):
 *    - branin:          2-d, x1 ∈ [-5, 10], x2 ∈ [0, 15], f* = 0.397887
 *    - rosenbrock:      5-d, xᵢ ∈ [-5, 10], Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², f* = 0
 *    - styblinski_tang: 5-d, xᵢ ∈ [-5, 5], ½ Σ xᵢ⁴ − 16xᵢ² + 5xᵢ, f* ≈ −195.83
 *    - mixed:           log float lr ∈ [1e-4, 1], int n ∈ [1, 32], float q ∈ [0, 1] step 0.05,
 *                       categorical kind ∈ {a,b,c,d}; (log10 lr + 2)² + ((n − 11)/4)² + 4(q − 0.35)²
 *                       + {a: .6, b: 0, c: .3, d: 1}[kind], f* = 0
 *    A verdict per cell: "same" (medians equal to 1e-9 relative), "better" (our median
 *    below Optuna's), "within_iqr" (inside Optuna's interquartile range) or "worse"; and `same_best_seeds`, the seeds whose best
 *    value equals Optuna's for the same seed (TPE and Random draw numpy's streams as Optuna).
 * 2. Overhead: ask + 5 suggestFloat + tell on an instant 5-d sphere, in-memory storage,
 *    1,000 trials, mean ms per trial over trials 0–100, 400–500 and 900–1000 for TPE
 *    default, TPE multivariate and Random; ratio ours/Optuna per window. Each side runs
 *    BENCH_OVERHEAD_REPEATS times (default 2), alternating, and keeps its least window
 *    mean (load from other processes only ever adds time). Wall time is the
 *    headline; CPU time (less sensitive to a loaded machine) is reported beside it. The
 *    overhead runs go one at a time so they do not compete with each other.
 * Prints one JSON object as its last line.
 *
 * Env: BENCH_SEEDS (default 10), BENCH_TRIALS (default 100), BENCH_OVERHEAD_TRIALS (default 1000),
 *      BENCH_JOBS (parallel quality processes, default 2), BENCH_SAMPLERS (quality samplers, comma-separated),
 *      BENCH_OVERHEAD_REPEATS (default 2).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('../packages/objective/src/samplers/test-support/bench-runner.ts', import.meta.url));
const pyScript = fileURLToPath(new URL('../packages/objective/test/python/sampler-bench.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const SEEDS = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 10) }, (_, i) => i);
const N_TRIALS = Number(process.env.BENCH_TRIALS ?? 100);
const N_OVERHEAD = Number(process.env.BENCH_OVERHEAD_TRIALS ?? 1000);
const JOBS = Number(process.env.BENCH_JOBS ?? 2);
const REPEATS = Number(process.env.BENCH_OVERHEAD_REPEATS ?? 2);
const QUALITY_SAMPLERS = (process.env.BENCH_SAMPLERS ?? 'tpe,tpe_multivariate,cmaes,qmc_sobol,random').split(',');
const OVERHEAD_SAMPLERS = ['tpe', 'tpe_multivariate', 'random'];
const WINDOWS: [number, number][] = [
  [0, 100],
  [400, 500],
  [900, 1000],
];

interface Job {
  side: 'ours' | 'optuna';
  args: string[];
}

function run(job: Job): Promise<string[]> {
  const [cmd, args] =
    job.side === 'ours'
      ? [process.execPath, ['--conditions=source', '--import', 'tsx', runner, ...job.args]]
      : [PYTHON, [pyScript, ...job.args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${job.side} ${job.args.join(' ')} exited with ${code}: ${err.slice(-2000)}`));
      else resolve(out.split('\n').filter((l) => l.trim().startsWith('{')));
    });
  });
}

async function pool<T>(tasks: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return results;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

function summary(values: number[]): { median: number; q1: number; q3: number } {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75) };
}

const round = (x: number, digits = 4): number => Number(x.toPrecision(digits));
const log = (msg: string): void => void process.stderr.write(`[bench:samplers] ${msg}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const seeds = SEEDS.join(',');
  log(`quality: ${QUALITY_SAMPLERS.length} samplers × 4 problems × ${SEEDS.length} seeds × ${N_TRIALS} trials, ours and Optuna (${JOBS} processes at a time)`);
  const qualityJobs: Job[] = [];
  for (const sampler of QUALITY_SAMPLERS) {
    qualityJobs.push({ side: 'optuna', args: ['quality', sampler, seeds, String(N_TRIALS)] });
    qualityJobs.push({ side: 'ours', args: ['quality', sampler, seeds, String(N_TRIALS)] });
  }
  const qualityOut = await pool(qualityJobs.map((job) => () => run(job).then((lines) => ({ job, lines }))), JOBS);
  const bests = new Map<string, number[]>();
  const bestBySeed = new Map<string, number>();
  for (const { job, lines } of qualityOut) {
    for (const line of lines) {
      const r = JSON.parse(line) as { problem: string; sampler: string; seed: number; best: number };
      const key = `${r.problem}|${r.sampler}|${job.side}`;
      bests.set(key, [...(bests.get(key) ?? []), r.best]);
      bestBySeed.set(`${key}|${r.seed}`, r.best);
    }
  }
  // Seeds whose best value is Optuna's own for the same seed (to 1e-9 relative): TPE and
  // Random draw Optuna's random streams, so equal algorithms take the same path.
  const sameBest = (problem: string, sampler: string): number =>
    SEEDS.filter((seed) => {
      const a = bestBySeed.get(`${problem}|${sampler}|ours|${seed}`);
      const b = bestBySeed.get(`${problem}|${sampler}|optuna|${seed}`);
      return a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    }).length;
  const quality: Record<string, Record<string, unknown>> = {};
  for (const key of bests.keys()) {
    const [problem, sampler] = key.split('|') as [string, string];
    const ours = bests.get(`${problem}|${sampler}|ours`);
    const optuna = bests.get(`${problem}|${sampler}|optuna`);
    if (!ours || !optuna) continue;
    const o = summary(ours);
    const p = summary(optuna);
    const same = Math.abs(o.median - p.median) <= 1e-9 * Math.max(1, Math.abs(p.median));
    const verdict = same ? 'same' : o.median < p.median ? 'better' : o.median <= p.q3 ? 'within_iqr' : 'worse';
    (quality[problem] ??= {})[sampler] = {
      ours: { median: round(o.median), q1: round(o.q1), q3: round(o.q3) },
      optuna: { median: round(p.median), q1: round(p.q1), q3: round(p.q3) },
      verdict,
      same_best_seeds: sameBest(problem, sampler),
    };
  }
  log(`quality done in ${((performance.now() - started) / 1000).toFixed(0)} s; overhead: ${N_OVERHEAD} trials per sampler, one run at a time`);

  const overhead: Record<string, unknown> = {};
  const mean = (xs: number[], [a, b]: [number, number]): number => xs.slice(a, b).reduce((s, x) => s + x, 0) / Math.max(1, Math.min(b, xs.length) - a);
  type Timings = { wallMs: number[]; cpuMs: number[] };
  // The least of the repeats' window means: other load on a shared machine only ever adds time.
  const best = (runs: Timings[], key: keyof Timings, w: [number, number]): number => Math.min(...runs.map((r) => mean(r[key], w)));
  for (const sampler of OVERHEAD_SAMPLERS) {
    const ours: Timings[] = [];
    const py: Timings[] = [];
    // Alternate the sides so that a slow spell of the machine hits both.
    for (let r = 0; r < REPEATS; r++) {
      const [oursLine] = await run({ side: 'ours', args: ['overhead', sampler, String(N_OVERHEAD)] });
      const [pyLine] = await run({ side: 'optuna', args: ['overhead', sampler, String(N_OVERHEAD)] });
      ours.push(JSON.parse(oursLine as string) as Timings);
      py.push(JSON.parse(pyLine as string) as Timings);
    }
    const windows: Record<string, unknown> = {};
    for (const w of WINDOWS) {
      if (w[1] > N_OVERHEAD) continue;
      const ow = best(ours, 'wallMs', w);
      const pw = best(py, 'wallMs', w);
      const oc = best(ours, 'cpuMs', w);
      const pc = best(py, 'cpuMs', w);
      windows[`${w[0]}-${w[1]}`] = {
        ours_ms: round(ow),
        optuna_ms: round(pw),
        ratio: round(ow / pw, 3),
        ours_cpu_ms: round(oc),
        optuna_cpu_ms: round(pc),
        cpu_ratio: round(oc / pc, 3),
      };
    }
    overhead[sampler] = windows;
    log(`overhead ${sampler}: ${JSON.stringify(windows)}`);
  }

  const last = (s: string): { ratio: number } | undefined => (overhead[s] as Record<string, { ratio: number }> | undefined)?.['900-1000'];
  const targets = {
    tpe_overhead_900_1000_at_most_1_50: ['tpe', 'tpe_multivariate'].every((s) => (last(s)?.ratio ?? Infinity) <= 1 / 50),
    quality_tpe_cmaes_not_worse: Object.values(quality).every((row) =>
      ['tpe', 'tpe_multivariate', 'cmaes'].every((s) => (row[s] as { verdict: string } | undefined)?.verdict !== 'worse'),
    ),
  };
  const result = {
    bench: 'samplers',
    seeds: SEEDS.length,
    trials: N_TRIALS,
    overhead_trials: N_OVERHEAD,
    overhead_repeats: REPEATS,
    quality,
    overhead,
    targets,
    seconds: round((performance.now() - started) / 1000, 3),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
