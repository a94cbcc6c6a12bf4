import type { Aggregation, Metric, ObjectiveSpec } from '../config/sweep-config-schema.js';
import type { EquationSummary } from '../report/report-data.js';
import type { BenchmarkEquation } from './sweep-backend.js';
import type { FitResult } from './fit-result.js';

/** The value of a metric for one fit (failed fits count as the worst value; null when it has no meaning). */
export function fitMetric(result: FitResult, metric: Metric): number | null {
  switch (metric) {
    case 'test_r2':
      return result.error !== null || result.testR2 === null || !Number.isFinite(result.testR2) ? 0 : Math.max(result.testR2, -1);
    case 'train_r2':
      return result.error !== null || result.trainR2 === null || !Number.isFinite(result.trainR2) ? 0 : Math.max(result.trainR2, -1);
    case 'solution_rate':
      return result.error === null && result.exact ? 1 : 0;
    case 'test_loss':
      return result.error !== null || result.testLoss === null || !Number.isFinite(result.testLoss) ? null : result.testLoss;
    case 'complexity':
      return result.error !== null ? null : result.complexity;
    case 'wall_s':
      return result.wallS;
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Groups results by equation, in first-seen order. */
function byEquation(results: readonly FitResult[]): Map<string, FitResult[]> {
  const groups = new Map<string, FitResult[]>();
  for (const result of results) {
    const group = groups.get(result.equation);
    if (group === undefined) groups.set(result.equation, [result]);
    else group.push(result);
  }
  return groups;
}

/**
 * Aggregates a metric over the results available (SRBench style by default: the
 * per-equation median over runs, then the mean over equations). Null when no result
 * gives the metric a value.
 */
export function aggregate(results: readonly FitResult[], metric: Metric, aggregation: Aggregation): number | null {
  const values = (rs: readonly FitResult[]) => rs.map((r) => fitMetric(r, metric)).filter((v): v is number => v !== null);
  if (aggregation === 'mean') return mean(values(results));
  if (aggregation === 'median') return median(values(results));
  const perEquation = [...byEquation(results).values()].map((rs) => median(values(rs))).filter((v): v is number => v !== null);
  return mean(perEquation);
}

/** The objective values of a trial, one per objective; null when a value is missing. */
export function objectiveValues(results: readonly FitResult[], objectives: readonly ObjectiveSpec[]): (number | null)[] {
  return objectives.map((o) => aggregate(results, o.metric, o.aggregation));
}

/** Per-equation summaries (recorded as the trial's `equations` user attr, shown in the report). */
export function summarizeEquations(results: readonly FitResult[], equations: readonly BenchmarkEquation[], objective: ObjectiveSpec): EquationSummary[] {
  const groups = byEquation(results);
  const formulas = new Map(equations.map((e) => [e.id, e.formula]));
  const order = [...equations.map((e) => e.id).filter((id) => groups.has(id)), ...[...groups.keys()].filter((id) => !formulas.has(id))];
  return order.map((id) => {
    const rs = (groups.get(id) ?? []).slice().sort((a, b) => a.run - b.run);
    const ok = rs.filter((r) => r.error === null);
    const bestRun = ok.slice().sort((a, b) => (b.testR2 ?? Number.NEGATIVE_INFINITY) - (a.testR2 ?? Number.NEGATIVE_INFINITY))[0];
    return {
      id,
      formula: formulas.get(id) ?? null,
      runs: rs.length,
      metric: aggregate(rs, objective.metric, objective.aggregation),
      medianTestR2: median(ok.map((r) => r.testR2).filter((v): v is number => v !== null && Number.isFinite(v))),
      exactRecoveries: ok.filter((r) => r.exact).length,
      medianComplexity: median(ok.map((r) => r.complexity).filter((v): v is number => v !== null)),
      medianWallS: median(rs.map((r) => r.wallS)),
      bestExpression: bestRun?.expression ?? null,
      errors: rs.length - ok.length,
    };
  });
}
