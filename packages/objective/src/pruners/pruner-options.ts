import { z } from 'zod';
import { ObjectiveError, echo } from '../errors.js';

/** A non-negative integer option. */
export const nonNegativeInt = z.number().int().min(0);
/** An integer option of at least `min`. */
export const intAtLeast = (min: number) => z.number().int().min(min);

/**
 * Validates a pruner's options against its zod schema (the one place its defaults
 * live) and returns the resolved options; a bad option becomes an
 * `OBJECTIVE_INVALID_ARGUMENT` error that names the field and echoes the value.
 */
export function parsePrunerOptions<S extends z.ZodType>(pruner: string, schema: S, options: unknown): z.infer<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const field = path.map(String).join('.');
  let received: unknown = options;
  for (const key of path) {
    received = typeof received === 'object' && received !== null ? (received as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const where = field === '' ? 'options' : `\`${field}\``;
  throw new ObjectiveError(
    'OBJECTIVE_INVALID_ARGUMENT',
    `${pruner}: invalid ${where} (${issue?.message ?? 'invalid value'}), got ${echo(received)}`,
    { cause: result.error },
  );
}

/** Throws `OBJECTIVE_INVALID_ARGUMENT` for a cross-field constraint. */
export function invalidPrunerOption(pruner: string, message: string): ObjectiveError {
  return new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `${pruner}: ${message}`);
}
