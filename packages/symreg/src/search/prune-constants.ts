import { constantsOf, withConstants, type Expression } from '../expression/expression.js';
import { simplifyExpression } from '../expression/simplify.js';
import type { FitContext, Member } from './fit-context.js';

/**
 * Round-off leftovers such as `+ 2e-16` or `* (… * -7e-16)` in exact fits: sets each
 * constant tiny against the scale of y to 0, simplifies, and keeps the result if the loss
 * stays within 1.5x (or at round-off).
 */
export function pruneNegligibleConstants(ctx: FitContext, tree: Expression, loss: number): Member | undefined {
  let scale = 0;
  for (let i = 0; i < ctx.n; i++) scale = Math.max(scale, Math.abs(ctx.y[i]!));
  const threshold = 1e-10 * Math.max(scale, 1e-300);
  let current = tree;
  let currentLoss = loss;
  let changed = false;
  const values = constantsOf(current);
  for (let j = values.length - 1; j >= 0; j--) {
    if (values[j] === 0 || !(Math.abs(values[j]!) <= threshold)) continue;
    const zeroed = values.slice();
    zeroed[j] = 0;
    const candidate = simplifyExpression(withConstants(current, zeroed));
    const candidateLoss = ctx.loss(candidate);
    if (candidateLoss <= Math.max(1.5 * currentLoss, ctx.lossFloor)) {
      current = candidate;
      currentLoss = candidateLoss;
      changed = true;
      values.splice(0, values.length, ...constantsOf(current));
      j = values.length;
    }
  }
  return changed ? ctx.member(current, currentLoss, 0) : undefined;
}

