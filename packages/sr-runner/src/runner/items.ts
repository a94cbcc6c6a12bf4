import type { Benchmark } from '../benchmarks/benchmark.js';

/** One unit of work: run `run` (0-based) of equation `equationId`. JSON-serialisable. */
export interface EquationRunItem {
  readonly equationId: string;
  readonly run: number;
}

/** Every (equation, run) pair of a benchmark, equation-major. */
export function planItems(benchmark: Benchmark, runs: number): EquationRunItem[] {
  return benchmark.equations.flatMap((equation) => Array.from({ length: runs }, (_, run) => ({ equationId: equation.id, run })));
}

/** A stable id for an item (`I.12.1#0`), e.g. for an executor's work list. */
export function itemId(item: EquationRunItem): string {
  return `${item.equationId}#${item.run}`;
}
