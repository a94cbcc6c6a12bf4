/**
 * What samplers report instead of logging (Optuna logs these as warnings). Pass an
 * `onEvent` listener in a sampler's options to receive them.
 */
export type SamplerEvent =
  | {
      /** A parameter was sampled by the independent (fallback) sampler instead of the sampler's own model. */
      readonly type: 'sampler-independent-sampling';
      readonly sampler: string;
      readonly trialNumber: number;
      readonly paramName: string;
      readonly reason: string;
    }
  | {
      /** Every point of a grid or brute-force space is taken: the sampler stopped the study. */
      readonly type: 'sampler-space-exhausted';
      readonly sampler: string;
      readonly trialNumber: number;
    }
  | {
      /** A sampler repeats a point because none is left to take (e.g. several workers on one grid). */
      readonly type: 'sampler-repeated-point';
      readonly sampler: string;
      readonly trialNumber: number;
    }
  | {
      /** The constraints function was given but a finished trial has no constraint values. */
      readonly type: 'sampler-missing-constraints';
      readonly sampler: string;
      readonly trialNumber: number;
    }
  | {
      /** A fixed parameter value lies outside the distribution the objective suggested; it is used anyway. */
      readonly type: 'sampler-fixed-param-out-of-range';
      readonly sampler: string;
      readonly trialNumber: number;
      readonly paramName: string;
      readonly value: unknown;
    }
  | {
      /** CMA-ES met a stopping criterion and started again (IPOP: with a larger population). */
      readonly type: 'sampler-cmaes-restart';
      readonly sampler: string;
      readonly restart: number;
      readonly populationSize: number;
    }
  | {
      /**
       * A trial carries a stored CMA-ES state that is corrupted, of another format or
       * version, or for another search space: it is ignored and the sampler continues
       * from the newest usable state (or a fresh run).
       */
      readonly type: 'sampler-cmaes-state-ignored';
      readonly sampler: string;
      readonly trialNumber: number;
      readonly reason: string;
    };

/** Receives {@link SamplerEvent}s. */
export type SamplerEventListener = (event: SamplerEvent) => void;
