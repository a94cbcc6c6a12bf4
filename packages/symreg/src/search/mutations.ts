/**
 * PySR's mutations, on immutable trees: each returns a new tree (or the same one when
 * the mutation does not apply). Nodes are addressed by pre-order index.
 */
import { binary, constant, nodesOf, replaceAt, sizeOf, unary, variable, type Expression } from '../expression/expression.js';
import type { BinaryOperator, UnaryOperator } from '../expression/operators.js';
import type { Random } from '../random.js';
import { randomLeaf, randomOperatorNode, type Alphabet } from './random-tree.js';

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function indicesWhere(tree: Expression, test: (node: Expression) => boolean): number[] {
  const out: number[] = [];
  nodesOf(tree).forEach((node, i) => {
    if (test(node)) out.push(i);
  });
  return out;
}

/** Number of nodes of each kind, in one pass. */
export interface KindCounts {
  constants: number;
  variables: number;
  unary: number;
  binary: number;
}

export function countKinds(tree: Expression, counts: KindCounts = { constants: 0, variables: 0, unary: 0, binary: 0 }): KindCounts {
  switch (tree.kind) {
    case 'const':
      counts.constants++;
      break;
    case 'var':
      counts.variables++;
      break;
    case 'unary':
      counts.unary++;
      countKinds(tree.arg, counts);
      break;
    case 'binary':
      counts.binary++;
      countKinds(tree.left, counts);
      countKinds(tree.right, counts);
      break;
  }
  return counts;
}

/** Multiplies a random constant by a factor in [1/m, m], m = 1 + 0.1 + perturbationFactor·T; rarely negates it. */
export function mutateConstant(
  rng: Random,
  tree: Expression,
  temperature: number,
  perturbationFactor: number,
  probabilityNegate: number,
): Expression {
  const slots = indicesWhere(tree, (n) => n.kind === 'const');
  if (slots.length === 0) return tree;
  const maxChange = perturbationFactor * temperature + 1 + 0.1;
  let factor = Math.pow(maxChange, rng.next());
  if (rng.next() < 0.5) factor = 1 / factor;
  const negate = rng.next() < probabilityNegate ? -1 : 1;
  return replaceAt(tree, pick(rng, slots), (node) => constant((node as { value: number }).value * factor * negate));
}

/** Replaces a random operator by another of the same arity. */
export function mutateOperator(rng: Random, tree: Expression, alphabet: Alphabet): Expression {
  const slots = indicesWhere(tree, (n) => n.kind === 'unary' || n.kind === 'binary');
  if (slots.length === 0) return tree;
  return replaceAt(tree, pick(rng, slots), (node) => {
    if (node.kind === 'unary' && alphabet.unary.length > 0) return unary(pick<UnaryOperator>(rng, alphabet.unary), node.arg);
    if (node.kind === 'binary' && alphabet.binary.length > 0) return binary(pick<BinaryOperator>(rng, alphabet.binary), node.left, node.right);
    return node;
  });
}

/** Replaces a random variable by another variable. */
export function mutateFeature(rng: Random, tree: Expression, alphabet: Alphabet): Expression {
  const slots = indicesWhere(tree, (n) => n.kind === 'var');
  if (slots.length === 0 || alphabet.variables.length < 2) return tree;
  return replaceAt(tree, pick(rng, slots), (node) => {
    const others = alphabet.variables.filter((name) => name !== (node as { name: string }).name);
    return variable(pick(rng, others));
  });
}

/** Swaps the two arguments of a random binary operator. */
export function swapOperands(rng: Random, tree: Expression): Expression {
  const slots = indicesWhere(tree, (n) => n.kind === 'binary');
  if (slots.length === 0) return tree;
  return replaceAt(tree, pick(rng, slots), (node) => {
    const b = node as Extract<Expression, { kind: 'binary' }>;
    return binary(b.op, b.right, b.left);
  });
}

function childrenOf(node: Expression): Expression[] {
  if (node.kind === 'unary') return [node.arg];
  if (node.kind === 'binary') return [node.left, node.right];
  return [];
}

function withChild(node: Expression, index: number, child: Expression): Expression {
  if (node.kind === 'unary') return unary(node.op, child);
  if (node.kind === 'binary') return index === 0 ? binary(node.op, child, node.right) : binary(node.op, node.left, child);
  return node;
}

/**
 * Tree rotation: at a random operator node with an operator child (the pivot), a
 * grandchild takes the pivot's place and the node becomes the pivot's child.
 */
export function rotateTree(rng: Random, tree: Expression): Expression {
  const isOperator = (n: Expression) => n.kind === 'unary' || n.kind === 'binary';
  const slots = indicesWhere(tree, (n) => childrenOf(n).some(isOperator));
  if (slots.length === 0) return tree;
  return replaceAt(tree, pick(rng, slots), (root) => {
    const pivots = childrenOf(root)
      .map((child, i) => [child, i] as const)
      .filter(([child]) => isOperator(child));
    const [pivot, pivotIndex] = pick(rng, pivots);
    const grandIndex = rng.int(childrenOf(pivot).length);
    const grand = childrenOf(pivot)[grandIndex] as Expression;
    const newRoot = withChild(root, pivotIndex, grand);
    return withChild(pivot, grandIndex, newRoot);
  });
}

/** PySR's add-node: half the time an operator replaces a leaf, else a new operator takes the whole tree as an argument. */
export function addNode(rng: Random, tree: Expression, alphabet: Alphabet): Expression {
  if (rng.next() < 0.5) {
    const leaves = indicesWhere(tree, (n) => n.kind === 'const' || n.kind === 'var');
    return replaceAt(tree, pick(rng, leaves), () => randomOperatorNode(rng, alphabet));
  }
  return randomOperatorNode(rng, alphabet, tree);
}

/** Inserts a random operator above a random node. */
export function insertNode(rng: Random, tree: Expression, alphabet: Alphabet): Expression {
  const at = rng.int(sizeOf(tree));
  return replaceAt(tree, at, (node) => randomOperatorNode(rng, alphabet, node));
}

/** Deletes a random node: a leaf becomes another leaf, an operator is replaced by one of its arguments. */
export function deleteNode(rng: Random, tree: Expression, alphabet: Alphabet): Expression {
  const at = rng.int(sizeOf(tree));
  return replaceAt(tree, at, (node) => {
    if (node.kind === 'unary') return node.arg;
    if (node.kind === 'binary') return rng.next() < 0.5 ? node.left : node.right;
    return randomLeaf(rng, alphabet);
  });
}

/** Swaps a random sub-tree of `a` with a random sub-tree of `b`. */
export function crossoverTrees(rng: Random, a: Expression, b: Expression): [Expression, Expression] {
  const ia = rng.int(sizeOf(a));
  const ib = rng.int(sizeOf(b));
  const subA = nodesOf(a)[ia] as Expression;
  const subB = nodesOf(b)[ib] as Expression;
  return [replaceAt(a, ia, () => subB), replaceAt(b, ib, () => subA)];
}
