import { z } from 'zod';
import { sweepConfigSchema } from './sweep-config-schema.js';

/** The JSON Schema of sweep config files (the input side: defaults are optional), from the same zod schema. */
export function sweepConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(sweepConfigSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://hyperopt.invalid/schema/sweep-config.json', title: 'hyperopt sweep config' };
}
