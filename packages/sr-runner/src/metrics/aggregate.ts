/** The fields of a result that the aggregates read. */
export interface ScoredRun {
  readonly equationId: string;
  readonly testR2: number | null;
  readonly exactRecovery: boolean | null;
  readonly complexity: number | null;
  readonly error: unknown;
}

/** Options of {@link aggregateResults}. */
export interface AggregateOptions {
  /**
   * R² counted for a failed run or a non-finite prediction (the score of predicting
   * the mean).
   * @default 0
   */
  readonly failedR2?: number;
  /**
   * Test R² above which a run counts as accurate (SRBench's "accuracy solution").
   * @default 0.999
   */
  readonly accuracyThreshold?: number;
}

/** Per-equation figures: medians over runs. */
export interface EquationAggregate {
  readonly equationId: string;
  readonly runs: number;
  readonly failedRuns: number;
  readonly medianTestR2: number;
  readonly medianComplexity: number | null;
  /** Share of runs that recovered the true expression exactly (null: no ground truth). */
  readonly solutionRate: number | null;
  readonly accuracyRate: number;
}

/** Benchmark figures, SRBench style: median over runs per equation, then mean over equations. */
export interface BenchmarkAggregate {
  readonly equations: number;
  readonly runs: number;
  readonly failedRuns: number;
  readonly meanTestR2: number;
  readonly meanComplexity: number | null;
  /** Mean over equations (with a ground truth) of each one's exact-recovery rate. */
  readonly solutionRate: number | null;
  readonly accuracyRate: number;
  readonly perEquation: EquationAggregate[];
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Aggregates (equation, run) results: per-equation medians, then means over equations. */
export function aggregateResults(results: readonly ScoredRun[], options: AggregateOptions = {}): BenchmarkAggregate {
  const failedR2 = options.failedR2 ?? 0;
  const threshold = options.accuracyThreshold ?? 0.999;
  const byEquation = new Map<string, ScoredRun[]>();
  for (const result of results) {
    const list = byEquation.get(result.equationId) ?? [];
    list.push(result);
    byEquation.set(result.equationId, list);
  }
  const perEquation: EquationAggregate[] = [...byEquation].map(([equationId, runs]) => {
    const r2s = runs.map((run) => (run.error == null && run.testR2 !== null ? run.testR2 : failedR2));
    const complexities = runs.flatMap((run) => (run.error == null && run.complexity !== null ? [run.complexity] : []));
    const verdicts = runs.filter((run) => run.exactRecovery !== null || run.error != null);
    const known = runs.some((run) => run.exactRecovery !== null);
    return {
      equationId,
      runs: runs.length,
      failedRuns: runs.filter((run) => run.error != null).length,
      medianTestR2: median(r2s),
      medianComplexity: complexities.length > 0 ? median(complexities) : null,
      solutionRate: known ? verdicts.filter((run) => run.exactRecovery === true).length / verdicts.length : null,
      accuracyRate: r2s.filter((r2) => r2 > threshold).length / runs.length,
    };
  });
  const mean = (values: readonly number[]) => (values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length);
  const complexities = perEquation.flatMap((e) => (e.medianComplexity !== null ? [e.medianComplexity] : []));
  const rates = perEquation.flatMap((e) => (e.solutionRate !== null ? [e.solutionRate] : []));
  return {
    equations: perEquation.length,
    runs: results.length,
    failedRuns: perEquation.reduce((sum, e) => sum + e.failedRuns, 0),
    meanTestR2: mean(perEquation.map((e) => e.medianTestR2)),
    meanComplexity: complexities.length > 0 ? mean(complexities) : null,
    solutionRate: rates.length > 0 ? mean(rates) : null,
    accuracyRate: mean(perEquation.map((e) => e.accuracyRate)),
    perEquation,
  };
}
