import { SymregError } from '../errors.js';
import { createRandom } from '../random.js';
import { evaluateExpression } from '../evaluation/evaluate.js';
import { variablesOf, type Expression } from './expression.js';
import { parseExpression } from './parse.js';
import { simplifyExpression } from './simplify.js';
import { expressionsEqual } from './expression.js';

/** Options of {@link isExactRecovery}. */
export interface ExactRecoveryOptions {
  /** Training range of every variable of the true formula. */
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
  /** Seed of the random test points. @default 0 */
  readonly seed?: number;
  /** Significant digits to which constants must agree. @default 3 */
  readonly significantDigits?: number;
  /** Number of test points, half inside the training ranges and half in widened ranges. @default 2000 */
  readonly points?: number;
}

function toExpression(value: Expression | string, variables: readonly string[], what: string): Expression {
  if (typeof value !== 'string') return value;
  try {
    return parseExpression(value, { variables });
  } catch (error) {
    throw new SymregError('SYMREG_INVALID_ARGUMENT', `cannot read the ${what} formula ${JSON.stringify(value)}`, { cause: error });
  }
}

/** Widens [lo, hi] by half its width on each side, without crossing zero when it did not. */
function widened(lo: number, hi: number): [number, number] {
  const width = hi - lo;
  let a = lo - width / 2;
  let b = hi + width / 2;
  if (lo >= 0 && a < lo / 2) a = lo / 2;
  if (hi <= 0 && b > hi / 2) b = hi / 2;
  return [a, b];
}

/**
 * Decides whether `candidate` is the true formula up to constants agreeing to
 * `significantDigits` significant digits (SRBench's "exact symbolic recovery").
 *
 * First by simplification (both simplified to the same tree with constants agreeing),
 * otherwise by values at many random points inside the training ranges and in ranges
 * widened by half their width on each side: wherever the truth is finite the candidate must
 * be too, the median relative error must be at most `10^-digits` and the largest at most
 * `5·10^-digits` (room for a 3-digit constant amplified by e.g. an exponential).
 *
 * A formula string is parsed with the range names as its variables (`pi` and `e` are constants).
 */
export function isExactRecovery(
  candidate: Expression | string,
  truth: Expression | string,
  options: ExactRecoveryOptions,
): boolean {
  const names = Object.keys(options.ranges);
  const digits = options.significantDigits ?? 3;
  const truthExpr = toExpression(truth, names, 'true');
  let candidateExpr: Expression;
  try {
    candidateExpr = toExpression(candidate, names, 'candidate');
  } catch {
    return false;
  }
  if (variablesOf(candidateExpr).some((name) => !names.includes(name))) return false;
  for (const name of variablesOf(truthExpr)) {
    if (!names.includes(name)) {
      throw new SymregError('SYMREG_INVALID_ARGUMENT', `no range given for variable \`${name}\` of the true formula`);
    }
  }
  const a = simplifyExpression(candidateExpr);
  const b = simplifyExpression(truthExpr);
  if (expressionsEqual(roundConstants(a, digits), roundConstants(b, digits))) return true;

  const total = options.points ?? 2000;
  const rng = createRandom(options.seed ?? 0);
  const columns: Record<string, Float64Array> = {};
  for (const name of names) {
    const [lo, hi] = options.ranges[name] as readonly [number, number];
    const [wlo, whi] = widened(lo, hi);
    const column = new Float64Array(total);
    for (let i = 0; i < total; i++) {
      column[i] = i < total / 2 ? lo + (hi - lo) * rng.next() : wlo + (whi - wlo) * rng.next();
    }
    columns[name] = column;
  }
  const t = evaluateExpression(truthExpr, columns);
  const c = evaluateExpression(candidateExpr, columns);
  const errors: number[] = [];
  for (let i = 0; i < total; i++) {
    const tv = t[i] as number;
    const cv = c[i] as number;
    if (!Number.isFinite(tv)) continue;
    if (!Number.isFinite(cv)) return false;
    const scale = Math.abs(tv);
    errors.push(scale === 0 ? Math.abs(cv) : Math.abs(cv - tv) / scale);
  }
  if (errors.length < total / 4) return false;
  errors.sort((x, y) => x - y);
  const median = errors[Math.floor(errors.length / 2)] as number;
  const worst = errors[errors.length - 1] as number;
  return median <= 10 ** -digits && worst <= 5 * 10 ** -digits;
}

function roundConstants(expr: Expression, digits: number): Expression {
  switch (expr.kind) {
    case 'const':
      return { kind: 'const', value: Number(expr.value.toPrecision(digits)) };
    case 'var':
      return expr;
    case 'unary':
      return { kind: 'unary', op: expr.op, arg: roundConstants(expr.arg, digits) };
    case 'binary':
      return { kind: 'binary', op: expr.op, left: roundConstants(expr.left, digits), right: roundConstants(expr.right, digits) };
  }
}
