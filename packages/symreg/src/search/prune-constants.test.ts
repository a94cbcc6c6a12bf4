import { describe, expect, it } from 'vitest';
import { formatExpression } from '../expression/format.js';
import { parseExpression } from '../expression/parse.js';
import { FitContext } from './fit-context.js';
import { resolveOptions } from './options.js';
import { pruneNegligibleConstants } from './prune-constants.js';

describe('pruneNegligibleConstants', () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => 1 + i / 10);
  const k = Float64Array.from({ length: 50 }, (_, i) => 2 + (i % 7) / 3);
  const y = x.map((xv, i) => 0.5 * k[i]! * xv * xv);
  const ctx = new FitContext([x, k], y, ['x', 'k'], resolveOptions({ procs: 0 }));

  it('drops round-off constants of an exact fit', () => {
    const tree = parseExpression('(x * x * k + (-2.1e-16)) / 2', { variables: ['x', 'k'] });
    const pruned = pruneNegligibleConstants(ctx, tree, ctx.loss(tree));
    expect(pruned && formatExpression(pruned.tree)).toBe('0.5 * x * x * k');
    const junk = parseExpression('x * k * x * (0.5 + (x - k * x) * 7e-16)', { variables: ['x', 'k'] });
    expect(pruneNegligibleConstants(ctx, junk, ctx.loss(junk))?.complexity).toBe(7);
  });

  it('keeps constants that matter', () => {
    const tree = parseExpression('0.5 * x * x * k + 1e-3', { variables: ['x', 'k'] });
    expect(pruneNegligibleConstants(ctx, tree, ctx.loss(tree))).toBeUndefined();
  });
});
