import { SYMREG_VERSION, SymbolicRegressor } from '@hyperopt/symreg';
import { SrRunnerError } from '../errors.js';
import { realTimers, type FitOutcome, type FitRequest, type SrBackend, type Timers } from './backend.js';

/** Options of the native backend. */
export interface NativeBackendOptions {
  /** Timer functions. @default the global ones */
  readonly timers?: Timers;
}

/**
 * The embedded engine, `@hyperopt/symreg`: one `SymbolicRegressor` per trial (per
 * lane), reused for every fit. The time limit and the caller's signal both abort the
 * search; a search stopped by its time limit still returns its best expression.
 */
export class NativeBackend implements SrBackend {
  readonly name = 'native';
  readonly version = SYMREG_VERSION;
  readonly #regressor: SymbolicRegressor;
  readonly #timers: Timers;
  #closed = false;

  constructor(hyperparameters: Readonly<Record<string, unknown>>, options: NativeBackendOptions = {}) {
    try {
      this.#regressor = new SymbolicRegressor(hyperparameters as ConstructorParameters<typeof SymbolicRegressor>[0]);
    } catch (cause) {
      throw new SrRunnerError('SR_RUNNER_INVALID_OPTIONS', `the native backend rejected the hyperparameters ${JSON.stringify(hyperparameters)}: ${(cause as Error).message}`, { cause });
    }
    this.#timers = options.timers ?? realTimers;
  }

  async fit(request: FitRequest): Promise<FitOutcome> {
    if (this.#closed) throw new SrRunnerError('SR_RUNNER_CLOSED', 'the native backend was closed');
    if (request.signal.aborted) throw aborted(request, request.signal.reason);
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.#timers.setTimeout(() => {
      timedOut = true;
      controller.abort(new SrRunnerError('SR_RUNNER_FIT_TIMEOUT', `fit of \`${request.equationId}\` reached its time limit of ${request.timeLimitMs} ms`));
    }, request.timeLimitMs);
    const onAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.#regressor.fit(request.train.X, request.train.y, {
        variableNames: request.variableNames,
        signal: controller.signal,
        seed: request.seed,
      });
      if (request.signal.aborted) throw aborted(request, request.signal.reason);
      return {
        expression: result.best.expression,
        complexity: result.best.complexity,
        paretoFront: result.paretoFront.map((entry) => ({ expression: entry.expression, complexity: entry.complexity, loss: Number.isFinite(entry.loss) ? entry.loss : null })),
        trainPred: result.predict(request.train.X),
        testPred: result.predict(request.testX),
        stopReason: timedOut ? 'time-limit' : result.stopReason,
      };
    } catch (error) {
      if (request.signal.aborted) throw aborted(request, error);
      if (timedOut) {
        throw new SrRunnerError('SR_RUNNER_FIT_TIMEOUT', `fit of \`${request.equationId}\` reached its time limit of ${request.timeLimitMs} ms without a result`, { cause: error });
      }
      if (error instanceof SrRunnerError) throw error;
      throw new SrRunnerError('SR_RUNNER_FIT_FAILED', `native fit of \`${request.equationId}\` failed: ${(error as Error).message}`, { cause: error });
    } finally {
      this.#timers.clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#regressor.close();
  }
}

function aborted(request: FitRequest, cause: unknown): SrRunnerError {
  return new SrRunnerError('SR_RUNNER_ABORTED', `fit of \`${request.equationId}\` was cancelled`, { cause });
}
