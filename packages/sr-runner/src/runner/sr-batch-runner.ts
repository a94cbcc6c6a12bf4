import { z } from 'zod';
import type { Benchmark, BenchmarkEquation } from '../benchmarks/benchmark.js';
import { validateBenchmark } from '../benchmarks/validate.js';
import { realTimers, type SrBackend } from '../backends/backend.js';
import { resultCacheKey } from '../cache/cache-key.js';
import { ResultCache } from '../cache/result-cache.js';
import { generateData } from '../data/generate.js';
import { deriveSeed } from '../data/rng.js';
import { SrRunnerError, isSrRunnerError } from '../errors.js';
import { createBuiltinBackend } from './builtin-backends.js';
import type { SrRunnerEvent } from './events.js';
import type { EquationRunItem } from './items.js';
import { srRunnerConfigSchema, type SrRunnerConfig, type SrRunnerOptions } from './options.js';
import type { EquationRunResult, RunOutcome } from './result.js';
import { errorResult, scoreFit, type ResultIdentity } from './score.js';

/** Options of {@link SRBatchRunner.runEquations}. */
export interface RunEquationsOptions {
  /** Stops the batch: fits in flight are cancelled, unstarted items skipped; finished results are returned. */
  readonly signal?: AbortSignal;
}

/**
 * Runs symbolic regression for one hyperparameter setting (one trial) over batches of
 * (equation, run) items. Created once per trial with {@link createRunner}, reused for
 * every batch, then closed. Every finished result is stored in the result cache, and
 * items whose result is cached are not run again.
 */
export class SRBatchRunner {
  readonly config: SrRunnerConfig;
  readonly benchmark: Benchmark;
  readonly backendName: string;
  readonly backendVersion: string;
  readonly #backends: SrBackend[];
  readonly #equations: Map<string, BenchmarkEquation>;
  readonly #cache: ResultCache | undefined;
  readonly #emit: (event: SrRunnerEvent) => void;
  readonly #now: () => number;
  #closed = false;
  #queue: Promise<void> = Promise.resolve();
  readonly #closing = new AbortController();

  /** @internal use {@link createRunner} */
  constructor(config: SrRunnerConfig, benchmark: Benchmark, backends: SrBackend[], options: SrRunnerOptions) {
    const first = backends[0];
    if (!first) throw new SrRunnerError('SR_RUNNER_INVALID_OPTIONS', 'a runner needs at least one backend');
    this.config = config;
    this.benchmark = benchmark;
    this.#backends = backends;
    this.backendName = first.name;
    this.backendVersion = first.version;
    this.#equations = new Map(benchmark.equations.map((equation) => [equation.id, equation]));
    this.#cache = config.cacheDir === undefined ? undefined : new ResultCache(config.cacheDir, { staleClaimMs: config.staleClaimMs });
    this.#emit = options.onEvent ?? (() => undefined);
    this.#now = options.now ?? (() => performance.now());
  }

  /** The seed of run `run` (the same for every equation, as in SRBench). */
  seedOf(run: number): number {
    return deriveSeed(this.config.baseSeed, 'run', run);
  }

  /** The cache key of an item (everything that determines its result). */
  cacheKeyOf(item: EquationRunItem): string {
    const equation = this.#equation(item);
    return resultCacheKey({
      backend: this.backendName,
      backendVersion: this.backendVersion,
      hyperparameters: this.config.hyperparameters,
      equation,
      data: this.config,
      seed: this.seedOf(item.run),
    });
  }

  /**
   * Runs a batch and returns one result per item that finished (cached or computed),
   * in completion order. A failed fit is a result with `error`; when `signal` aborts,
   * cancelled and unstarted items are left out (they are not cached either).
   */
  async runEquations(batch: readonly EquationRunItem[], options: RunEquationsOptions = {}): Promise<RunOutcome[]> {
    if (this.#closed) throw new SrRunnerError('SR_RUNNER_CLOSED', 'runEquations called after close()');
    // Batches share the backends: a second call waits for the first instead of interleaving fits.
    const previous = this.#queue;
    const run = previous.then(() => this.#runBatch(batch, options));
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #runBatch(batch: readonly EquationRunItem[], options: RunEquationsOptions): Promise<RunOutcome[]> {
    if (this.#closed) throw new SrRunnerError('SR_RUNNER_CLOSED', 'runEquations called after close()');
    const signal = options.signal ? AbortSignal.any([options.signal, this.#closing.signal]) : this.#closing.signal;
    const outcomes: RunOutcome[] = [];
    let next = 0;
    const lane = async (index: number) => {
      const backend = this.#backends[index] as SrBackend;
      while (!signal.aborted && next < batch.length) {
        const item = batch[next++] as EquationRunItem;
        const outcome = await this.#runItem(item, backend, index, signal);
        if (outcome) outcomes.push(outcome);
      }
    };
    await Promise.all(this.#backends.slice(0, Math.max(1, Math.min(this.#backends.length, batch.length))).map((_, index) => lane(index)));
    return outcomes;
  }

  /**
   * Cancels running batches (they return what finished), then closes the backends
   * (stops Python for the PySR backend). Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort(new SrRunnerError('SR_RUNNER_CLOSED', 'the runner was closed'));
    await this.#queue;
    await Promise.all(this.#backends.map((backend) => backend.close()));
  }

  async #runItem(item: EquationRunItem, backend: SrBackend, lane: number, signal: AbortSignal): Promise<RunOutcome | undefined> {
    const equation = this.#equations.get(item.equationId);
    const seed = this.seedOf(item.run);
    if (!equation) {
      const error = new SrRunnerError('SR_RUNNER_UNKNOWN_EQUATION', `equation \`${item.equationId}\` is not in benchmark \`${this.benchmark.name}\``);
      const identity = { item, seed, backend: this.backendName, backendVersion: this.backendVersion, cacheKey: '' };
      return { ...errorResult(identity, error, 0), fromCache: false };
    }
    const key = this.cacheKeyOf(item);
    const identity: ResultIdentity = { item, seed, backend: this.backendName, backendVersion: this.backendVersion, cacheKey: key };
    const cache = this.#cache;
    if (cache) {
      const read = await cache.read(key);
      if (read.status === 'hit') {
        this.#emit({ type: 'cache-hit', item, key });
        return { ...read.result, fromCache: true };
      }
      if (read.status === 'corrupt') this.#emit({ type: 'cache-corrupt', item, key, reason: read.reason });
    }
    const claim = cache ? await cache.claim(key) : undefined;
    if (claim?.status === 'taken') this.#emit({ type: 'claim-taken', item, key, owner: claim.owner });
    try {
      this.#emit({ type: 'fit-start', item, key, lane });
      const result = await this.#compute(identity, equation, backend, signal);
      if (result.error?.isCanceled || (signal.aborted && result.error)) return undefined;
      let cached = cache !== undefined && claim?.status === 'claimed' && result.error === null;
      if (cached && cache) {
        try {
          await cache.write(key, result);
        } catch (error) {
          // The result is still good; only its reuse is lost.
          cached = false;
          this.#emit({ type: 'cache-write-failed', item, key, message: (error as Error).message });
        }
      }
      this.#emit({ type: 'fit-end', item, key, wallMs: result.wallMs, error: result.error, cached });
      return { ...result, fromCache: false };
    } finally {
      if (claim?.status === 'claimed') await claim.release();
    }
  }

  async #compute(identity: ResultIdentity, equation: BenchmarkEquation, backend: SrBackend, signal: AbortSignal): Promise<EquationRunResult> {
    const started = this.#now();
    try {
      const data = generateData(equation, this.config, identity.seed);
      const outcome = await backend.fit({
        equationId: equation.id,
        variableNames: data.variableNames,
        train: data.train,
        testX: data.test.X,
        seed: identity.seed,
        timeLimitMs: this.config.timeLimitMs,
        signal,
      });
      if (signal.aborted) throw new SrRunnerError('SR_RUNNER_ABORTED', `fit of \`${equation.id}\` was cancelled`);
      return scoreFit(identity, equation, data, outcome, this.#now() - started);
    } catch (error) {
      if (signal.aborted && !isSrRunnerError(error, 'SR_RUNNER_ABORTED')) {
        return errorResult(identity, new SrRunnerError('SR_RUNNER_ABORTED', `fit of \`${equation.id}\` was cancelled`, { cause: error }), this.#now() - started);
      }
      return errorResult(identity, error, this.#now() - started);
    }
  }

  #equation(item: EquationRunItem): BenchmarkEquation {
    const equation = this.#equations.get(item.equationId);
    if (!equation) throw new SrRunnerError('SR_RUNNER_UNKNOWN_EQUATION', `equation \`${item.equationId}\` is not in benchmark \`${this.benchmark.name}\``);
    return equation;
  }
}

/**
 * Creates the runner for one trial: validates options and benchmark, starts the
 * backend(s) once (for PySR: Python, `import pysr`, one PySRRegressor per lane).
 *
 * @example
 * const runner = await createRunner({ benchmark: feynmanSubset(QUICK_FEYNMAN_EQUATION_IDS), hyperparameters: { niterations: 20 }, cacheDir: '.cache' });
 * const results = await runner.runEquations(planItems(runner.benchmark, 2));
 * await runner.close();
 */
export async function createRunner(options: SrRunnerOptions): Promise<SRBatchRunner> {
  const { benchmark, onEvent, createBackend, timers, now, signal, ...rest } = options;
  const parsed = srRunnerConfigSchema.safeParse(rest);
  if (!parsed.success) {
    throw new SrRunnerError('SR_RUNNER_INVALID_OPTIONS', `invalid runner options: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  const config = parsed.data;
  validateBenchmark(benchmark);
  const factory = createBackend ?? ((cfg, context) => createBuiltinBackend(cfg, { ...context, timers: timers ?? realTimers, ...(onEvent ? { onEvent } : {}) }));
  const backends: SrBackend[] = [];
  try {
    for (let lane = 0; lane < config.concurrency; lane += 1) {
      backends.push(await factory(config, { lane, ...(signal ? { signal } : {}) }));
    }
  } catch (error) {
    await Promise.all(backends.map((backend) => backend.close().catch(() => undefined)));
    throw error;
  }
  return new SRBatchRunner(config, benchmark, backends, options);
}
