import type { Trial } from '@hyperopt/objective';
import type { SearchSpace } from '../config/search-space-schema.js';
import type { TrialParams } from './sweep-backend.js';

/** Asks the trial for every hyperparameter of the search space (the search space is data, the code stays generic). */
export function suggestParams(trial: Trial, space: SearchSpace): TrialParams {
  const params: Record<string, string | number | boolean | null> = {};
  for (const [name, spec] of Object.entries(space)) {
    switch (spec.type) {
      case 'float':
        params[name] = trial.suggestFloat(name, spec.low, spec.high, spec.step === undefined ? { log: spec.log } : { step: spec.step });
        break;
      case 'int':
        params[name] = trial.suggestInt(name, spec.low, spec.high, spec.log ? { log: true } : { step: spec.step });
        break;
      case 'categorical':
        params[name] = trial.suggestCategorical(name, spec.choices);
        break;
    }
  }
  return params;
}
