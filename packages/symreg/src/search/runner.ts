import type { EvolveResult, EvolveTask } from './island.js';

/** Runs the populations of one iteration, in the calling thread or over worker threads. */
export interface IslandRunner {
  /**
   * Evolves every task; `onResult` is called as each one finishes. Stops dispatching new
   * tasks once `shouldStop()` is true and resolves when the running ones are done.
   */
  evolve(tasks: readonly EvolveTask[], onResult: (index: number, result: EvolveResult) => void, shouldStop: () => boolean): Promise<void>;
}
