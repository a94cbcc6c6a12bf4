import { z } from 'zod';
import { ObjectiveError, echo } from '../errors.js';
import { PyFloat, parsePython, stringifyPython } from '../json/python-json.js';
import { categoricalDistribution, floatDistribution, intDistribution } from './factories.js';
import type { Distribution } from './index.js';

/**
 * Optuna's `distribution_to_json`: `{"name": "<Class>", "attributes": {...}}` with
 * Python's default separators and Optuna's attribute order, floats written as floats.
 */
export function distributionToJson(distribution: Distribution): string {
  switch (distribution.kind) {
    case 'float':
      return stringifyPython({
        name: 'FloatDistribution',
        attributes: {
          step: distribution.step === null ? null : new PyFloat(distribution.step),
          low: new PyFloat(distribution.low),
          high: new PyFloat(distribution.high),
          log: distribution.log,
        },
      });
    case 'int':
      return stringifyPython({
        name: 'IntDistribution',
        attributes: { log: distribution.log, step: distribution.step, low: distribution.low, high: distribution.high },
      });
    case 'categorical':
      return stringifyPython({ name: 'CategoricalDistribution', attributes: { choices: distribution.choices } });
  }
}

const num = z.number();
const choice = z.union([z.null(), z.boolean(), z.number(), z.string()]);
const named = z.object({ name: z.string(), attributes: z.record(z.string(), z.unknown()) });
const floatAttrs = z.object({ low: num, high: num, log: z.boolean().default(false), step: num.nullable().default(null) });
const intAttrs = z.object({ low: num, high: num, log: z.boolean().default(false), step: num.default(1) });
const rangeAttrs = z.object({ low: num, high: num });
const discreteAttrs = z.object({ low: num, high: num, q: num });
const intUniformAttrs = z.object({ low: num, high: num, step: num.default(1) });
const categoricalAttrs = z.object({ choices: z.array(choice) });
const abbreviated = z.discriminatedUnion('type', [
  z.object({ type: z.literal('float'), low: num, high: num, step: num.nullable().optional(), log: z.boolean().optional() }),
  z.object({ type: z.literal('int'), low: num, high: num, step: num.nullable().optional(), log: z.boolean().optional() }),
  z.object({ type: z.literal('categorical'), choices: z.array(choice) }),
]);

function fromNamed(name: string, attributes: Record<string, unknown>): Distribution {
  switch (name) {
    case 'FloatDistribution': {
      const a = floatAttrs.parse(attributes);
      return floatDistribution(a.low, a.high, { log: a.log, step: a.step });
    }
    case 'IntDistribution': {
      const a = intAttrs.parse(attributes);
      return intDistribution(a.low, a.high, { log: a.log, step: a.step });
    }
    case 'UniformDistribution': {
      const a = rangeAttrs.parse(attributes);
      return floatDistribution(a.low, a.high);
    }
    case 'LogUniformDistribution': {
      const a = rangeAttrs.parse(attributes);
      return floatDistribution(a.low, a.high, { log: true });
    }
    case 'DiscreteUniformDistribution': {
      const a = discreteAttrs.parse(attributes);
      return floatDistribution(a.low, a.high, { step: a.q });
    }
    case 'IntUniformDistribution': {
      const a = intUniformAttrs.parse(attributes);
      return intDistribution(a.low, a.high, { step: a.step });
    }
    case 'IntLogUniformDistribution': {
      const a = rangeAttrs.parse(attributes);
      return intDistribution(a.low, a.high, { log: true });
    }
    case 'CategoricalDistribution':
      return categoricalDistribution(categoricalAttrs.parse(attributes).choices);
    default:
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `unknown distribution class ${echo(name)}`);
  }
}

/**
 * Optuna's `json_to_distribution`: reads every current and deprecated class name
 * (deprecated ones become their modern equivalent) and the abbreviated
 * `{"type": "float" | "int" | "categorical", ...}` form.
 */
export function distributionFromJson(json: string | unknown): Distribution {
  try {
    const value = typeof json === 'string' ? parsePython(json) : json;
    const asNamed = named.safeParse(value);
    if (asNamed.success) return fromNamed(asNamed.data.name, asNamed.data.attributes);
    const a = abbreviated.parse(value);
    if (a.type === 'categorical') return categoricalDistribution(a.choices);
    if (a.type === 'float') return floatDistribution(a.low, a.high, { log: a.log ?? false, step: a.step ?? null });
    return intDistribution(a.low, a.high, { log: a.log ?? false, step: a.step ?? 1 });
  } catch (error) {
    if (error instanceof ObjectiveError) throw error;
    throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `invalid distribution JSON ${echo(json)}`, { cause: error });
  }
}
