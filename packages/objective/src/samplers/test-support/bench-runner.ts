/**
 * Our side of `pnpm bench:samplers` (bench/samplers.ts spawns it with the `source` condition).
 *
 * Usage: bench-runner.ts quality SAMPLER SEEDS N_TRIALS   -> one JSON line per (problem, seed)
 *        bench-runner.ts overhead SAMPLER N_TRIALS        -> one JSON line with per-trial ms
 */
import { createStudy } from '../../study/study-registry.js';
import type { BaseSampler } from '../base-sampler.js';
import { SAMPLER_FACTORIES } from './bench-samplers.js';
import { PROBLEMS, sphere5 } from './problems.js';

function factory(name: string): (seed: number) => BaseSampler {
  const f = SAMPLER_FACTORIES[name];
  if (f === undefined) throw new Error(`unknown sampler ${JSON.stringify(name)}`);
  return f;
}

function quality(sampler: string, seeds: number[], nTrials: number): void {
  for (const problem of PROBLEMS) {
    for (const seed of seeds) {
      const study = createStudy({ sampler: factory(sampler)(seed) });
      for (let i = 0; i < nTrials; i++) {
        const trial = study.ask();
        study.tell(trial, problem.fn(trial));
      }
      process.stdout.write(`${JSON.stringify({ problem: problem.name, sampler, seed, best: study.bestValue })}\n`);
    }
  }
}

function overhead(sampler: string, nTrials: number): void {
  const study = createStudy({ sampler: factory(sampler)(0) });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < nTrials; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const trial = study.ask();
    study.tell(trial, sphere5.fn(trial));
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  process.stdout.write(`${JSON.stringify({ sampler, wallMs: wall, cpuMs: cpu })}\n`);
}

const [mode, sampler = '', a = '', b = ''] = process.argv.slice(2);
if (mode === 'quality') quality(sampler, a.split(',').map(Number), Number(b));
else if (mode === 'overhead') overhead(sampler, Number(a));
else throw new Error(`unknown mode ${JSON.stringify(mode)}`);
