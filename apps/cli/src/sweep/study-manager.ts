import { createStudy, RetryFailedTrialCallback, type BaseStorage, type Study } from '@hyperopt/objective';
import { studyDirections, type SweepConfig } from '../config/sweep-config-schema.js';
import { CliError, isCliError } from '../errors.js';
import type { SweepEventSink } from '../progress/sweep-events.js';
import { writeReport } from '../report/write-report.js';
import { recordConfigSnapshot } from './config-snapshot.js';
import { buildPruner, buildSampler } from './build-optimizers.js';
import { bestTrialOf } from './best-trial.js';
import { createSweepExecutor } from './create-executor.js';
import { forwardExecutorEvents } from './executor-events.js';
import { openJournalStorage } from './open-storage.js';
import type { SweepBackend } from './sweep-backend.js';
import { trialItems } from './sweep-backend.js';
import { SweepLayout } from './sweep-layout.js';
import { buildTrialObjective } from './trial-objective.js';

/** Study user attr that records that the baselines were enqueued (so a restart does not enqueue them again). */
export const BASELINES_ATTR = 'hyperopt:baselines_enqueued';

/** Options of {@link runMaster}. */
export interface RunMasterOptions {
  readonly config: SweepConfig;
  /** Absolute sweep directory. */
  readonly sweepDir: string;
  readonly backend: SweepBackend;
  readonly events: SweepEventSink;
  /** Aborting it interrupts the sweep gracefully (exit code 3). */
  readonly signal?: AbortSignal | undefined;
  /** @default the sweep's journal file */
  readonly storage?: BaseStorage | undefined;
  /** @default Date.now */
  readonly now?: () => number;
  /** Write the HTML report when the sweep finishes. @default true */
  readonly report?: boolean;
}

/** How a master run ended. */
export interface SweepOutcome {
  readonly outcome: 'finished' | 'interrupted';
  readonly finishedTrials: number;
  readonly bestTrial: number | null;
  readonly bestValue: number | null;
  readonly bestParams: Readonly<Record<string, unknown>> | null;
  readonly reportPath: string | null;
}

/** Trials that count towards `nTrials`: finished with a value (COMPLETE or PRUNED), across every run of the sweep. */
export function countFinished(study: Pick<Study, 'getTrials'>): number {
  return study.getTrials({ states: ['COMPLETE', 'PRUNED'] }).length;
}


/**
 * Trials left RUNNING are from a master that died (there is one master per sweep): they
 * are failed and re-enqueued with the same params (at most `maxRetries` times per
 * original trial); their finished fits come back from the executor and the result cache.
 */
export function recoverStaleTrials(study: Study, retry: RetryFailedTrialCallback): number[] {
  const stale = study.getTrials({ states: ['RUNNING'] });
  for (const trial of stale) {
    study.tell(trial.number, 'FAIL');
    retry.callback(study, study.getTrial(trial.number));
  }
  return stale.map((t) => t.number);
}

/** Enqueues the config's baseline trials once per study (idempotent across restarts and repeated calls). */
export function enqueueBaselines(study: Study, config: SweepConfig): number {
  if (config.baselines.length === 0 || study.userAttrs[BASELINES_ATTR] === true) return 0;
  for (const params of config.baselines) study.enqueueTrial(params, { skipIfExists: true, userAttrs: { baseline: true } });
  study.setUserAttr(BASELINES_ATTR, true);
  return config.baselines.length;
}

/**
 * Layer 4, the master: creates or loads the study in the sweep's journal, recovers trials
 * of a dead master, enqueues the baselines once, and optimizes until `nTrials` trials
 * have finished (counted across restarts) or the time budget ends; then tells the
 * workers to stop and writes the report.
 */
export async function runMaster(options: RunMasterOptions): Promise<SweepOutcome> {
  const { config, backend, events } = options;
  const now = options.now ?? Date.now;
  const layout = new SweepLayout(options.sweepDir);
  await recordConfigSnapshot(layout, config);
  const directions = studyDirections(config);
  const study = createStudy({
    studyName: config.study.name,
    storage: options.storage ?? openJournalStorage(layout.journal),
    sampler: buildSampler(config),
    pruner: buildPruner(config),
    ...(directions.length === 1 ? { direction: directions[0] } : { directions }),
    loadIfExists: true,
  });
  const retry = new RetryFailedTrialCallback({ maxRetry: config.execution.maxRetries });
  const stale = recoverStaleTrials(study, retry);
  if (stale.length > 0) events.handle({ type: 'stale-trials-failed', at: now(), trials: stale });
  const enqueued = enqueueBaselines(study, config);
  if (enqueued > 0) events.handle({ type: 'baselines-enqueued', at: now(), count: enqueued });

  const equations = backend.equations();
  const items = trialItems(config, equations);
  const executor = createSweepExecutor(config, layout, 'master', { signal: options.signal });
  const workers = forwardExecutorEvents(executor, events, now);
  const target = config.study.nTrials;
  events.handle({ type: 'sweep-started', at: now(), role: 'master', workerId: executor.workerId, studyName: config.study.name, sweepDir: layout.root, nTrials: target ?? null, finishedTrials: countFinished(study), items: items.length });

  const objective = buildTrialObjective({ config, study, executor, backend, equations, items, cacheDir: layout.cacheDir, events, now, workersAlive: workers.alive });
  let interruptedTrial: number | undefined;
  const reached = () => target !== undefined && countFinished(study) >= target;
  try {
    if (!reached() && options.signal?.aborted !== true) {
      await study.optimize(
        async (trial) => {
          try {
            return await objective(trial);
          } catch (error) {
            if (isCliError(error) && error.code === 'CLI_INTERRUPTED') interruptedTrial = trial.number;
            throw error;
          }
        },
        {
          ...(config.study.timeoutSeconds === undefined ? {} : { timeout: config.study.timeoutSeconds }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          catch: (error) => isCliError(error) && error.code === 'CLI_TRIAL_FAILED',
          callbacks: [
            (s, trial) => {
              const best = bestTrialOf(s.trials, directions[0] ?? 'minimize');
              events.handle({
                type: 'trial-finished',
                at: now(),
                trial: trial.number,
                state: trial.state === 'COMPLETE' || trial.state === 'PRUNED' ? trial.state : 'FAIL',
                values: trial.values === undefined ? null : [...trial.values],
                bestValue: best?.values?.[0] ?? null,
                bestTrial: best?.number ?? null,
                finishedTrials: countFinished(s),
                error: trial.state === 'FAIL' ? String(trial.userAttrs.error ?? 'failed') : null,
              });
              if (reached()) s.stop();
            },
          ],
        },
      );
    }
  } catch (error) {
    if (!(isCliError(error) && error.code === 'CLI_INTERRUPTED')) throw error;
  } finally {
    workers.dispose();
  }
  const best = bestTrialOf(study.trials, directions[0] ?? 'minimize');
  const summary = { finishedTrials: countFinished(study), bestTrial: best?.number ?? null, bestValue: best?.values?.[0] ?? null, bestParams: best === undefined ? null : { ...best.params } };
  if (interruptedTrial !== undefined || options.signal?.aborted === true) {
    if (interruptedTrial !== undefined) {
      const frozen = study.getTrial(interruptedTrial);
      if (frozen.state === 'FAIL') retry.callback(study, frozen);
    }
    events.handle({ type: 'interrupted', at: now(), reason: interruptedTrial === undefined ? 'signal between trials' : `signal during trial ${interruptedTrial}` });
    return { outcome: 'interrupted', ...summary, reportPath: null };
  }
  await executor.shutdown();
  const reportPath = options.report === false ? null : await writeReport({ study, config, path: layout.report, now });
  events.handle({ type: 'sweep-finished', at: now(), ...summary, bestParams: summary.bestParams as Record<string, string | number | boolean | null> | null, reportPath });
  return { outcome: 'finished', ...summary, reportPath };
}

/** Throws CLI_INTERRUPTED for an interrupted outcome (the top-level catch maps it to exit code 3). */
export function throwIfInterrupted(outcome: { outcome: string }, what: string): void {
  if (outcome.outcome === 'interrupted') throw new CliError('CLI_INTERRUPTED', `${what} was interrupted; finished work is saved: run the same command again to resume`);
}
