import type { FrozenTrial } from '@hyperopt/objective';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { objectiveList, studyDirections } from '../config/sweep-config-schema.js';
import { bestTrialOf } from '../sweep/best-trial.js';
import { paramImportances, type ParamScale } from './importance/param-importances.js';
import { readEquationSummaries, type ReportData, type ReportTrial } from './report-data.js';

/** A small seeded generator (mulberry32) so the importances of a study are reproducible. */
function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Converts the study's frozen trials to the report's plain form. */
export function toReportTrial(trial: FrozenTrial): ReportTrial {
  return {
    number: trial.number,
    state: trial.state,
    values: trial.values === undefined ? null : [...trial.values],
    params: { ...trial.params },
    intermediate: [...trial.intermediateValues.entries()].sort((a, b) => a[0] - b[0]),
    start: trial.datetimeStart?.getTime() ?? null,
    complete: trial.datetimeComplete?.getTime() ?? null,
  };
}

/** The parameter scales of the search space (for importances and parallel-coordinate axes). */
export function paramScales(config: SweepConfig): Record<string, ParamScale> {
  const scales: Record<string, ParamScale> = {};
  for (const [name, spec] of Object.entries(config.searchSpace)) {
    scales[name] = spec.type === 'categorical' ? { kind: 'categorical', choices: spec.choices } : { kind: spec.type, low: spec.low, high: spec.high, log: spec.log };
  }
  return scales;
}


/** Everything the report shows, from the study's trials and the sweep config. */
export function buildReportData(options: { studyName: string; trials: readonly FrozenTrial[]; config: SweepConfig; generatedAt: Date }): ReportData {
  const { config, trials } = options;
  const directions = studyDirections(config);
  const objectives = objectiveList(config);
  const best = bestTrialOf(trials, directions[0] ?? 'minimize');
  const scales = paramScales(config);
  const observations = trials.filter((t) => t.state === 'COMPLETE' && t.values !== undefined).map((t) => ({ params: t.params, value: t.values?.[0] as number }));
  const counts: Record<string, number> = {};
  for (const t of trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
  return {
    title: `hyperopt report — ${options.studyName}`,
    studyName: options.studyName,
    generatedAt: options.generatedAt.toISOString(),
    directions,
    metricNames: objectives.map((o) => `${o.metric} (${o.aggregation})`),
    trials: trials.map(toReportTrial),
    bestTrial: best?.number ?? null,
    bestParams: best === undefined ? null : { ...best.params },
    bestValues: best?.values === undefined ? null : [...best.values],
    bestEquations: best === undefined ? [] : readEquationSummaries(best.userAttrs),
    importances: paramImportances(scales, observations, seededRng(0)),
    importanceMethod:
      'fANOVA main effects (as Optuna\'s default evaluator): a random forest of 64 regression trees fitted on the complete trials (parameters scaled to [0, 1], log scale where the distribution is log); each parameter\'s share of the predicted objective\'s variance that it explains alone, averaged over trees and normalised to sum to 1. Few trials give rough estimates.',
    paramAxes: Object.entries(config.searchSpace).map(([name, spec]) =>
      spec.type === 'categorical' ? { name, kind: 'categorical' as const, log: false, choices: spec.choices } : { name, kind: spec.type, log: spec.log },
    ),
    settings: config,
    counts,
  };
}
