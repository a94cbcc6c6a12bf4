import type { Benchmark, FormulaEquation } from './benchmark.js';
import { FEYNMAN_EQUATIONS } from './feynman-equations.js';
import { SrRunnerError } from '../errors.js';

export { FEYNMAN_EQUATIONS };

/** The whole Feynman benchmark (100 equations). */
export const FEYNMAN_BENCHMARK: Benchmark = { name: 'feynman', equations: FEYNMAN_EQUATIONS };

/**
 * A small set of easy Feynman equations (products and quotients of 1–3 variables) for
 * quick starts and smoke runs: with the native backend and small search settings,
 * a handful of trials finish in a few minutes on 2 cores.
 */
export const QUICK_FEYNMAN_EQUATION_IDS = ['I.12.1', 'I.14.3', 'I.25.13', 'I.12.5', 'I.29.4', 'II.27.18'] as const;

/**
 * The default subset of `pnpm bench:sr-runner`: the quick set plus two more
 * three-variable products, 8 equations (run twice each by the benchmark).
 */
export const BENCH_FEYNMAN_EQUATION_IDS = [...QUICK_FEYNMAN_EQUATION_IDS, 'I.34.8', 'I.39.22'] as const;

/** The Feynman equation with this id (`I.6.2a`, or SRBench's spelling `feynman_I_6_2a`). */
export function feynmanEquation(id: string): FormulaEquation {
  const wanted = normalizeFeynmanId(id);
  const found = FEYNMAN_EQUATIONS.find((equation) => equation.id === wanted);
  if (!found) {
    throw new SrRunnerError('SR_RUNNER_UNKNOWN_EQUATION', `unknown Feynman equation id \`${id}\` (ids look like \`I.6.2a\` or \`feynman_I_6_2a\`)`);
  }
  return found;
}

/** A benchmark made of the given Feynman equations, in the given order. */
export function feynmanSubset(ids: readonly string[], name = 'feynman-subset'): Benchmark {
  return { name, equations: ids.map(feynmanEquation) };
}

/** SRBench's dataset name for a Feynman id: `I.6.2a` → `feynman_I_6_2a`. */
export function feynmanDatasetName(id: string): string {
  return `feynman_${id.replaceAll('.', '_')}`;
}

function normalizeFeynmanId(id: string): string {
  if (!id.startsWith('feynman_')) return id;
  const rest = id.slice('feynman_'.length);
  return FEYNMAN_EQUATIONS.find((equation) => equation.id.replaceAll('.', '_') === rest)?.id ?? id;
}
