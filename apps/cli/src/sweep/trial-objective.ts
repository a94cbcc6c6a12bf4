import type { DistributedTrialExecutor, ItemResult, TrialProgress } from '@hyperopt/executor';
import { TrialPruned, type Objective, type Study, type Trial } from '@hyperopt/objective';
import { objectiveList, type SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import type { SweepEventSink } from '../progress/sweep-events.js';
import { executorRunnerFactory } from './executor-runner.js';
import { fitItemId, fitResultSchema, type FitItem, type FitResult } from './fit-result.js';
import { objectiveValues, summarizeEquations } from './metrics.js';
import { suggestParams } from './suggest-params.js';
import type { BenchmarkEquation, SweepBackend, TrialParams } from './sweep-backend.js';

/** System attr Optuna's RetryFailedTrialCallback sets on a retry: the original trial's number. */
const FAILED_TRIAL_ATTR = 'failed_trial';

/** What the objective needs from the study manager. */
export interface TrialObjectiveDeps {
  readonly config: SweepConfig;
  readonly study: Study;
  readonly executor: DistributedTrialExecutor<TrialParams, FitItem, FitResult>;
  readonly backend: SweepBackend;
  readonly equations: readonly BenchmarkEquation[];
  readonly items: readonly FitItem[];
  readonly cacheDir: string;
  readonly events: SweepEventSink;
  readonly now: () => number;
  readonly workersAlive: () => number;
}

/** Validates results read back from the executor (other processes wrote them). */
function toFitResults(results: readonly ItemResult<FitResult>[]): FitResult[] {
  const valid: FitResult[] = [];
  for (const r of results) {
    const parsed = fitResultSchema.safeParse(r.result);
    if (parsed.success) valid.push(parsed.data);
  }
  return valid;
}

/** The original trial a retry stands for (so a re-run continues the same executor trial). */
export function originOf(trial: Pick<Trial, 'number' | 'systemAttrs'>): number {
  const origin = trial.systemAttrs[FAILED_TRIAL_ATTR];
  return typeof origin === 'number' ? origin : trial.number;
}

/**
 * Layer 3: the objective built from the config. Samples the search space, runs the
 * trial's (equation, run) items through the executor with one SR runner per trial and
 * process, reports the running objective over every result available after each batch
 * (step = fits done, so trials are comparable step by step), prunes through the
 * study's pruner (cancelling the workers' remaining work), and records the final
 * value(s) and per-equation metrics as user attrs.
 */
export function buildTrialObjective(deps: TrialObjectiveDeps): Objective {
  const objectives = objectiveList(deps.config);
  const single = objectives.length === 1;
  return async (trial: Trial) => {
    const params = suggestParams(trial, deps.config.searchSpace);
    const origin = originOf(trial);
    deps.events.handle({ type: 'trial-started', at: deps.now(), trial: trial.number, params, items: deps.items.length, retryOf: origin === trial.number ? null : origin });
    let pruned: { step: number; value: number } | undefined;
    let lastStep = -1;
    const onProgress = (progress: TrialProgress<FitResult>): 'cancel' | undefined => {
      if (pruned !== undefined) return 'cancel';
      const results = toFitResults(progress.results);
      const value = objectiveValues(results, objectives)[0] ?? null;
      deps.events.handle({ type: 'trial-progress', at: deps.now(), trial: trial.number, completed: progress.completed, total: progress.total, value, workersAlive: deps.workersAlive() });
      if (!single || value === null || progress.completed <= lastStep || progress.completed >= progress.total) return undefined;
      lastStep = progress.completed;
      trial.report(value, progress.completed);
      if (trial.shouldPrune()) {
        pruned = { step: progress.completed, value };
        return 'cancel';
      }
      return undefined;
    };
    const outcome = await deps.executor.runTrial(String(origin), params, {
      items: deps.items,
      itemId: fitItemId,
      createRunner: executorRunnerFactory(deps.backend, deps.cacheDir),
      onProgress,
    });
    const results = toFitResults(outcome.results);
    trial.setUserAttr('fits', results.length);
    trial.setUserAttr('fit_errors', results.filter((r) => r.error !== null).length);
    if (outcome.outcome === 'interrupted') {
      throw new CliError('CLI_INTERRUPTED', `trial ${trial.number} was interrupted after ${results.length}/${deps.items.length} fits`);
    }
    trial.setUserAttr('equations', summarizeEquations(results, deps.equations, objectives[0] ?? { metric: 'test_r2', aggregation: 'median-then-mean' }));
    if (outcome.outcome === 'cancelled') {
      deps.events.handle({ type: 'trial-pruned', at: deps.now(), trial: trial.number, step: pruned?.step ?? results.length, value: pruned?.value ?? null });
      throw new TrialPruned(`pruned at step ${pruned?.step ?? results.length}`);
    }
    const values = objectiveValues(results, objectives);
    if (values.some((v) => v === null)) {
      throw new CliError('CLI_TRIAL_FAILED', `trial ${trial.number}: no fit gave a value for the objective (${results.filter((r) => r.error !== null).length} of ${results.length} fits failed)`);
    }
    if (single && trial.frozen.intermediateValues.size > 0 && !trial.frozen.intermediateValues.has(results.length)) {
      trial.report(values[0] as number, results.length);
    }
    return single ? (values[0] as number) : (values as number[]);
  };
}
