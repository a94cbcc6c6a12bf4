/**
 * Small native search settings for quick starts and smoke runs, paired with
 * `QUICK_FEYNMAN_EQUATION_IDS`: each fit of those easy equations takes a second or two
 * on one core. `procs: 0` searches in the calling thread (see the README's known issues).
 */
export const QUICK_NATIVE_HYPERPARAMETERS = {
  niterations: 10,
  populations: 4,
  populationSize: 30,
  ncyclesPerIteration: 100,
  maxsize: 12,
  procs: 0,
  binaryOperators: ['+', '-', '*', '/'],
  unaryOperators: [],
} as const;
