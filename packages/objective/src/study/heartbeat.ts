import type { FrozenTrial } from '../frozen-trial.js';
import type { Study } from './study.js';

/**
 * Moves the study's RUNNING trials whose heartbeat stopped to FAIL, then hands each
 * to the storage's `failedTrialCallback` (Optuna's `fail_stale_trials`). Returns the
 * trials this call failed. Does nothing when the storage has no heartbeat.
 */
export function failStaleTrials(study: Study): FrozenTrial[] {
  const storage = study.storage;
  if (!storage.heartbeat) return [];
  const failed: FrozenTrial[] = [];
  for (const trialId of storage.getStaleTrialIds(study.studyId)) {
    let changed = false;
    try {
      changed = storage.setTrialStateValues(trialId, 'FAIL');
    } catch {
      // Another worker finished or failed it between our read and our write.
      changed = false;
    }
    if (!changed) continue;
    const trial = storage.getTrial(trialId);
    failed.push(trial);
    study.emit({ type: 'trial-stale-failed', trialNumber: trial.number });
  }
  const callback = storage.heartbeat.failedTrialCallback;
  if (callback) for (const trial of failed) callback(study, trial);
  return failed;
}

/** Records a heartbeat now and every `interval` seconds until `stop()`. */
export function startHeartbeat(study: Study, trialId: number): { stop(): void } {
  const settings = study.storage.heartbeat;
  if (!settings) return { stop: () => {} };
  let handle: unknown;
  let stopped = false;
  const beat = (): void => {
    if (stopped) return;
    try {
      study.storage.recordHeartbeat(trialId);
    } catch {
      // The trial finished meanwhile (e.g. failed as stale by another worker): stop beating.
      stopped = true;
      return;
    }
    handle = study.clock.setTimeout(beat, settings.interval * 1000);
  };
  beat();
  return {
    stop: () => {
      stopped = true;
      study.clock.clearTimeout(handle);
    },
  };
}
