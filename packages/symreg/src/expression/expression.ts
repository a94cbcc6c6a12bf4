import type { BinaryOperator, UnaryOperator } from './operators.js';

/** A constant leaf. */
export interface ConstantNode {
  readonly kind: 'const';
  readonly value: number;
}
/** A variable leaf (a feature of the data, by name). */
export interface VariableNode {
  readonly kind: 'var';
  readonly name: string;
}
/** An operator with one argument. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: UnaryOperator;
  readonly arg: Expression;
}
/** An operator with two arguments. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/**
 * An immutable expression tree. Plain data (structured-clone safe), so it crosses
 * worker threads as is; build one with {@link parseExpression} or the constructors below.
 */
export type Expression = ConstantNode | VariableNode | UnaryNode | BinaryNode;

export const constant = (value: number): ConstantNode => ({ kind: 'const', value });
export const variable = (name: string): VariableNode => ({ kind: 'var', name });
export const unary = (op: UnaryOperator, arg: Expression): UnaryNode => ({ kind: 'unary', op, arg });
export const binary = (op: BinaryOperator, left: Expression, right: Expression): BinaryNode => ({
  kind: 'binary',
  op,
  left,
  right,
});

/** Number of nodes. */
export function sizeOf(expr: Expression): number {
  switch (expr.kind) {
    case 'const':
    case 'var':
      return 1;
    case 'unary':
      return 1 + sizeOf(expr.arg);
    case 'binary':
      return 1 + sizeOf(expr.left) + sizeOf(expr.right);
  }
}

/** Depth (a leaf has depth 1). */
export function depthOf(expr: Expression): number {
  switch (expr.kind) {
    case 'const':
    case 'var':
      return 1;
    case 'unary':
      return 1 + depthOf(expr.arg);
    case 'binary':
      return 1 + Math.max(depthOf(expr.left), depthOf(expr.right));
  }
}

/**
 * Complexity as PySR counts it by default: every node (operator, variable or
 * constant) counts 1, so complexity equals the number of nodes.
 */
export function complexityOf(expr: Expression): number {
  return sizeOf(expr);
}

/** Names of the variables used, sorted, without duplicates. */
export function variablesOf(expr: Expression): string[] {
  const names = new Set<string>();
  const visit = (node: Expression): void => {
    if (node.kind === 'var') names.add(node.name);
    else if (node.kind === 'unary') visit(node.arg);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(expr);
  return [...names].sort();
}

/** Number of constant leaves. */
export function countConstants(expr: Expression): number {
  switch (expr.kind) {
    case 'const':
      return 1;
    case 'var':
      return 0;
    case 'unary':
      return countConstants(expr.arg);
    case 'binary':
      return countConstants(expr.left) + countConstants(expr.right);
  }
}

/** Nodes in pre-order (root first). */
export function nodesOf(expr: Expression): Expression[] {
  const out: Expression[] = [];
  const visit = (node: Expression): void => {
    out.push(node);
    if (node.kind === 'unary') visit(node.arg);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(expr);
  return out;
}

/** Returns a copy of `expr` where the node at pre-order `index` is replaced by `fn(node)`. */
export function replaceAt(expr: Expression, index: number, fn: (node: Expression) => Expression): Expression {
  const visit = (node: Expression, offset: number): Expression => {
    if (offset === index) return fn(node);
    if (node.kind === 'unary') return unary(node.op, visit(node.arg, offset + 1));
    if (node.kind === 'binary') {
      const leftSize = sizeOf(node.left);
      return index < offset + 1 + leftSize
        ? binary(node.op, visit(node.left, offset + 1), node.right)
        : binary(node.op, node.left, visit(node.right, offset + 1 + leftSize));
    }
    return node;
  };
  return visit(expr, 0);
}

/** Values of the constant leaves in pre-order. */
export function constantsOf(expr: Expression): number[] {
  const out: number[] = [];
  for (const node of nodesOf(expr)) if (node.kind === 'const') out.push(node.value);
  return out;
}

/** Returns a copy with the constant leaves (pre-order) set to `values`. */
export function withConstants(expr: Expression, values: ArrayLike<number>): Expression {
  let i = 0;
  const visit = (node: Expression): Expression => {
    switch (node.kind) {
      case 'const':
        return constant(values[i++] ?? node.value);
      case 'var':
        return node;
      case 'unary':
        return unary(node.op, visit(node.arg));
      case 'binary': {
        const left = visit(node.left);
        return binary(node.op, left, visit(node.right));
      }
    }
  };
  return visit(expr);
}

/** Structural equality (constants compared with `Object.is`-like equality, NaN equal to NaN). */
export function expressionsEqual(a: Expression, b: Expression): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'const':
      return a.value === (b as ConstantNode).value || (Number.isNaN(a.value) && Number.isNaN((b as ConstantNode).value));
    case 'var':
      return a.name === (b as VariableNode).name;
    case 'unary':
      return a.op === (b as UnaryNode).op && expressionsEqual(a.arg, (b as UnaryNode).arg);
    case 'binary': {
      const o = b as BinaryNode;
      return a.op === o.op && expressionsEqual(a.left, o.left) && expressionsEqual(a.right, o.right);
    }
  }
}
