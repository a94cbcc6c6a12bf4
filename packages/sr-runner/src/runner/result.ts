import { z } from 'zod';
import { SR_RUNNER_ERROR_CODES } from '../errors.js';

/** One point of a Pareto front (accuracy vs complexity). */
export const paretoPointSchema = z.strictObject({
  expression: z.string(),
  complexity: z.number(),
  loss: z.number().nullable(),
});
export type ParetoPoint = z.infer<typeof paretoPointSchema>;

/** A failure recorded as data. */
export const resultErrorSchema = z.strictObject({
  code: z.enum(SR_RUNNER_ERROR_CODES),
  message: z.string(),
  timedOut: z.boolean(),
  isCanceled: z.boolean(),
});
export type ResultError = z.infer<typeof resultErrorSchema>;

const finiteOrNull = z.number().nullable();

/**
 * The result of one (equation, run): what was found, how good it is, and how it was
 * obtained. A failed fit is a result with `error` set (and null figures), not a throw.
 */
export const equationRunResultSchema = z.strictObject({
  equationId: z.string(),
  run: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
  backend: z.string(),
  backendVersion: z.string(),
  /** The chosen expression (backend's model selection), or null on error. */
  expression: z.string().nullable(),
  complexity: finiteOrNull,
  trainR2: finiteOrNull,
  testR2: finiteOrNull,
  trainLoss: finiteOrNull,
  testLoss: finiteOrNull,
  /** Exact symbolic recovery of the ground truth; null when unknown (no truth, or error). */
  exactRecovery: z.boolean().nullable(),
  paretoFront: z.array(paretoPointSchema),
  /** Why the search stopped (backend's words), or null on error. */
  stopReason: z.string().nullable(),
  wallMs: z.number().nonnegative(),
  error: resultErrorSchema.nullable(),
  /** The cache key this result is stored under. */
  cacheKey: z.string(),
});
export type EquationRunResult = z.infer<typeof equationRunResultSchema>;

/** A result as returned by `runEquations`: plus whether it came from the cache. */
export interface RunOutcome extends EquationRunResult {
  readonly fromCache: boolean;
}
