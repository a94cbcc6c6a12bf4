import { binary, constant, expressionsEqual, sizeOf, unary, type Expression } from './expression.js';

/**
 * Canonical forms of the chains of `*`/`/` and of `+`/`-` that the simplifier rebuilds:
 * every constant of a chain merged into one (`(x / 2.1) / 5.98` → `0.0796 * x`,
 * `Pwr / (r * (r * 12.566))` → `0.0796 * Pwr / (r * r)`, `2 - (x - 3)` → `5 - x`), the
 * factors above and below the bar each in one product, equal factors (terms) on both
 * sides cancelled as SymPy does. A rebuilt chain replaces the original only when it is
 * smaller, or as small and tidier (fewer constants, divisions and right-nested chains).
 */

/** A non-integer constant among the factors of `e` (`x / (2 * y)` reads fine, `x / (12.566 * y)` less so). */
const hasFractionalFactor = (e: Expression): boolean =>
  (e.kind === 'const' && !Number.isInteger(e.value)) ||
  (e.kind === 'binary' && e.op === '*' && (hasFractionalFactor(e.left) || hasFractionalFactor(e.right)));

/** The constant heading a product/quotient chain (`-2` in `-2 * x / y`), if any. */
function leadingConstant(e: Expression): number | undefined {
  while (e.kind === 'binary' && (e.op === '*' || e.op === '/')) e = e.left;
  return e.kind === 'const' ? e.value : undefined;
}

/**
 * Ranks two forms of equal size, lower is tidier: counts constants, divisions, chains
 * nested to the right, constants that trail a product, quotients inside a product and
 * fractional constants below the bar.
 */
function untidiness(e: Expression): number {
  switch (e.kind) {
    case 'const':
      // A short constant (`0.5`, `2`) reads better than a long one (`0.16666666666666666`).
      return Number(e.value.toPrecision(4)) === e.value ? 1 : 2;
    case 'var':
      return 0;
    case 'unary':
      return untidiness(e.arg);
    case 'binary': {
      let score = untidiness(e.left) + untidiness(e.right);
      const r = e.right;
      if (e.op === '/') score += 1;
      if (r.kind === 'binary') {
        if ((e.op === '+' || e.op === '-') && (r.op === '+' || r.op === '-')) score += 1;
        // Penalises `y + -2 * x` (`y - 2 * x` reads better).
        if ((e.op === '+' || e.op === '-') && (leadingConstant(r) ?? 0) < 0) score += 1;
        if (e.op === '*' && (r.op === '*' || r.op === '/')) score += 1;
        if (e.op === '/' && r.op === '/') score += 1;
      }
      // Penalises `k + k` (`2 * k` reads better).
      if ((e.op === '+' || e.op === '-') && expressionsEqual(e.left, r)) score += 2;
      if (e.op === '*' && (r.kind === 'const' || (e.left.kind === 'binary' && e.left.op === '/'))) score += 1;
      if (e.op === '/' && hasFractionalFactor(r)) score += 1;
      return score;
    }
  }
}

function preferred(original: Expression, rebuilt: Expression): Expression {
  const a = sizeOf(rebuilt);
  const b = sizeOf(original);
  if (a < b || (a === b && untidiness(rebuilt) < untidiness(original))) return rebuilt;
  return original;
}

/** Removes from `a` and `b` the pairs of structurally equal entries. */
function cancel(a: Expression[], b: Expression[]): void {
  for (let i = a.length - 1; i >= 0; i--) {
    const j = b.findIndex((e) => expressionsEqual(e, a[i]!));
    if (j >= 0) {
      a.splice(i, 1);
      b.splice(j, 1);
    }
  }
}

const productOf = (factors: readonly Expression[]): Expression | undefined =>
  factors.reduce<Expression | undefined>((acc, f) => (acc === undefined ? f : binary('*', acc, f)), undefined);

/** Collects the factors of a `*`/`/`/neg chain into `num` and `den`; returns the constant. */
function collectFactors(e: Expression, num: Expression[], den: Expression[]): number {
  if (e.kind === 'const') return e.value;
  if (e.kind === 'unary' && e.op === 'neg') return -collectFactors(e.arg, num, den);
  if (e.kind === 'binary' && e.op === '*') return collectFactors(e.left, num, den) * collectFactors(e.right, num, den);
  if (e.kind === 'binary' && e.op === '/') return collectFactors(e.left, num, den) / collectFactors(e.right, den, num);
  num.push(e);
  return 1;
}

/** `m` when `c` is `1/m` for a small integer `m ≥ 2` (so `x / 2` prints instead of `0.5 * x`). */
function smallReciprocal(c: number): number | undefined {
  if (!(c > 0 && c < 1)) return undefined;
  const m = Math.round(1 / c);
  return m >= 2 && m <= 1000 && Math.abs(1 / c - m) <= 1e-12 * m ? m : undefined;
}

/** Rebuilds a product/quotient chain with one constant; `node` is returned when nothing is gained. */
export function combineProduct(node: Expression): Expression {
  const num: Expression[] = [];
  const den: Expression[] = [];
  const c = collectFactors(node, num, den);
  if (!Number.isFinite(c)) return node;
  if (c === 0) return constant(0);
  cancel(num, den);
  const top = productOf(num);
  const bottom = productOf(den);
  const magnitude = c === -1 ? 1 : c;
  const head = productOf(magnitude === 1 && num.length > 0 ? num : [constant(magnitude), ...num])!;
  let rebuilt: Expression = bottom === undefined ? head : binary('/', head, bottom);
  if (c === -1) rebuilt = unary('neg', rebuilt);
  const m = top === undefined ? undefined : smallReciprocal(c);
  if (m !== undefined) {
    const divided = binary('/', top!, productOf([constant(m), ...den])!);
    if (untidiness(divided) <= untidiness(rebuilt)) rebuilt = divided;
  }
  return preferred(node, rebuilt);
}

/** Collects the terms of a `+`/`-`/neg chain into `plus` and `minus`; returns the constant. */
function collectTerms(e: Expression, plus: Expression[], minus: Expression[]): number {
  if (e.kind === 'const') return e.value;
  if (e.kind === 'unary' && e.op === 'neg') return -collectTerms(e.arg, minus, plus);
  if (e.kind === 'binary' && e.op === '+') return collectTerms(e.left, plus, minus) + collectTerms(e.right, plus, minus);
  if (e.kind === 'binary' && e.op === '-') return collectTerms(e.left, plus, minus) - collectTerms(e.right, minus, plus);
  plus.push(e);
  return 0;
}

/** A term split as `coefficient * top / bottom` (`top`/`bottom` without constants). */
interface Term {
  readonly original: Expression;
  readonly sign: 1 | -1;
  coefficient: number;
  readonly num: readonly Expression[];
  readonly top: Expression | undefined;
  readonly bottom: Expression | undefined;
  merged: boolean;
}

function splitTerm(original: Expression, sign: 1 | -1): Term {
  if (original.kind === 'binary' && (original.op === '*' || original.op === '/')) {
    const num: Expression[] = [];
    const den: Expression[] = [];
    const c = collectFactors(original, num, den);
    return { original, sign, coefficient: sign * c, num, top: productOf(num), bottom: productOf(den), merged: false };
  }
  return { original, sign, coefficient: sign, num: [original], top: original, bottom: undefined, merged: false };
}

const sameFactors = (a: Expression | undefined, b: Expression | undefined): boolean =>
  a === undefined ? b === undefined : b !== undefined && expressionsEqual(a, b);

/** `|coefficient| * top / bottom`, or the original term when nothing about it changed. */
function termExpression(t: Term): Expression {
  const magnitude = Math.abs(t.coefficient);
  if (!t.merged && t.coefficient * t.sign > 0) return t.original;
  const head =
    t.top === undefined ? constant(magnitude) : magnitude === 1 ? t.top : (productOf([constant(magnitude), ...t.num]) as Expression);
  return t.bottom === undefined ? head : binary('/', head, t.bottom);
}

/**
 * Rebuilds a sum/difference chain with like terms merged (`2*x - x - x` → 0,
 * `x + 3*x` → `4*x`) and one constant; `node` is returned when nothing is gained.
 */
export function combineSum(node: Expression): Expression {
  const plus: Expression[] = [];
  const minus: Expression[] = [];
  let c = collectTerms(node, plus, minus);
  if (!Number.isFinite(c)) return node;
  const terms: Term[] = [];
  for (const [list, sign] of [[plus, 1], [minus, -1]] as const) {
    for (const e of list) {
      const t = splitTerm(e, sign);
      const like = terms.find((u) => sameFactors(u.top, t.top) && sameFactors(u.bottom, t.bottom));
      if (like === undefined) terms.push(t);
      else {
        like.coefficient += t.coefficient;
        like.merged = true;
      }
    }
  }
  const positive: Expression[] = [];
  const negative: Expression[] = [];
  for (const t of terms) {
    if (!Number.isFinite(t.coefficient)) return node;
    if (t.coefficient !== 0) (t.coefficient > 0 ? positive : negative).push(termExpression(t));
  }
  let acc: Expression | undefined = positive.reduce<Expression | undefined>((a, t) => (a === undefined ? t : binary('+', a, t)), undefined);
  if (acc === undefined && c > 0) {
    acc = constant(c);
    c = 0;
  }
  for (const t of negative) acc = acc === undefined ? unary('neg', t) : binary('-', acc, t);
  if (acc === undefined) return constant(c);
  const rebuilt = c === 0 ? acc : c < 0 ? binary('-', acc, constant(-c)) : binary('+', acc, constant(c));
  return preferred(node, rebuilt);
}
