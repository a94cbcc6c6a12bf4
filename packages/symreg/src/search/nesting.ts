import type { Expression } from '../expression/expression.js';
import { resolveOperatorName } from '../expression/operators.js';

/** Resolved nested constraints: outer operator → inner operator → most nestings allowed. */
export type NestingRules = ReadonlyMap<string, ReadonlyMap<string, number>>;

export function nestingRules(constraints: Readonly<Record<string, Readonly<Record<string, number>>>>): NestingRules {
  const rules = new Map<string, Map<string, number>>();
  for (const [outer, inner] of Object.entries(constraints)) {
    const o = resolveOperatorName(outer) ?? outer;
    const map = rules.get(o) ?? new Map<string, number>();
    for (const [name, limit] of Object.entries(inner)) map.set(resolveOperatorName(name) ?? name, limit);
    rules.set(o, map);
  }
  return rules;
}

function opOf(node: Expression): string | undefined {
  return node.kind === 'unary' || node.kind === 'binary' ? node.op : undefined;
}

/** Largest number of `op` nodes on one path from `node` down to a leaf (including `node`). */
function maxNesting(node: Expression, op: string): number {
  const here = opOf(node) === op ? 1 : 0;
  if (node.kind === 'unary') return here + maxNesting(node.arg, op);
  if (node.kind === 'binary') return here + Math.max(maxNesting(node.left, op), maxNesting(node.right, op));
  return 0;
}

/** Whether every constrained operator in `tree` holds at most the allowed nestings of each inner operator. */
export function respectsNesting(tree: Expression, rules: NestingRules): boolean {
  const outer = opOf(tree);
  const inner = outer === undefined ? undefined : rules.get(outer);
  if (inner !== undefined) {
    for (const [op, limit] of inner) {
      const below =
        tree.kind === 'unary' ? maxNesting(tree.arg, op) : tree.kind === 'binary' ? Math.max(maxNesting(tree.left, op), maxNesting(tree.right, op)) : 0;
      if (below > limit) return false;
    }
  }
  if (tree.kind === 'unary') return respectsNesting(tree.arg, rules);
  if (tree.kind === 'binary') return respectsNesting(tree.left, rules) && respectsNesting(tree.right, rules);
  return true;
}
