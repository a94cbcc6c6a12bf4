import { z } from 'zod';

/** One (equation, run) work item of a trial. */
export const fitItemSchema = z.object({ equation: z.string(), run: z.number().int().nonnegative() });
export type FitItem = z.infer<typeof fitItemSchema>;

/**
 * The result of one fit, as the CLI records it (the executor carries it between
 * processes, so it is validated when read back). A failed fit is a result with `error`.
 */
export const fitResultSchema = z.object({
  equation: z.string(),
  run: z.number().int().nonnegative(),
  testR2: z.number().nullable(),
  trainR2: z.number().nullable(),
  testLoss: z.number().nullable(),
  exact: z.boolean(),
  complexity: z.number().nullable(),
  wallS: z.number(),
  expression: z.string().nullable(),
  error: z.string().nullable(),
});
export type FitResult = z.infer<typeof fitResultSchema>;

/** A stable id for an item, used as the executor's item id. */
export function fitItemId(item: FitItem): string {
  return `${item.equation}#${item.run}`;
}
