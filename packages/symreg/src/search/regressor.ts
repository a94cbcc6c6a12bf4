import { SymregError } from '../errors.js';
import { randomSeed } from '../random.js';
import { FitContext, type Member } from './fit-context.js';
import { InlineRunner, runSearch, type SearchProgress, type StopReason } from './engine.js';
import { paretoEntries, selectIndex, type ParetoEntry } from './hall-of-fame.js';
import { createRandom } from '../random.js';
import { resolveOptions, type SymbolicRegressorOptions, type SymbolicRegressorOptionsInput } from './options.js';
import { WorkerPool } from './worker-pool.js';
import { ColumnEvaluator } from '../evaluation/evaluator.js';
import { compileProgram } from '../evaluation/program.js';
import { formatExpression } from '../expression/format.js';
import { simplifyExpression } from '../expression/simplify.js';
import { pruneNegligibleConstants } from './prune-constants.js';

/** Options of one {@link SymbolicRegressor.fit} call. */
export interface FitOptions {
  /** Names of the features, one per column of X. @default ['x0', 'x1', …] */
  readonly variableNames?: readonly string[];
  /** Cancels the search; `fit` then resolves with `stopReason: 'aborted'` and the best found so far. */
  readonly signal?: AbortSignal;
  /** Called after every iteration. */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Seed of this fit (overrides `randomState`). @default randomState, else a random seed */
  readonly seed?: number;
  /** Milliseconds clock for timeouts and rates. @default performance.now */
  readonly clock?: () => number;
}

/** What a fit returns. */
export interface FitResult {
  /** The expression chosen by `modelSelection`. */
  readonly best: ParetoEntry;
  /** Best expression at each complexity that beats every simpler one, by increasing complexity. */
  readonly paretoFront: ParetoEntry[];
  readonly iterations: number;
  readonly evaluations: number;
  readonly elapsedMs: number;
  readonly stopReason: StopReason;
  /** Evaluates `best` on new data (one column per feature). */
  predict(X: ReadonlyArray<Float64Array>): Float64Array;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['pi', 'e']);

function checkData(X: ReadonlyArray<Float64Array>, n: number | undefined, what: string): number {
  if (!Array.isArray(X) || X.length === 0) {
    throw new SymregError('SYMREG_INVALID_DATA', `expected ${what} to be a non-empty array of Float64Array columns, got ${Array.isArray(X) ? 'an empty array' : typeof X}`);
  }
  const rows = n ?? X[0]?.length ?? 0;
  X.forEach((column, i) => {
    if (!(column instanceof Float64Array)) throw new SymregError('SYMREG_INVALID_DATA', `expected column ${i} of ${what} to be a Float64Array, got ${typeof column}`);
    if (column.length !== rows) throw new SymregError('SYMREG_INVALID_DATA', `expected column ${i} of ${what} to have ${rows} rows, got ${column.length}`);
  });
  return rows;
}

/**
 * Symbolic regression in the style of PySR: evolves populations of expressions and returns
 * the Pareto front of loss against complexity. One instance fits any number of datasets in
 * a row; its worker threads (when `procs > 0`) live until {@link close}.
 *
 * @example
 * const model = new SymbolicRegressor({ unaryOperators: ['exp'], niterations: 20, procs: 0 });
 * const result = await model.fit([x], y, { variableNames: ['x'] });
 * result.best.expression; // e.g. "2.5 * exp(x)"
 */
export class SymbolicRegressor {
  readonly options: SymbolicRegressorOptions;
  private pool: WorkerPool | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SymbolicRegressorOptionsInput = {}) {
    this.options = resolveOptions(options);
  }

  /**
   * Searches for expressions of `y` in the columns of `X`. Calls on one regressor run one
   * after another (they share its worker threads).
   */
  fit(X: ReadonlyArray<Float64Array>, y: Float64Array, fitOptions: FitOptions = {}): Promise<FitResult> {
    const run = this.queue.then(() => this.fitNow(X, y, fitOptions));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async fitNow(X: ReadonlyArray<Float64Array>, y: Float64Array, fitOptions: FitOptions): Promise<FitResult> {
    if (this.closed) throw new SymregError('SYMREG_CLOSED', 'this SymbolicRegressor was closed; create a new one to fit again');
    if (!(y instanceof Float64Array) || y.length === 0) {
      throw new SymregError('SYMREG_INVALID_DATA', `expected y to be a non-empty Float64Array, got ${y instanceof Float64Array ? 'an empty one' : typeof y}`);
    }
    checkData(X, y.length, 'X');
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i]!)) throw new SymregError('SYMREG_INVALID_DATA', `expected finite targets, got y[${i}] = ${y[i]}`);
    }
    const names = fitOptions.variableNames ?? X.map((_, i) => `x${i}`);
    if (names.length !== X.length) {
      throw new SymregError('SYMREG_INVALID_DATA', `expected ${X.length} variableNames (one per column), got ${names.length}`);
    }
    for (const name of names) {
      if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
        throw new SymregError('SYMREG_INVALID_DATA', `expected variable names to be identifiers other than pi and e, got ${JSON.stringify(name)}`);
      }
    }
    if (new Set(names).size !== names.length) throw new SymregError('SYMREG_INVALID_DATA', `expected distinct variableNames, got ${names.join(', ')}`);

    const clock = fitOptions.clock ?? (() => performance.now());
    const started = clock();
    const seed = fitOptions.seed ?? this.options.randomState ?? randomSeed();
    const ctx = new FitContext(X, y, names, this.options);
    const useThreads = this.options.procs > 0 && !this.options.deterministic;
    let runner;
    if (useThreads) {
      if (this.pool?.broken) {
        // A worker died in an earlier fit: start afresh rather than fail every later fit.
        await this.pool.close();
        this.pool = undefined;
      }
      this.pool ??= new WorkerPool(this.options.procs);
      runner = await this.pool.prepare(X, y, names, this.options);
    } else runner = new InlineRunner(ctx);
    const onProgress = fitOptions.onProgress;
    const outcome = await runSearch(ctx, runner, {
      seed,
      signal: fitOptions.signal,
      clock,
      onIteration: onProgress
        ? (hof, iteration, evaluations, elapsedMs) => {
            const front = hof.dominating();
            const bestMember = front[front.length - 1];
            onProgress({
              iteration,
              niterations: this.options.niterations,
              bestLoss: bestMember?.loss ?? Infinity,
              bestExpression: bestMember ? formatExpression(bestMember.tree) : '',
              evaluations,
              evaluationsPerSecond: elapsedMs > 0 ? (evaluations * 1000) / elapsedMs : 0,
              elapsedMs,
              paretoSize: front.length,
            });
          }
        : undefined,
    });
    // Polish the constants of the Pareto front once more on the full data, from where they
    // are (no restarts), skipping fits that are already exact to round-off.
    const polishRng = createRandom(seed ^ 0x5bd1e995);
    const hof = outcome.hallOfFame;
    if (this.options.shouldOptimizeConstants && outcome.stopReason !== 'aborted') {
      const polisher = new FitContext(X, y, names, { ...this.options, optimizerNrestarts: 0 });
      for (const member of hof.dominating()) {
        if (fitOptions.signal?.aborted) break;
        const tree = this.options.shouldSimplify ? simplifyExpression(member.tree) : member.tree;
        if (member.loss <= ctx.lossFloor && tree === member.tree) {
          const pruned = pruneNegligibleConstants(ctx, tree, member.loss);
          if (pruned) hof.update(pruned);
          continue;
        }
        const polished = polisher.optimizeConstants(tree, polishRng, Math.max(30, this.options.optimizerIterations), false);
        hof.update(ctx.member(polished.tree, polished.loss, 0));
        const pruned = pruneNegligibleConstants(ctx, polished.tree, polished.loss);
        if (pruned) hof.update(pruned);
      }
    }
    const front = hof.dominating();
    const entries = paretoEntries(front, ctx.lossFloor);
    const chosen = selectIndex(entries, this.options.modelSelection, ctx.lossFloor);
    const best = entries[chosen] as ParetoEntry;
    const bestTree = (front[chosen] as Member).tree;
    const program = compileProgram(bestTree, (name) => names.indexOf(name));
    return {
      best,
      paretoFront: entries,
      iterations: outcome.iterations,
      evaluations: outcome.evaluations,
      elapsedMs: clock() - started,
      stopReason: outcome.stopReason,
      predict: (columns) => {
        const rows = checkData(columns, undefined, 'X');
        if (columns.length !== names.length) {
          throw new SymregError('SYMREG_INVALID_DATA', `expected ${names.length} columns (${names.join(', ')}), got ${columns.length}`);
        }
        return new ColumnEvaluator(Math.max(rows, 1)).evaluate(program, columns, rows).slice(0, rows);
      },
    };
  }

  /** Ends the worker threads. The regressor cannot fit afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
