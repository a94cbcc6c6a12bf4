import type { DataSplit } from '../data/generate.js';
import type { ParetoPoint } from '../runner/result.js';

/** What a backend is asked to fit. */
export interface FitRequest {
  readonly equationId: string;
  readonly variableNames: readonly string[];
  readonly train: DataSplit;
  /** Held-out inputs to predict (the backend returns predictions, the runner scores them). */
  readonly testX: readonly Float64Array[];
  readonly seed: number;
  /** Wall-clock limit for this fit; the backend stops (or is stopped) after it. */
  readonly timeLimitMs: number;
  readonly signal: AbortSignal;
}

/** What a backend returns for a successful fit. */
export interface FitOutcome {
  /** The selected expression, in a syntax `@hyperopt/symreg` parses (plain or SymPy). */
  readonly expression: string;
  readonly complexity: number;
  readonly paretoFront: readonly ParetoPoint[];
  readonly trainPred: ArrayLike<number | null>;
  readonly testPred: ArrayLike<number | null>;
  readonly stopReason: string;
}

/**
 * One SR engine, set up for one hyperparameter setting (one trial) and reused for
 * every fit of that trial. `fit` throws an `SrRunnerError` on failure (the runner
 * records it as data); it must honour `signal` promptly and leave no process behind.
 */
export interface SrBackend {
  readonly name: string;
  /** Goes into cache keys: results of another version are not reused. */
  readonly version: string;
  fit(request: FitRequest): Promise<FitOutcome>;
  close(): Promise<void>;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

/** The real timers. */
export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
