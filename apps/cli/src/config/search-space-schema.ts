import { z } from 'zod';

/** A float hyperparameter: uniform in [low, high], or log-uniform, or on a grid of `step`. */
export const floatParamSchema = z
  .strictObject({
    type: z.literal('float'),
    low: z.number().describe('Lower bound (inclusive).'),
    high: z.number().describe('Upper bound (inclusive).'),
    log: z.boolean().default(false).describe('Sample on a log scale (needs low > 0).'),
    step: z.number().positive().optional().describe('Discretisation step (not with log).'),
  })
  .refine((p) => p.low <= p.high, { message: 'expected `low` to be at most `high`', path: ['low'] })
  .refine((p) => !p.log || p.low > 0, { message: 'a log-scale parameter needs `low` > 0', path: ['low'] })
  .refine((p) => !(p.log && p.step !== undefined), { message: '`step` and `log` cannot be used together', path: ['step'] })
  .describe('A float hyperparameter (Optuna suggestFloat).');

/** An integer hyperparameter. */
export const intParamSchema = z
  .strictObject({
    type: z.literal('int'),
    low: z.number().int().describe('Lower bound (inclusive).'),
    high: z.number().int().describe('Upper bound (inclusive).'),
    log: z.boolean().default(false).describe('Sample on a log scale (needs low ≥ 1).'),
    step: z.number().int().positive().default(1).describe('Step between values.'),
  })
  .refine((p) => p.low <= p.high, { message: 'expected `low` to be at most `high`', path: ['low'] })
  .refine((p) => !p.log || p.low >= 1, { message: 'a log-scale int parameter needs `low` ≥ 1', path: ['low'] })
  .refine((p) => !(p.log && p.step !== 1), { message: '`step` and `log` cannot be used together', path: ['step'] })
  .describe('An integer hyperparameter (Optuna suggestInt).');

/** A categorical choice: JSON scalars only, as in Optuna. */
export const categoricalChoiceSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A categorical hyperparameter. */
export const categoricalParamSchema = z
  .strictObject({
    type: z.literal('categorical'),
    choices: z.array(categoricalChoiceSchema).min(1).describe('The values to choose from (strings, numbers, booleans or null).'),
  })
  .describe('A categorical hyperparameter (Optuna suggestCategorical).');

/** One entry of the search space. */
export const paramSchema = z.discriminatedUnion('type', [floatParamSchema, intParamSchema, categoricalParamSchema]);

/** Hyperparameter name → distribution. Names are the SR engine's (PySR's names in camelCase). */
export const searchSpaceSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected a hyperparameter name (letters, digits, `_`)' }), paramSchema)
  .refine((space) => Object.keys(space).length > 0, { message: 'expected at least one hyperparameter in the search space' })
  .describe('The hyperparameters to tune: name → distribution. Names are PySR hyperparameters in camelCase (e.g. `parsimony`, `populations`).');

export type ParamSpec = z.infer<typeof paramSchema>;
export type SearchSpace = z.infer<typeof searchSpaceSchema>;
