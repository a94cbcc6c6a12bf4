import { binary, constant, nodesOf, replaceAt, sizeOf, unary, variable, type Expression } from '../expression/expression.js';
import type { BinaryOperator, UnaryOperator } from '../expression/operators.js';
import type { Random } from '../random.js';

/** What random expressions may be built from. */
export interface Alphabet {
  readonly binary: readonly BinaryOperator[];
  readonly unary: readonly UnaryOperator[];
  readonly variables: readonly string[];
}

/** A random leaf: a variable or (with probability 1/2) a standard-normal constant. */
export function randomLeaf(rng: Random, alphabet: Alphabet): Expression {
  if (alphabet.variables.length === 0 || rng.next() < 0.5) return constant(rng.normal());
  return variable(alphabet.variables[rng.int(alphabet.variables.length)] as string);
}

/** A random operator node over random leaves (binary with probability nbin/(nbin+nuna)). */
export function randomOperatorNode(rng: Random, alphabet: Alphabet, child?: Expression): Expression {
  const nb = alphabet.binary.length;
  const nu = alphabet.unary.length;
  if (nb + nu === 0) return child ?? randomLeaf(rng, alphabet);
  if (rng.next() * (nb + nu) < nb) {
    const op = alphabet.binary[rng.int(nb)] as BinaryOperator;
    const other = randomLeaf(rng, alphabet);
    const first = child ?? randomLeaf(rng, alphabet);
    return rng.next() < 0.5 ? binary(op, first, other) : binary(op, other, first);
  }
  return unary(alphabet.unary[rng.int(nu)] as UnaryOperator, child ?? randomLeaf(rng, alphabet));
}

/** Replaces a random leaf by a random operator over random leaves (PySR's append). */
export function appendRandomOperator(rng: Random, expr: Expression, alphabet: Alphabet): Expression {
  const nodes = nodesOf(expr);
  const leaves: number[] = [];
  nodes.forEach((node, i) => {
    if (node.kind === 'const' || node.kind === 'var') leaves.push(i);
  });
  const at = leaves[rng.int(leaves.length)] as number;
  return replaceAt(expr, at, () => randomOperatorNode(rng, alphabet));
}

/** A random tree grown by `appends` appends from a random leaf (PySR's `gen_random_tree`). */
export function randomTree(rng: Random, appends: number, alphabet: Alphabet): Expression {
  let tree = randomLeaf(rng, alphabet);
  for (let i = 0; i < appends; i++) tree = appendRandomOperator(rng, tree, alphabet);
  return tree;
}

/** A random tree of about `size` nodes (never more than `size`, at least 1). */
export function randomTreeOfSize(rng: Random, size: number, alphabet: Alphabet): Expression {
  let tree = randomLeaf(rng, alphabet);
  for (let guard = 0; guard < 4 * size && sizeOf(tree) < size; guard++) {
    const next = appendRandomOperator(rng, tree, alphabet);
    if (sizeOf(next) <= size) tree = next;
  }
  return tree;
}
