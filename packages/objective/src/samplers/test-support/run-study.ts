import type { StudyDirection } from '../../study-direction.js';
import { createStudy } from '../../study/study-registry.js';
import type { Study } from '../../study/study.js';
import type { Trial } from '../../trial/trial.js';
import type { BaseSampler } from '../base-sampler.js';

/** Runs a synchronous objective for `nTrials` trials with ask/tell (stops when the study is stopped). */
export function runStudy(
  sampler: BaseSampler,
  objective: (trial: Trial) => number | readonly number[],
  nTrials: number,
  options: { directions?: readonly StudyDirection[] } = {},
): Study {
  const study = createStudy({ sampler, ...(options.directions ? { directions: options.directions } : {}) });
  for (let i = 0; i < nTrials && !study.stopped; i++) {
    const trial = study.ask();
    study.tell(trial, objective(trial));
  }
  return study;
}
