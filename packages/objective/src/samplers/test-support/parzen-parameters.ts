import type { ParzenEstimatorParameters } from '../tpe/parzen-estimator.js';
import { defaultWeights } from '../tpe/split.js';

/** Optuna 3.1's Parzen estimator settings (TPESampler's defaults), with overrides, for tests. */
export function parzenParameters(over: Partial<ParzenEstimatorParameters> = {}): ParzenEstimatorParameters {
  return {
    considerPrior: true,
    priorWeight: 1,
    considerMagicClip: true,
    considerEndpoints: false,
    weights: defaultWeights,
    multivariate: false,
    normalizeKernels: false,
    ...over,
  };
}
