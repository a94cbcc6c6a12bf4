import { describe, expect, it } from 'vitest';
import { fromWorkerSchema } from './worker-protocol.js';

const member = (loss: number) => ({ tree: { kind: 'var', name: 'x' }, loss, cost: loss, complexity: 1, birth: 0 });

describe('worker messages', () => {
  it('accept members whose loss is +Infinity (trees with non-finite values)', () => {
    const message = { type: 'result', taskId: 1, result: { island: { members: [member(Infinity), member(0.5)], nextBirth: 2 }, bestSeen: [member(Infinity)], evaluations: 10 } };
    expect(fromWorkerSchema.safeParse(message).success).toBe(true);
  });

  it('reject a NaN loss and a malformed tree', () => {
    const nan = { type: 'result', taskId: 1, result: { island: { members: [member(Number.NaN)], nextBirth: 1 }, bestSeen: [], evaluations: 1 } };
    expect(fromWorkerSchema.safeParse(nan).success).toBe(false);
    const badTree = { type: 'result', taskId: 1, result: { island: { members: [{ ...member(1), tree: { kind: 'var' } }], nextBirth: 1 }, bestSeen: [], evaluations: 1 } };
    expect(fromWorkerSchema.safeParse(badTree).success).toBe(false);
  });
});
