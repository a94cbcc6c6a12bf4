import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { SymregError } from '../errors.js';
import { isBinaryOperator, isUnaryOperator, resolveOperatorName, type BinaryOperator, type UnaryOperator } from '../expression/operators.js';

const weight = (value: number) => z.number().finite().min(0).default(value);
const positiveInt = (value: number) => z.number().int().positive().default(value);
const probability = (value: number) => z.number().min(0).max(1).default(value);

const binaryOperator = z.string().transform((name, ctx): BinaryOperator => {
  const op = resolveOperatorName(name);
  if (op === undefined || !isBinaryOperator(op)) {
    ctx.addIssue({ code: 'custom', message: `unknown binary operator ${JSON.stringify(name)}` });
    return z.NEVER;
  }
  return op;
});
const unaryOperator = z.string().transform((name, ctx): UnaryOperator => {
  const op = resolveOperatorName(name);
  if (op === undefined || !isUnaryOperator(op)) {
    ctx.addIssue({ code: 'custom', message: `unknown unary operator ${JSON.stringify(name)}` });
    return z.NEVER;
  }
  return op;
});

/**
 * Hyperparameters of {@link SymbolicRegressor}: PySR's names in camelCase, with PySR's
 * defaults (PySR 1.x) wherever they mean the same thing. Validated with zod; unknown keys
 * are rejected so a typo never passes silently.
 */
export const symbolicRegressorOptionsSchema = z.strictObject({
  /** Binary operators (`+ - * / ^`, or PySR names `plus mult pow …`). @default ['+', '-', '*', '/'] */
  binaryOperators: z.array(binaryOperator).default(['+', '-', '*', '/']),
  /** Unary operators (`exp log sqrt sin cos …`). @default [] */
  unaryOperators: z.array(unaryOperator).default([]),
  /** Iterations of the search (each: every population evolves, then migration). @default 100 */
  niterations: z.number().int().min(0).default(100),
  /** Number of populations (islands). @default 31 */
  populations: positiveInt(31),
  /** Members per population. @default 27 */
  populationSize: z.number().int().min(2).default(27),
  /** Evolution cycles per population per iteration. @default 380 */
  ncyclesPerIteration: positiveInt(380),
  /** Maximum complexity of an expression. @default 30 */
  maxsize: z.number().int().min(1).default(30),
  /**
   * PySR's `nested_constraints`: `{ outer: { inner: n } }` allows at most `n` nested `inner`
   * operators inside any `outer` (e.g. `{ sin: { sin: 0, cos: 0 } }` forbids `sin(cos(x))`).
   * @default null (no constraint)
   */
  nestedConstraints: z
    .record(z.string(), z.record(z.string(), z.number().int().min(0)))
    .nullable()
    .default(null)
    .superRefine((value, ctx) => {
      for (const [outer, inner] of Object.entries(value ?? {})) {
        for (const name of [outer, ...Object.keys(inner)]) {
          if (resolveOperatorName(name) === undefined) ctx.addIssue({ code: 'custom', message: `unknown operator ${JSON.stringify(name)}` });
        }
      }
    }),
  /** Maximum depth of an expression; null means no limit beyond `maxsize`. @default null */
  maxdepth: z.number().int().positive().nullable().default(null),
  /** Start the search with a smaller maxsize, reaching `maxsize` after this fraction of the iterations. @default 0 */
  warmupMaxsizeBy: z.number().min(0).max(1).default(0),
  /** Penalty per unit of complexity added to the normalised loss. @default 0 */
  parsimony: z.number().min(0).default(0),
  /** Track how often each complexity occurs and favour rare ones (adaptive parsimony). @default true */
  useFrequency: z.boolean().default(true),
  /** Also use the complexity frequencies in tournament selection. @default true */
  useFrequencyInTournament: z.boolean().default(true),
  /** Strength of adaptive parsimony in the tournament. @default 1040 */
  adaptiveParsimonyScaling: z.number().min(0).default(1040),
  /** Temperature scale of simulated annealing (with `annealing`). @default 3.17 */
  alpha: z.number().positive().default(3.17),
  /** Accept worse mutations with a probability falling with a temperature. @default false */
  annealing: z.boolean().default(false),
  /** Tournament size. @default 15 */
  tournamentSelectionN: positiveInt(15),
  /** Probability that the best of a tournament wins (then the second, …). @default 0.982 */
  tournamentSelectionP: probability(0.982),
  /** Members of each population offered for migration. @default 12 */
  topn: positiveInt(12),
  /** Migrate between populations. @default true */
  migration: z.boolean().default(true),
  /** Migrate from the hall of fame into populations. @default true */
  hofMigration: z.boolean().default(true),
  /** Fraction of a population replaced by migrants from other populations per iteration. @default 0.00036 */
  fractionReplaced: probability(0.00036),
  /** Fraction of a population replaced by hall-of-fame members per iteration. @default 0.0614 */
  fractionReplacedHof: probability(0.0614),
  /** @default 2.47 */ weightAddNode: weight(2.47),
  /** @default 0.0112 */ weightInsertNode: weight(0.0112),
  /** @default 0.87 */ weightDeleteNode: weight(0.87),
  /** @default 0.273 */ weightDoNothing: weight(0.273),
  /** @default 0.0346 */ weightMutateConstant: weight(0.0346),
  /** @default 0.293 */ weightMutateOperator: weight(0.293),
  /** @default 0.1 */ weightMutateFeature: weight(0.1),
  /** @default 0.198 */ weightSwapOperands: weight(0.198),
  /** @default 4.26 */ weightRotateTree: weight(4.26),
  /** @default 0.000502 */ weightRandomize: weight(0.000502),
  /** @default 0.00209 */ weightSimplify: weight(0.00209),
  /** @default 0 */ weightOptimize: weight(0),
  /** Probability of crossover instead of mutation. @default 0.0259 */
  crossoverProbability: probability(0.0259),
  /** Drop a failed mutation instead of keeping a copy of the parent. @default true */
  skipMutationFailures: z.boolean().default(true),
  /** Simplify members after each iteration. @default true */
  shouldSimplify: z.boolean().default(true),
  /** Optimise constants numerically. @default true */
  shouldOptimizeConstants: z.boolean().default(true),
  /** Constant optimiser. @default 'BFGS' */
  optimizerAlgorithm: z.enum(['BFGS']).default('BFGS'),
  /** Extra optimiser starts from perturbed constants. @default 2 */
  optimizerNrestarts: z.number().int().min(0).default(2),
  /** Iterations of each optimiser run. @default 8 */
  optimizerIterations: positiveInt(8),
  /** Limit of loss evaluations per optimisation; null for 10,000. @default null */
  optimizerFCallsLimit: z.number().int().positive().nullable().default(null),
  /** Probability of optimising a member's constants after each iteration. @default 0.14 */
  optimizeProbability: probability(0.14),
  /** Scale of constant perturbations. @default 0.129 */
  perturbationFactor: z.number().min(0).default(0.129),
  /** Probability that a constant mutation flips the sign. @default 0.00743 */
  probabilityNegateConstant: probability(0.00743),
  /** Evaluate mutations on random mini-batches. @default false */
  batching: z.boolean().default(false),
  /** Rows per mini-batch. @default 50 */
  batchSize: positiveInt(50),
  /** How the returned `best` is chosen from the Pareto front. @default 'best' */
  modelSelection: z.enum(['best', 'accuracy', 'score']).default('best'),
  /** Stop after this many seconds; null for no limit. @default null */
  timeoutInSeconds: z.number().positive().nullable().default(null),
  /** Stop after this many loss evaluations; null for no limit. @default null */
  maxEvals: z.number().int().positive().nullable().default(null),
  /** Stop as soon as an expression reaches this loss; null to never stop early. @default null */
  earlyStopCondition: z.number().nullable().default(null),
  /** Worker threads; 0 runs in the calling thread. @default os.availableParallelism() */
  procs: z.number().int().min(0).default(() => availableParallelism()),
  /** Run in the calling thread so a seed replays exactly. @default false */
  deterministic: z.boolean().default(false),
  /** Seed (overridden by `fit`'s `seed`); null draws one. @default null */
  randomState: z.number().int().nullable().default(null),
});

/** Options as given by the user (every field optional). */
export type SymbolicRegressorOptionsInput = z.input<typeof symbolicRegressorOptionsSchema>;
/** Options resolved with defaults. */
export type SymbolicRegressorOptions = z.output<typeof symbolicRegressorOptionsSchema>;

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Validates options, throwing `SYMREG_INVALID_OPTIONS` that names the field and the value received. */
export function resolveOptions(input: unknown = {}): SymbolicRegressorOptions {
  const result = symbolicRegressorOptionsSchema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(options)';
    if (issue.code === 'unrecognized_keys') return `unknown option(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    return `invalid \`${field}\`: ${issue.message}, got ${describeValue(issue.input)}`;
  });
  throw new SymregError('SYMREG_INVALID_OPTIONS', issues.join('; '), { cause: result.error });
}
