import { ObjectiveError, TrialPruned, echo } from '../errors.js';
import type { FrozenTrial } from '../frozen-trial.js';
import type { Trial } from '../trial/trial.js';
import { failStaleTrials, startHeartbeat } from './heartbeat.js';
import type { Study } from './study.js';
import { tellTrial } from './tell.js';

/** The function a study optimises: it may be async. Return one value per objective. */
export type Objective = (trial: Trial) => number | readonly number[] | Promise<number | readonly number[]>;

/** Called after each finished trial of `optimize` (Optuna's callbacks). */
export type OptimizeCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

/** Error classes, or a predicate, for the objective errors `optimize` records and survives. */
export type CatchOption = readonly (abstract new (...args: never[]) => unknown)[] | ((error: unknown) => boolean);

/** Options of `Study.optimize`. */
export interface OptimizeOptions {
  /**
   * Number of trials to run (counting trials of this call only).
   * @default undefined (no limit: stop with `timeout`, `stop()` or `signal`)
   */
  nTrials?: number;
  /**
   * Seconds after which no new trial is started.
   * @default undefined (no limit)
   */
  timeout?: number;
  /**
   * Called with each finished trial.
   * @default []
   */
  callbacks?: readonly OptimizeCallback[];
  /**
   * Objective errors that fail the trial but let the loop go on; others fail the
   * trial and are rethrown.
   * @default []
   */
  catch?: CatchOption;
  /**
   * Aborting starts no new trial (running ones finish).
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * How many objectives run at once in this process (useful for async objectives).
   * @default 1
   */
  concurrency?: number;
}

function isCaught(option: CatchOption | undefined, error: unknown): boolean {
  if (option === undefined) return false;
  if (typeof option === 'function') return option(error);
  return option.some((errorClass) => error instanceof errorClass);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Optuna's `_optimize` for an async objective. */
export async function runOptimize(study: Study, objective: Objective, options: OptimizeOptions): Promise<void> {
  const { nTrials, timeout } = options;
  if (nTrials !== undefined && !(Number.isSafeInteger(nTrials) && nTrials >= 0)) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-negative integer for \`nTrials\`, got ${echo(nTrials)}`);
  }
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0)) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a non-negative number of seconds for \`timeout\`, got ${echo(timeout)}`);
  }
  const concurrency = options.concurrency ?? 1;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) {
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive integer for \`concurrency\`, got ${echo(concurrency)}`);
  }
  study.resetStop();
  const startedAt = study.clock.monotonic();
  let started = 0;
  let fatal: { error: unknown } | undefined;
  const mayStart = (): boolean =>
    fatal === undefined &&
    !study.stopped &&
    !options.signal?.aborted &&
    (nTrials === undefined || started < nTrials) &&
    (timeout === undefined || study.clock.monotonic() - startedAt < timeout * 1000);

  const worker = async (): Promise<void> => {
    while (mayStart()) {
      started++;
      try {
        const frozen = await runTrial(study, objective, options);
        for (const callback of options.callbacks ?? []) await callback(study, frozen);
      } catch (error) {
        fatal ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  study.resetStop();
  if (fatal) throw fatal.error;
}

async function runTrial(study: Study, objective: Objective, options: OptimizeOptions): Promise<FrozenTrial> {
  if (study.storage.heartbeat) failStaleTrials(study);
  const trial = study.ask();
  const heartbeat = startHeartbeat(study, trial.trialId);
  let outcome: { kind: 'values'; result: unknown } | { kind: 'pruned'; error: unknown } | { kind: 'failed'; error: unknown };
  try {
    outcome = { kind: 'values', result: await objective(trial) };
  } catch (error) {
    outcome = error instanceof TrialPruned ? { kind: 'pruned', error } : { kind: 'failed', error };
  } finally {
    heartbeat.stop();
  }

  let frozen: FrozenTrial;
  let warning: string | undefined;
  try {
    const told =
      outcome.kind === 'values'
        ? tellTrial(study, trial, outcome.result as number | number[], {})
        : tellTrial(study, trial, outcome.kind === 'pruned' ? 'PRUNED' : 'FAIL', {});
    frozen = told.trial;
    warning = told.warning;
  } catch (error) {
    if (!(error instanceof ObjectiveError && error.code === 'OBJECTIVE_TRIAL_FINISHED')) throw error;
    // Another worker finished it first (e.g. failStaleTrials): keep what the storage says.
    frozen = study.storage.getTrial(trial.trialId);
    study.emit({ type: 'tell-ignored', trialNumber: trial.number, reason: error.message });
  }

  if (frozen.state === 'COMPLETE') study.emit({ type: 'trial-complete', trialNumber: frozen.number, values: frozen.values ?? [] });
  else if (frozen.state === 'PRUNED') study.emit({ type: 'trial-pruned', trialNumber: frozen.number });
  else if (frozen.state === 'FAIL') {
    const error = outcome.kind === 'failed' ? outcome.error : undefined;
    study.emit({
      type: 'trial-failed',
      trialNumber: frozen.number,
      reason: error === undefined ? (warning ?? 'failed') : describe(error),
      ...(error === undefined ? {} : { error }),
    });
    if (outcome.kind === 'failed' && !isCaught(options.catch, outcome.error)) throw outcome.error;
  }
  return frozen;
}
