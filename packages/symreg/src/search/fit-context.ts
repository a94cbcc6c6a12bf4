import { complexityOf, constantsOf, depthOf, withConstants, type Expression } from '../expression/expression.js';
import { ColumnEvaluator, meanSquaredError } from '../evaluation/evaluator.js';
import { LossGradient } from '../evaluation/gradient.js';
import { compileProgram, compileProgramInto, createProgramBuffer, type Program, type ProgramBuffer } from '../evaluation/program.js';
import type { Random } from '../random.js';
import { minimizeBfgs } from './bfgs.js';
import type { SymbolicRegressorOptions } from './options.js';
import type { Alphabet } from './random-tree.js';
import { nestingRules, respectsNesting, type NestingRules } from './nesting.js';

/** A member of a population. Plain data, so it crosses worker threads as is. */
export interface Member {
  readonly tree: Expression;
  /** Loss on the full data (or on a mini-batch while batching). */
  readonly loss: number;
  /** Normalised loss plus parsimony penalty: what selection compares. */
  readonly cost: number;
  readonly complexity: number;
  /** Birth order within its population (age-regularised replacement removes the oldest). */
  birth: number;
}

/** The data and tools of one fit: evaluation, losses, costs and constant optimisation. */
export class FitContext {
  readonly n: number;
  readonly alphabet: Alphabet;
  readonly normalization: number;
  /** Losses of fits this close to the baseline ratio are numerically exact (float64 round-off). */
  readonly lossFloor: number;
  evaluations = 0;
  private readonly evaluator: ColumnEvaluator;
  private readonly gradient: LossGradient;
  private readonly index: Map<string, number>;
  private readonly batchColumns: Float64Array[];
  private readonly batchY: Float64Array;
  private readonly nested: NestingRules | undefined;
  private readonly scratch: ProgramBuffer = createProgramBuffer(512);
  private readonly columnOf = (name: string): number => this.index.get(name) ?? -1;

  constructor(
    readonly columns: readonly Float64Array[],
    readonly y: Float64Array,
    readonly variableNames: readonly string[],
    readonly options: SymbolicRegressorOptions,
  ) {
    this.n = y.length;
    this.index = new Map(variableNames.map((name, i) => [name, i]));
    this.alphabet = { binary: options.binaryOperators, unary: options.unaryOperators, variables: variableNames };
    this.evaluator = new ColumnEvaluator(this.n);
    this.gradient = new LossGradient(this.n);
    const batch = Math.min(options.batchSize, this.n);
    this.batchColumns = columns.map(() => new Float64Array(batch));
    this.batchY = new Float64Array(batch);
    let mean = 0;
    for (let i = 0; i < this.n; i++) mean += y[i]!;
    mean /= this.n;
    let baseline = 0;
    for (let i = 0; i < this.n; i++) baseline += (y[i]! - mean) ** 2;
    baseline /= this.n;
    this.normalization = Number.isFinite(baseline) && baseline >= 0.01 ? baseline : 0.01;
    this.lossFloor = Math.max(baseline, 1e-300) * 1e-24;
    this.nested = options.nestedConstraints ? nestingRules(options.nestedConstraints) : undefined;
  }

  compile(tree: Expression): Program {
    return compileProgram(tree, this.columnOf);
  }

  /** Compiles into a reused buffer (valid until the next call). */
  private compileScratch(tree: Expression): Program {
    return compileProgramInto(tree, this.columnOf, this.scratch) ? this.scratch : this.compile(tree);
  }

  /** Loss on the full data. */
  loss(tree: Expression): number {
    this.evaluations++;
    const program = this.compileScratch(tree);
    return meanSquaredError(this.evaluator.evaluate(program, this.columns, this.n), this.y, this.n);
  }

  /** Loss on a fresh random mini-batch when batching, else on the full data. */
  searchLoss(tree: Expression, rng: Random): number {
    if (!this.options.batching || this.options.batchSize >= this.n) return this.loss(tree);
    const m = this.sampleBatch(rng);
    this.evaluations++;
    const program = this.compileScratch(tree);
    return meanSquaredError(this.evaluator.evaluate(program, this.batchColumns, m), this.batchY, m);
  }

  private sampleBatch(rng: Random): number {
    const m = this.batchY.length;
    for (let i = 0; i < m; i++) {
      const row = rng.int(this.n);
      this.batchY[i] = this.y[row]!;
      for (let c = 0; c < this.columns.length; c++) this.batchColumns[c]![i] = this.columns[c]![row]!;
    }
    return m;
  }

  /** Predictions for `columns` (a fresh array). */
  predict(tree: Expression, columns: readonly Float64Array[]): Float64Array {
    const n = columns[0]?.length ?? this.n;
    const evaluator = new ColumnEvaluator(Math.max(n, 1));
    return evaluator.evaluate(this.compile(tree), columns, n).slice(0, n);
  }

  cost(loss: number, complexity: number): number {
    return loss / this.normalization + this.options.parsimony * complexity;
  }

  member(tree: Expression, loss: number, birth: number): Member {
    const complexity = complexityOf(tree);
    return { tree, loss, cost: this.cost(loss, complexity), complexity, birth };
  }

  withinLimits(tree: Expression, maxsize: number): boolean {
    return (
      complexityOf(tree) <= maxsize &&
      (this.options.maxdepth === null || depthOf(tree) <= this.options.maxdepth) &&
      (this.nested === undefined || respectsNesting(tree, this.nested))
    );
  }

  /**
   * Optimises the constants of `tree` (on a mini-batch when batching, else the full data) with BFGS (analytic reverse-mode
   * gradient), from the current constants and `optimizerNrestarts` perturbed starts.
   * Returns the better tree and its loss (the input if nothing improved).
   */
  optimizeConstants(
    tree: Expression,
    rng: Random,
    iterations = this.options.optimizerIterations,
    onBatch = this.options.batching && this.options.batchSize < this.n,
  ): { tree: Expression; loss: number } {
    const start = Float64Array.from(constantsOf(tree));
    const program = this.compile(tree);
    const grad = new Float64Array(start.length);
    let columns = this.columns;
    let y = this.y;
    let n = this.n;
    if (onBatch) {
      this.sampleBatch(rng);
      columns = this.batchColumns;
      y = this.batchY;
      n = this.batchY.length;
    }
    const f = (x: Float64Array, g: Float64Array) => this.gradient.lossAndGradient(program, x, columns, y, n, g);
    const base = f(start, grad);
    this.evaluations++;
    if (start.length === 0) return { tree, loss: base };
    const limit = this.options.optimizerFCallsLimit ?? 10_000;
    let best: Float64Array = start;
    let bestLoss = base;
    for (let r = 0; r <= this.options.optimizerNrestarts; r++) {
      const x0 = r === 0 ? start : start.map((c) => c * (1 + 0.5 * rng.normal()));
      const result = minimizeBfgs(f, x0, iterations, limit);
      this.evaluations += result.calls;
      if (result.fx < bestLoss) {
        bestLoss = result.fx;
        best = result.x;
      }
    }
    if (!(bestLoss < base)) return { tree, loss: base };
    return { tree: withConstants(tree, best), loss: bestLoss };
  }
}
