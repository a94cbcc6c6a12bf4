import { z } from 'zod';
import type { Expression } from '../expression/expression.js';
import { isBinaryOperator, isUnaryOperator } from '../expression/operators.js';

/** Messages between the main thread and search workers, validated on receipt. */

function isExpression(value: unknown, depth = 0): value is Expression {
  if (depth > 200 || typeof value !== 'object' || value === null) return false;
  const node = value as Record<string, unknown>;
  switch (node.kind) {
    case 'const':
      return typeof node.value === 'number';
    case 'var':
      return typeof node.name === 'string';
    case 'unary':
      return typeof node.op === 'string' && isUnaryOperator(node.op) && isExpression(node.arg, depth + 1);
    case 'binary':
      return (
        typeof node.op === 'string' && isBinaryOperator(node.op) && isExpression(node.left, depth + 1) && isExpression(node.right, depth + 1)
      );
    default:
      return false;
  }
}

const expressionSchema = z.custom<Expression>((value) => isExpression(value), { message: 'expected an expression tree' });
/** A loss or cost: any float, since a tree that evaluates to non-finite values has loss +∞ (zod's number() rejects ∞). */
const lossValue = z.custom<number>((value) => typeof value === 'number' && !Number.isNaN(value), { message: 'expected a number or ±Infinity' });
const memberSchema = z.object({
  tree: expressionSchema,
  loss: lossValue,
  cost: lossValue,
  complexity: z.number().int(),
  birth: z.number(),
});
const islandSchema = z.object({ members: z.array(memberSchema), nextBirth: z.number() });
const float64 = z.custom<Float64Array>((value) => value instanceof Float64Array, { message: 'expected a Float64Array' });

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('fit'),
    fitId: z.number().int(),
    columns: z.array(float64),
    y: float64,
    variableNames: z.array(z.string()),
    options: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal('evolve'),
    fitId: z.number().int(),
    taskId: z.number().int(),
    task: z.object({ island: islandSchema, seed: z.number(), curmaxsize: z.number().int(), frequencies: float64 }),
  }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), fitId: z.number().int() }),
  z.object({
    type: z.literal('result'),
    taskId: z.number().int(),
    result: z.object({ island: islandSchema, bestSeen: z.array(memberSchema), evaluations: z.number() }),
  }),
  z.object({ type: z.literal('error'), taskId: z.number().int().nullable(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
