/**
 * Benchmark of @hyperopt/symreg: column-wise evaluation throughput (one thread, and the
 * speed-up with two threads) and exact recovery of six Feynman equations, 3 seeds each,
 * each fit on one core. Prints progress lines, then one JSON object as the last line.
 *
 * Fit settings (the same for every equation, nothing tuned to a formula): PySR defaults
 * except the operators (`+ - * /` and the unary `sqrt exp log sin cos`), `procs: 0` (one
 * core), `timeoutInSeconds` (default 50, leaving room for the last population and the
 * final constant polish within 60 s), `batching: true` with PySR's `batchSize` 50 (PySR's
 * mini-batching: about 3x more evaluations per second on 1,000 rows; the hall of fame is
 * always measured on the full data), `earlyStopCondition: 1e-20` (stop once the mean
 * squared error is at float64 round-off, i.e. an exact fit of noiseless data), and PySR's
 * `nestedConstraints` against towers of transcendental functions (no sin/cos inside sin/cos,
 * no exp/log inside exp/log, no sqrt inside sqrt).
 *
 * Imports the package from its sources (the workspace root does not depend on it).
 *
 * Environment: SYMREG_BENCH_SEEDS (default 3), SYMREG_BENCH_TIMEOUT (seconds, default 50),
 * SYMREG_BENCH_ONLY (comma-separated equation ids), SYMREG_BENCH_SKIP_RECOVERY=1.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  SymbolicRegressor,
  compileExpression,
  evaluateExpression,
  isExactRecovery,
  parseExpression,
  type Expression,
  type SymbolicRegressorOptionsInput,
} from '../packages/symreg/src/index.ts';

const ROWS = 1000;
const VARIABLES = ['a', 'b', 'c'];

/** xorshift-based uniform generator for the benchmark's own sampling. */
function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** A random formula of exactly `size` nodes (leaves: the 3 variables and constants). */
function randomFormula(next: () => number, size: number, unary: readonly string[], binary: readonly string[]): string {
  if (size === 1) return next() < 0.7 ? (VARIABLES[Math.floor(next() * 3)] as string) : (0.5 + next() * 2).toFixed(3);
  if (size === 2 && unary.length === 0) size = 3;
  if (size === 2 || (unary.length > 0 && next() < unary.length / (unary.length + binary.length + 2))) {
    const op = unary[Math.floor(next() * unary.length)] as string;
    return `${op}(${randomFormula(next, size - 1, unary, binary)})`;
  }
  const leftSize = 1 + Math.floor(next() * (size - 2));
  const op = binary[Math.floor(next() * binary.length)] as string;
  return `(${randomFormula(next, leftSize, unary, binary)} ${op} ${randomFormula(next, size - 1 - leftSize, unary, binary)})`;
}

const MIXED_UNARY = ['exp', 'sin', 'cos', 'log', 'sqrt', 'tanh'];
const ARITH = ['+', '-', '*', '/'];

function benchTrees(kind: 'mixed' | 'arith', seed: number): Expression[] {
  const next = rng(seed);
  return Array.from({ length: 300 }, () => {
    const size = 10 + Math.floor(next() * 21);
    const formula = kind === 'mixed' ? randomFormula(next, size, MIXED_UNARY, ARITH) : randomFormula(next, size, [], ARITH);
    return parseExpression(formula, { variables: VARIABLES });
  });
}

function benchColumns(seed: number): Float64Array[] {
  const next = rng(seed + 7);
  return VARIABLES.map(() => Float64Array.from({ length: ROWS }, () => 0.5 + 2 * next()));
}

const UNARY_FN: Record<string, (x: number) => number> = {
  exp: Math.exp, sin: Math.sin, cos: Math.cos, log: Math.log, sqrt: Math.sqrt, tanh: Math.tanh, neg: (x) => -x,
};

/** The naive baseline: walk the tree once per row. */
function walk(e: Expression, row: number, columns: Float64Array[]): number {
  switch (e.kind) {
    case 'const':
      return e.value;
    case 'var':
      return columns[VARIABLES.indexOf(e.name)]![row]!;
    case 'unary':
      return UNARY_FN[e.op]!(walk(e.arg, row, columns));
    case 'binary': {
      const a = walk(e.left, row, columns);
      const b = walk(e.right, row, columns);
      return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '/' ? a / b : Math.pow(a, b);
    }
  }
}

/** Million node-evaluations per second of per-row tree walking (same trees and rows). */
function rowWalkThroughput(kind: 'mixed' | 'arith', seed: number, durationMs: number): number {
  const trees = benchTrees(kind, seed);
  const columns = benchColumns(seed);
  const nodes = trees.reduce((sum, t) => sum + compileExpression(t, VARIABLES).size, 0);
  const out = new Float64Array(ROWS);
  let reps = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    for (const t of trees) for (let i = 0; i < ROWS; i++) out[i] = walk(t, i, columns);
    reps++;
  }
  return (reps * nodes * ROWS) / ((performance.now() - start) / 1000) / 1e6;
}

/**
 * Million node-evaluations per second over 1,000 rows for `durationMs`, per second of wall
 * time and per second of this process's CPU time (the latter is less sensitive to other
 * processes taking the cores of a shared machine; the wall figure is the headline).
 */
function throughputWithCpu(kind: 'mixed' | 'arith', seed: number, durationMs: number): { wall: number; cpu: number } {
  const columns = benchColumns(seed);
  const trees = benchTrees(kind, seed).map((t) => compileExpression(t, VARIABLES));
  const nodes = trees.reduce((sum, t) => sum + t.size, 0);
  for (let warm = 0; warm < 5; warm++) for (const t of trees) t.evaluate(columns);
  let reps = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    for (const t of trees) t.evaluate(columns);
    reps++;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { wall: (reps * nodes * ROWS) / seconds / 1e6, cpu: (reps * nodes * ROWS) / cpuSeconds / 1e6 };
}

function throughput(kind: 'mixed' | 'arith', seed: number, durationMs: number): number {
  return throughputWithCpu(kind, seed, durationMs).wall;
}

/** Plain JS loop a[i]+b[i] over 1,000 rows: the machine's reference speed in this run. */
function rawLoopMps(durationMs: number): number {
  const a = new Float64Array(ROWS).fill(1.5);
  const b = new Float64Array(ROWS).fill(2.5);
  const out = new Float64Array(ROWS);
  let reps = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    for (let k = 0; k < 100; k++) for (let i = 0; i < ROWS; i++) out[i] = a[i]! + b[i]!;
    reps += 100;
  }
  return (reps * ROWS) / ((performance.now() - start) / 1000) / 1e6;
}

function startWorker(data: unknown): Worker {
  const here = import.meta.url;
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(here)}); });`;
  return new Worker(code, { eval: true, execArgv: ['--conditions=source'], workerData: data });
}

async function parallelThroughput(threads: number, durationMs: number): Promise<number> {
  const results = await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const worker = startWorker({ role: 'throughput', seed: 100 + i, durationMs });
      return new Promise<number>((resolve, reject) => {
        worker.once('message', (value: number) => {
          resolve(value);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    }),
  );
  return results.reduce((a, b) => a + b, 0);
}

const EQUATIONS = [
  { id: 'I.6.2a', formula: 'exp(-theta^2/2)/sqrt(2*pi)', ranges: { theta: [1, 3] } },
  { id: 'I.12.1', formula: 'mu*Nn', ranges: { mu: [1, 5], Nn: [1, 5] } },
  { id: 'I.14.4', formula: '1/2*k_spring*x^2', ranges: { k_spring: [1, 5], x: [1, 5] } },
  { id: 'I.34.27', formula: '(h/(2*pi))*omega', ranges: { h: [1, 5], omega: [1, 5] } },
  { id: 'II.3.24', formula: 'Pwr/(4*pi*r^2)', ranges: { Pwr: [1, 5], r: [1, 5] } },
  { id: 'I.10.7', formula: 'm_0/sqrt(1-v^2/c^2)', ranges: { m_0: [1, 5], v: [1, 2], c: [3, 10] } },
] as const;

function sample(ranges: Readonly<Record<string, readonly [number, number]>>, n: number, next: () => number): Float64Array[] {
  return Object.values(ranges).map(([lo, hi]) => Float64Array.from({ length: n }, () => lo + (hi - lo) * next()));
}

function r2(pred: Float64Array, y: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i]! - pred[i]!) ** 2;
    ssTot += (y[i]! - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const seeds = Number(process.env.SYMREG_BENCH_SEEDS ?? 3);
  const timeout = Number(process.env.SYMREG_BENCH_TIMEOUT ?? 50);
  const only = process.env.SYMREG_BENCH_ONLY?.split(',');

  const raw = rawLoopMps(500);
  const mixedBoth = throughputWithCpu('mixed', 1, 2000);
  const arithBoth = throughputWithCpu('arith', 2, 2000);
  const mixed = mixedBoth.wall;
  const arith = arithBoth.wall;
  const walkMixed = rowWalkThroughput('mixed', 1, 1500);
  const walkArith = rowWalkThroughput('arith', 2, 1500);
  console.log(
    `evaluation: mixed ${mixed.toFixed(0)} M/s (per-row walk ${walkMixed.toFixed(0)}), arithmetic ${arith.toFixed(0)} M/s (per-row walk ${walkArith.toFixed(0)}); raw add loop ${raw.toFixed(0)} M/s`,
  );
  const one = await parallelThroughput(1, 2000);
  const two = await parallelThroughput(2, 2000);
  console.log(`threads: 1 → ${one.toFixed(0)} M/s, 2 → ${two.toFixed(0)} M/s`);

  const settings: SymbolicRegressorOptionsInput = {
    binaryOperators: ['+', '-', '*', '/'],
    unaryOperators: ['sqrt', 'exp', 'log', 'sin', 'cos'],
    procs: 0,
    timeoutInSeconds: timeout,
    batching: true,
    earlyStopCondition: 1e-20,
    // PySR's usual guard against towers of transcendental functions (sin(cos(…)), exp(log(…))).
    nestedConstraints: {
      sin: { sin: 0, cos: 0 },
      cos: { sin: 0, cos: 0 },
      exp: { exp: 0, log: 0 },
      log: { exp: 0, log: 0 },
      sqrt: { sqrt: 0 },
    },
  };
  const recovery: Record<string, { exact: number; runs: number; median_s: number; median_test_r2: number; expressions: string[] }> = {};
  if (process.env.SYMREG_BENCH_SKIP_RECOVERY !== '1') {
    const model = new SymbolicRegressor(settings);
    for (const eq of EQUATIONS) {
      if (only && !only.includes(eq.id)) continue;
      const names = Object.keys(eq.ranges);
      const truth = parseExpression(eq.formula, { variables: names });
      const times: number[] = [];
      const scores: number[] = [];
      const expressions: string[] = [];
      let exact = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const next = rng(1000 * seed + eq.id.length);
        const train = sample(eq.ranges, ROWS, next);
        const test = sample(eq.ranges, ROWS, next);
        const columns = (X: Float64Array[]) => Object.fromEntries(names.map((name, i) => [name, X[i]!]));
        const y = evaluateExpression(truth, columns(train));
        const yTest = evaluateExpression(truth, columns(test));
        const result = await model.fit(train, y, { variableNames: names, seed });
        const ok = isExactRecovery(result.best.expression, eq.formula, { ranges: eq.ranges, seed });
        const score = r2(result.predict(test), yTest);
        if (ok) exact++;
        times.push(result.elapsedMs / 1000);
        scores.push(score);
        expressions.push(result.best.expression);
        console.log(
          `${eq.id} seed ${seed}: ${ok ? 'exact' : 'not exact'} in ${(result.elapsedMs / 1000).toFixed(1)} s (${result.stopReason}, ${result.iterations} it), R² ${score.toFixed(6)}: ${result.best.expression}`,
        );
      }
      recovery[eq.id] = { exact, runs: seeds, median_s: median(times), median_test_r2: median(scores), expressions };
    }
    await model.close();
  }
  const round = (v: number, d = 1) => Number(v.toFixed(d));
  console.log(
    JSON.stringify({
      eval_mnodes_per_s_mixed: round(mixed),
      eval_mnodes_per_s_arith: round(arith),
      eval_mnodes_per_s_mixed_cpu_time: round(mixedBoth.cpu),
      eval_mnodes_per_s_arith_cpu_time: round(arithBoth.cpu),
      eval_thread_scaling_2: round(two / one, 2),
      eval_speedup_vs_row_walk_mixed: round(mixed / walkMixed, 2),
      eval_speedup_vs_row_walk_arith: round(arith / walkArith, 2),
      load_average_1m: round(loadavg()[0] ?? 0, 2),
      raw_add_loop_m_per_s: round(raw),
      fit_settings: settings,
      recovery,
    }),
  );
}

if (isMainThread) await main();
else {
  const data = workerData as { role: string; seed: number; durationMs: number };
  parentPort?.postMessage(throughput('mixed', data.seed, data.durationMs));
}
